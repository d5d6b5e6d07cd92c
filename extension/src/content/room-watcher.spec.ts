/**
 * @jest-environment jsdom
 */
import type { TelemetryMessage } from '@roompulse/contracts';
import { frame, loadPage } from '../../test/fixtures';
import { RoomWatcher } from './room-watcher';

const START = Date.parse('2025-06-01T20:00:00Z');

function showPage(name: string): void {
  document.replaceChild(
    document.importNode(loadPage(name).documentElement, true),
    document.documentElement,
  );
}

function setText(testId: string, text: string): void {
  const element = document.querySelector(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no ${testId}`);
  element.textContent = text;
  element.removeAttribute('data-count');
}

function setup(page: string, url: string) {
  showPage(page);
  const sent: TelemetryMessage[] = [];
  const observer = { onChange: () => undefined as void, disconnects: 0 };
  const location = { href: url };
  const watcher = new RoomWatcher({
    document,
    currentUrl: () => location.href,
    testHosts: [],
    now: () => Date.now(),
    send: (message) => sent.push(message),
    observe: (_target, onChange) => {
      observer.onChange = onChange;
      return () => observer.disconnects++;
    },
  });
  return { watcher, sent, observer, location };
}

describe(RoomWatcher.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: START }));
  afterEach(() => jest.useRealTimers());

  it('sends the page figures about a second after the room page opens', () => {
    const { watcher, sent } = setup('chaturbate-room', 'https://chaturbate.com/alice_cam/');
    watcher.start();
    jest.advanceTimersByTime(999);
    expect(sent).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([
      {
        type: 'roompulse/telemetry',
        reason: 'change',
        update: {
          room_id: 'alice_cam',
          platform: 'chaturbate',
          tokens_count: 12345,
          tips_count: 87,
          viewers_count: 1234,
          timestamp: START / 1000 + 1,
        },
      },
    ]);
  });

  it('coalesces changes within the second into one update with the latest figures', () => {
    const { watcher, sent, observer } = setup(
      'chaturbate-room',
      'https://chaturbate.com/alice_cam/',
    );
    watcher.start();
    jest.advanceTimersByTime(1_000);
    sent.length = 0;

    for (const viewers of ['1,300', '1,301', '1,302']) {
      setText('viewer-count', viewers);
      observer.onChange();
      jest.advanceTimersByTime(300);
    }
    jest.advanceTimersByTime(1_000);
    expect(sent.map((m) => m.update.viewers_count)).toEqual([1302]);
    expect(sent[0].reason).toBe('change');
  });

  it('sends a heartbeat 30 s after the last update while nothing changes', () => {
    const { watcher, sent } = setup('chaturbate-room', 'https://chaturbate.com/alice_cam/');
    watcher.start();
    jest.advanceTimersByTime(1_000);
    jest.advanceTimersByTime(29_999);
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({
      reason: 'heartbeat',
      update: { viewers_count: 1234, timestamp: START / 1000 + 31 },
    });
    jest.advanceTimersByTime(30_000);
    expect(sent.map((m) => m.reason)).toEqual(['change', 'heartbeat', 'heartbeat']);
  });

  it('catches a change the observer missed on the 5 s poll', () => {
    const { watcher, sent } = setup('chaturbate-room', 'https://chaturbate.com/alice_cam/');
    watcher.start();
    jest.advanceTimersByTime(1_000);
    setText('session-tokens', '12 400 tk'); // no observer callback
    jest.advanceTimersByTime(4_000); // poll at t = 5 s
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    expect(sent.map((m) => m.update.tokens_count)).toEqual([12345, 12400]);
  });

  it('sends nothing from a page that is not a recognised room', () => {
    const { watcher, sent } = setup('chaturbate-room', 'https://chaturbate.com/tag/new/');
    watcher.start();
    jest.advanceTimersByTime(120_000);
    expect(sent).toEqual([]);
    expect(watcher.tabState()).toMatchObject({ platform: null, room: null });
  });

  it('holds updates while a figure is missing and reports which', () => {
    const { watcher, sent } = setup('stripchat-room-viewer', 'https://stripchat.com/Alice_Wonder');
    watcher.start();
    jest.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
    expect(watcher.tabState()).toMatchObject({
      platform: 'stripchat',
      room: 'Alice_Wonder',
      figures: { tokens: null, tips: null, viewers: 77 },
      missing: ['tokens', 'tips'],
    });
  });

  it('fills missing tokens and tips from tip messages, each tip once', () => {
    const { watcher, sent } = setup('stripchat-room-viewer', 'https://stripchat.com/Alice_Wonder');
    watcher.start();
    watcher.onSocketMessage(frame('stripchat', 'tip of 50'));
    watcher.onSocketMessage(frame('stripchat', 'the same tip again'));
    watcher.onSocketMessage(frame('stripchat', 'tip of 20'));
    jest.advanceTimersByTime(1_000);
    expect(sent.map((m) => m.update)).toEqual([
      expect.objectContaining({ tokens_count: 70, tips_count: 2, viewers_count: 77 }),
    ]);
    expect(watcher.tabState().sources).toEqual({
      tokens: 'messages',
      tips: 'messages',
      viewers: 'page',
    });
  });

  it('uses the popup override as the room id', () => {
    const { watcher, sent } = setup('chaturbate-room', 'https://chaturbate.com/alice_cam/');
    watcher.start();
    jest.advanceTimersByTime(1_000);
    watcher.setRoomOverride('alice_studio');
    jest.advanceTimersByTime(1_000);
    expect(sent.map((m) => m.update.room_id)).toEqual(['alice_cam', 'alice_studio']);
    expect(watcher.tabState()).toMatchObject({ room: 'alice_studio', roomSource: 'override' });
  });

  it('starts a new session when the single-page site moves to another room', () => {
    const { watcher, sent, location } = setup(
      'stripchat-room-viewer',
      'https://stripchat.com/Alice_Wonder',
    );
    watcher.start();
    watcher.onSocketMessage(frame('stripchat', 'tip of 50'));
    jest.advanceTimersByTime(1_000);
    location.href = 'https://stripchat.com/Bella_Rose';
    jest.advanceTimersByTime(5_000);
    expect(sent.map((m) => m.update.room_id)).toEqual(['Alice_Wonder']);
    expect(watcher.tabState()).toMatchObject({ room: 'Bella_Rose', missing: ['tokens', 'tips'] });
  });

  it('disconnects its observer and sends nothing after stop', () => {
    const { watcher, sent, observer } = setup(
      'chaturbate-room',
      'https://chaturbate.com/alice_cam/',
    );
    watcher.start();
    jest.advanceTimersByTime(1_000);
    watcher.stop();
    expect(observer.disconnects).toBe(1);
    setText('viewer-count', '2,000');
    watcher.onSocketMessage(frame('chaturbate', 'tip of 25'));
    jest.advanceTimersByTime(120_000);
    expect(sent).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});
