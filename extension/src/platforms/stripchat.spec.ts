/**
 * @jest-environment jsdom
 */
import { frame, loadFrames, loadPage } from '../../test/fixtures';
import { SessionTally } from '../content/session-tally';
import { stripchat } from './stripchat';

describe('stripchat adapter', () => {
  describe('detectRoom', () => {
    it.each([
      ['https://stripchat.com/Alice_Wonder', 'Alice_Wonder'],
      ['https://stripchat.com/Alice_Wonder/', 'Alice_Wonder'],
      ['https://de.stripchat.com/Alice_Wonder?utm=x', 'Alice_Wonder'],
    ])('reads %s as room %p (case kept)', (url, room) => {
      expect(stripchat.detectRoom(new URL(url))).toBe(room);
    });

    it.each([
      'https://stripchat.com/',
      'https://stripchat.com/girls',
      'https://stripchat.com/Girls',
      'https://stripchat.com/messenger',
      'https://stripchat.com/Alice_Wonder/profile',
      'https://stripchat.com.evil.example/Alice_Wonder',
    ])('finds no room on %s', (url) => {
      expect(stripchat.detectRoom(new URL(url))).toBeNull();
    });
  });

  describe('readFigures', () => {
    it('reads the current layout', () => {
      expect(stripchat.readFigures(loadPage('stripchat-room')).values).toEqual({
        viewers: 2345,
        tokens: 1200,
        tips: 31,
      });
    });

    it('falls back to hashed class names', () => {
      const reading = stripchat.readFigures(loadPage('stripchat-room-legacy'));
      expect(reading.values).toEqual({ viewers: 512, tokens: 3000, tips: 9 });
      expect(reading.matchedBy.viewers).toBe('[class*="ViewersCount__count"]');
    });

    it('reports the stats a viewer cannot see as missing', () => {
      expect(stripchat.readFigures(loadPage('stripchat-room-viewer')).values).toEqual({
        viewers: 77,
        tokens: null,
        tips: null,
      });
    });
  });

  describe('parseMessage', () => {
    it('turns a newChatMessage tip into a tip keyed by the message id', () => {
      expect(stripchat.parseMessage(frame('stripchat', 'tip of 50'))).toEqual([
        { kind: 'tip', id: '987650001', amount: 50, from: 'dave' },
      ]);
    });

    it('accepts an amount sent as a numeric string', () => {
      expect(stripchat.parseMessage(frame('stripchat', 'tip of 20'))).toEqual([
        { kind: 'tip', id: '987650002', amount: 20, from: 'erin' },
      ]);
    });

    it('does not count the lovense reaction to a tip a second time', () => {
      expect(stripchat.parseMessage(frame('stripchat', 'lovense'))).toEqual([]);
    });

    it('turns modelStatusChanged into a status event', () => {
      expect(stripchat.parseMessage(frame('stripchat', 'model status'))).toEqual([
        { kind: 'status', status: 'public' },
      ]);
    });

    it('adds up the recorded session with the repeated tip de-duplicated', () => {
      const tally = new SessionTally();
      for (const { raw } of loadFrames('stripchat')) tally.apply(stripchat.parseMessage(raw));
      expect(tally.snapshot()).toEqual({
        live: true,
        tokens: 70,
        tips: 2,
        viewers: null,
        status: 'public',
      });
    });

    it('never throws on garbage', () => {
      for (const raw of [
        '',
        'null',
        '[]',
        '{"subscriptionKey":5}',
        '{"subscriptionKey":"newChatMessage:1","params":{"message":null}}',
      ]) {
        expect(stripchat.parseMessage(raw)).toEqual([]);
      }
    });
  });
});
