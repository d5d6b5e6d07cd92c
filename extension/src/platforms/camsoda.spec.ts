/**
 * @jest-environment jsdom
 */
import { frame, loadFrames, loadPage } from '../../test/fixtures';
import { SessionTally } from '../content/session-tally';
import { camsoda } from './camsoda';

describe('camsoda adapter', () => {
  describe('detectRoom', () => {
    it.each([
      ['https://www.camsoda.com/max4you', 'max4you'],
      ['https://camsoda.com/Max4You/', 'max4you'],
    ])('reads %s as room %p', (url, room) => {
      expect(camsoda.detectRoom(new URL(url))).toBe(room);
    });

    it.each([
      'https://www.camsoda.com/',
      'https://www.camsoda.com/browse',
      'https://www.camsoda.com/max4you/videos',
    ])('finds no room on %s', (url) => {
      expect(camsoda.detectRoom(new URL(url))).toBeNull();
    });
  });

  describe('readFigures', () => {
    it('reads the current layout, units and spaced thousands included', () => {
      expect(camsoda.readFigures(loadPage('camsoda-room')).values).toEqual({
        viewers: 51,
        tokens: 1234567,
        tips: 240,
      });
    });

    it('falls back to CSS-module class names and reports the absent tips as missing', () => {
      expect(camsoda.readFigures(loadPage('camsoda-room-legacy')).values).toEqual({
        viewers: 1500,
        tokens: 800,
        tips: null,
      });
    });
  });

  describe('parseMessage', () => {
    it('turns a code-27 tip notice into a tip keyed by the recent_tips counter', () => {
      expect(camsoda.parseMessage(frame('camsoda', 'tip of 1'))).toEqual([
        { kind: 'tip', id: '88:max4you:1', amount: 1, from: 'max4you' },
      ]);
    });

    it('hides the sender of a stealth tip', () => {
      expect(camsoda.parseMessage(frame('camsoda', 'stealth tip'))).toEqual([
        { kind: 'tip', id: '89:hidden_fan:30', amount: 30, from: null },
      ]);
    });

    it('reads the viewer count from code 39', () => {
      expect(camsoda.parseMessage(frame('camsoda', 'viewer count 51'))).toEqual([
        { kind: 'viewers', count: 51 },
      ]);
    });

    it('ignores notices that are not tips', () => {
      expect(camsoda.parseMessage(frame('camsoda', 'room notice'))).toEqual([]);
      expect(camsoda.parseMessage(frame('camsoda', 'authorised'))).toEqual([]);
    });

    it('counts a tip without a recent_tips counter once per frame', () => {
      const raw = JSON.stringify([27, { value: 5, subject_username: 'x', is_tip: true }, 1, []]);
      expect(camsoda.parseMessage(raw)).toEqual([{ kind: 'tip', id: null, amount: 5, from: 'x' }]);
    });

    it('adds up the recorded session: repeated tip once, latest viewer count', () => {
      const tally = new SessionTally();
      for (const { raw } of loadFrames('camsoda')) tally.apply(camsoda.parseMessage(raw));
      expect(tally.snapshot()).toEqual({
        live: true,
        tokens: 31,
        tips: 2,
        viewers: 53,
        status: null,
      });
    });
  });
});
