import { buildManifest, extraMatchHosts } from './manifest';

describe(buildManifest.name, () => {
  const manifest = buildManifest({ version: '1.2.3' });

  it('asks for storage and alarms only, the backend origin optionally', () => {
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('runs the page hook in the MAIN world at document_start and the content script beside it, on the platforms only', () => {
    const platforms = [
      'https://*.chaturbate.com/*',
      'https://*.stripchat.com/*',
      'https://*.camsoda.com/*',
    ];
    expect(manifest.content_scripts).toEqual([
      { matches: platforms, js: ['page-hook.js'], run_at: 'document_start', world: 'MAIN' },
      { matches: platforms, js: ['content-script.js'], run_at: 'document_start' },
    ]);
  });

  it('declares an ES-module service worker and the popup', () => {
    expect(manifest).toMatchObject({
      manifest_version: 3,
      version: '1.2.3',
      background: { service_worker: 'service-worker.js', type: 'module' },
      action: { default_popup: 'popup.html' },
    });
  });

  it('pins the extension id only when a key is given', () => {
    expect(manifest).not.toHaveProperty('key');
    expect(buildManifest({ version: '1.2.3', key: 'MIIBIjANBg' }).key).toBe('MIIBIjANBg');
  });

  it('adds a test build’s extra match patterns', () => {
    const test = buildManifest({ version: '1.2.3', extraMatches: ['http://127.0.0.1/*'] });
    for (const script of test.content_scripts ?? [])
      expect(script.matches?.at(-1)).toBe('http://127.0.0.1/*');
  });
});

describe(extraMatchHosts.name, () => {
  it('returns the hosts of narrow patterns', () => {
    expect(
      extraMatchHosts([
        'http://127.0.0.1/*',
        'http://chaturbate.com/*',
        'https://*.fixture.test/*',
      ]),
    ).toEqual(['127.0.0.1', 'chaturbate.com', 'fixture.test']);
  });

  it.each(['<all_urls>', 'http://*/*', '*://*/*', 'http://127.0.0.1:8080/*', '127.0.0.1'])(
    'refuses %p',
    (pattern) => {
      expect(() => extraMatchHosts([pattern])).toThrow(/Refusing match pattern/);
    },
  );
});
