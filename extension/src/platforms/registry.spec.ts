import { PLATFORMS } from '@roompulse/contracts';
import { PLATFORM_ADAPTERS, adapterFor, platformMatchPatterns, resolveRoomPage } from './registry';

describe('platform registry', () => {
  it('has one adapter per contract platform, in contract order', () => {
    expect(PLATFORM_ADAPTERS.map((a) => a.platform)).toEqual([...PLATFORMS]);
    for (const platform of PLATFORMS) expect(adapterFor(platform).platform).toBe(platform);
  });

  it('gives every adapter a versioned table with a selector chain per figure', () => {
    for (const adapter of PLATFORM_ADAPTERS) {
      expect(adapter.table.version).toMatch(new RegExp(`^${adapter.platform}-\\d{4}\\.\\d+$`));
      for (const chain of Object.values(adapter.table.selectors))
        expect(chain.length).toBeGreaterThan(0);
    }
  });

  it('derives https content-script patterns from the adapters only', () => {
    expect(platformMatchPatterns()).toEqual([
      'https://*.chaturbate.com/*',
      'https://*.stripchat.com/*',
      'https://*.camsoda.com/*',
    ]);
  });

  describe(resolveRoomPage.name, () => {
    it('finds the platform and room of a real room URL', () => {
      const page = resolveRoomPage('https://stripchat.com/Alice_Wonder');
      expect(page && { platform: page.adapter.platform, room: page.room }).toEqual({
        platform: 'stripchat',
        room: 'Alice_Wonder',
      });
    });

    it('reads a platform host over plain http (host-resolver-rules in tests)', () => {
      expect(resolveRoomPage('http://chaturbate.com/alice_cam/')?.room).toBe('alice_cam');
    });

    it('routes a test host by its first path segment', () => {
      const page = resolveRoomPage('http://127.0.0.1:8080/camsoda/max4you', ['127.0.0.1']);
      expect(page && { platform: page.adapter.platform, room: page.room }).toEqual({
        platform: 'camsoda',
        room: 'max4you',
      });
      expect(
        resolveRoomPage('http://127.0.0.1:8080/chaturbate/b/alice_cam/', ['127.0.0.1'])?.room,
      ).toBe('alice_cam');
    });

    it('ignores test hosts a production build does not list', () => {
      expect(resolveRoomPage('http://127.0.0.1:8080/camsoda/max4you')).toBeNull();
    });

    it.each([
      'http://127.0.0.1:8080/',
      'http://127.0.0.1:8080/dashboard/',
      'http://127.0.0.1:8080/camsoda/',
      'http://127.0.0.1:8080/camsoda/browse',
      'not a url',
      'https://example.com/alice',
    ])('finds no room page at %s', (href) => {
      expect(resolveRoomPage(href, ['127.0.0.1'])).toBeNull();
    });
  });
});
