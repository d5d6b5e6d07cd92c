/**
 * @jest-environment jsdom
 */
import { loadFrames, loadPage, frame } from '../../test/fixtures';
import { SessionTally } from '../content/session-tally';
import { chaturbate } from './chaturbate';

describe('chaturbate adapter', () => {
  describe('detectRoom', () => {
    it.each([
      ['https://chaturbate.com/alice_cam/', 'alice_cam'],
      ['https://chaturbate.com/alice_cam', 'alice_cam'],
      ['https://www.chaturbate.com/Alice_Cam/?tab=bio', 'alice_cam'],
      ['https://de.chaturbate.com/alice_cam/', 'alice_cam'],
      ['https://chaturbate.com/b/alice_cam/', 'alice_cam'],
    ])('reads %s as room %p', (url, room) => {
      expect(chaturbate.detectRoom(new URL(url))).toBe(room);
    });

    it.each([
      'https://chaturbate.com/',
      'https://chaturbate.com/tag/new/',
      'https://chaturbate.com/female-cams/',
      'https://chaturbate.com/accounts/login/',
      'https://chaturbate.com/alice_cam/photos/',
      'https://chaturbate.com/bad%20room/',
      'https://notchaturbate.com/alice_cam/',
      'https://stripchat.com/alice_cam',
    ])('finds no room on %s', (url) => {
      expect(chaturbate.detectRoom(new URL(url))).toBeNull();
    });
  });

  describe('readFigures', () => {
    it('reads the current layout through the first selectors, the attribute before the rounded text', () => {
      const reading = chaturbate.readFigures(loadPage('chaturbate-room'));
      expect(reading.values).toEqual({ viewers: 1234, tokens: 12345, tips: 87 });
      expect(reading.matchedBy).toEqual({
        viewers: '[data-testid="viewer-count"] @data-count',
        tokens: '[data-testid="session-tokens"]',
        tips: '[data-testid="session-tips"]',
      });
    });

    it('falls back to the older layout selectors', () => {
      const reading = chaturbate.readFigures(loadPage('chaturbate-room-legacy'));
      expect(reading.values).toEqual({ viewers: 987, tokens: 4567, tips: 12 });
      expect(reading.matchedBy.viewers).toBe('.roomTitle .users_count');
    });

    it('reports figures it cannot find as null, never 0 (and never reads the viewer balance)', () => {
      const reading = chaturbate.readFigures(loadPage('chaturbate-room-loading'));
      expect(reading.values).toEqual({ viewers: null, tokens: null, tips: null });
      expect(reading.matchedBy).toEqual({ viewers: null, tokens: null, tips: null });
    });
  });

  describe('parseMessage', () => {
    it('turns a tip_alert push into a tip with its tid, amount and sender', () => {
      expect(chaturbate.parseMessage(frame('chaturbate', 'tip of 25'))).toEqual([
        { kind: 'tip', id: '17600000001:101', amount: 25, from: 'carol' },
      ]);
    });

    it('turns a room:status push into a status event', () => {
      expect(chaturbate.parseMessage(frame('chaturbate', 'room status'))).toEqual([
        { kind: 'status', status: 'offline' },
      ]);
    });

    it.each(['connected', 'attached', 'chat message', 'heartbeat', 'not JSON'])(
      'finds no event in the %s frame',
      (note) => {
        expect(chaturbate.parseMessage(frame('chaturbate', note))).toEqual([]);
      },
    );

    it('adds up the recorded session once per tip, the replayed frame de-duplicated', () => {
      const tally = new SessionTally();
      for (const { raw } of loadFrames('chaturbate')) tally.apply(chaturbate.parseMessage(raw));
      expect(tally.snapshot()).toEqual({
        live: true,
        tokens: 125,
        tips: 2,
        viewers: null,
        status: 'offline',
      });
    });

    it('ignores tips without a positive whole amount', () => {
      const zero = JSON.stringify({
        action: 15,
        channel: 'room:tip_alert:X',
        messages: [
          { data: JSON.stringify({ tid: 't1', amount: 0 }) },
          { data: JSON.stringify({ tid: 't2', amount: 'many' }) },
        ],
      });
      expect(chaturbate.parseMessage(zero)).toEqual([]);
    });
  });
});
