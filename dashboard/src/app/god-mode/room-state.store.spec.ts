import { TestBed } from '@angular/core/testing';
import {
  FakeClock,
  FakeRealtime,
  ManualFrames,
  snapshot,
  stored,
  update,
} from '../../testing/fakes';
import { RealtimeService } from '../realtime/realtime.service';
import { Clock } from '../shared/clock';
import { ROOM_STATUS_THRESHOLDS } from '../shared/room-status';
import { ANIMATION_FRAME } from './animation-frame';
import { APPLY_PACING, RoomStateStore, type RoomView } from './room-state.store';

/** Unix seconds of "now" at the start of every test; the fake clock starts there too. */
const T0 = 1_760_000_000;
const T0_MS = T0 * 1000;

describe(RoomStateStore.name, () => {
  let store: RoomStateStore;
  let frames: ManualFrames;
  let clock: FakeClock;
  let realtime: FakeRealtime;

  function setUp(providers: unknown[] = []): void {
    frames = new ManualFrames();
    clock = new FakeClock(T0_MS);
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({
      providers: [
        RoomStateStore,
        { provide: RealtimeService, useValue: realtime },
        { provide: Clock, useValue: clock },
        { provide: ANIMATION_FRAME, useValue: frames.schedule },
        ...(providers as never[]),
      ],
    });
    store = TestBed.inject(RoomStateStore);
  }

  function view(key: string): RoomView | undefined {
    return store.roomViews().find((room) => room.key === key);
  }

  describe('snapshot and updates', () => {
    beforeEach(() => setUp());

    it('applies a snapshot on the next animation frame, not before', () => {
      store.receiveSnapshot(
        snapshot(
          [stored('alice', 'chaturbate', { tokens: 100, tips: 2, viewers: 30 }, T0 - 5)],
          T0_MS,
        ),
        T0_MS,
      );
      expect(store.loaded()).toBe(false);
      expect(store.rooms().size).toBe(0);

      frames.flush();

      expect(store.loaded()).toBe(true);
      expect(store.roomViews()).toEqual([
        expect.objectContaining({
          key: 'chaturbate:alice',
          room_id: 'alice',
          platform: 'chaturbate',
          tokens: 100,
          tips: 2,
          viewers: 30,
          readAt: T0 - 5,
          status: 'live',
        }),
      ]);
    });

    it('replaces held figures with a newer update and adds rooms it did not know', () => {
      store.receiveSnapshot(
        snapshot(
          [stored('alice', 'chaturbate', { tokens: 100, tips: 2, viewers: 30 }, T0 - 5)],
          T0_MS,
        ),
        T0_MS,
      );
      frames.flush();

      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 125, tips: 3, viewers: 31 }, T0 - 1),
      );
      store.receiveUpdate(update('bob', 'stripchat', { tokens: 7, tips: 1, viewers: 4 }, T0 - 1));
      frames.flush();

      expect(view('chaturbate:alice')).toMatchObject({
        tokens: 125,
        tips: 3,
        viewers: 31,
        readAt: T0 - 1,
      });
      expect(view('stripchat:bob')).toMatchObject({ tokens: 7, tips: 1, viewers: 4 });
    });

    it('keys rooms by platform and room id: the same id on two platforms is two rooms', () => {
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, T0));
      store.receiveUpdate(update('alice', 'camsoda', { tokens: 2, tips: 0, viewers: 2 }, T0));
      frames.flush();

      expect(store.roomViews().map((room) => [room.key, room.tokens])).toEqual([
        ['chaturbate:alice', 1],
        ['camsoda:alice', 2],
      ]);
    });

    it('ignores an update older than the figures held (arriving in a later frame)', () => {
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 300, tips: 9, viewers: 50 }, T0 - 2),
      );
      frames.flush();

      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 250, tips: 8, viewers: 45 }, T0 - 10),
      );
      frames.flush();

      expect(view('chaturbate:alice')).toMatchObject({
        tokens: 300,
        tips: 9,
        viewers: 50,
        readAt: T0 - 2,
      });
    });

    it('keeps the newest of several updates buffered in one frame, whatever their arrival order', () => {
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 30, tips: 3, viewers: 3 }, T0 - 1),
      );
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 10, tips: 1, viewers: 1 }, T0 - 3),
      );
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 20, tips: 2, viewers: 2 }, T0 - 2),
      );
      frames.flush();

      expect(view('chaturbate:alice')).toMatchObject({ tokens: 30, readAt: T0 - 1 });
    });

    it('applies an update read in the same second as the held figures', () => {
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 10, tips: 0, viewers: 1 }, T0));
      frames.flush();
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 15, tips: 0, viewers: 1 }, T0));
      frames.flush();

      expect(view('chaturbate:alice')?.tokens).toBe(15);
    });

    it('does not let a snapshot overwrite figures newer than its own', () => {
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 500, tips: 5, viewers: 5 }, T0));
      frames.flush();

      store.receiveSnapshot(
        snapshot(
          [stored('alice', 'chaturbate', { tokens: 400, tips: 4, viewers: 4 }, T0 - 30)],
          T0_MS,
        ),
        T0_MS,
      );
      frames.flush();

      expect(view('chaturbate:alice')).toMatchObject({ tokens: 500, readAt: T0 });
    });

    it('shows rooms missing from a later snapshot as offline and keeps their last figures', () => {
      store.receiveSnapshot(
        snapshot(
          [
            stored('alice', 'chaturbate', { tokens: 100, tips: 1, viewers: 10 }, T0 - 1),
            stored('bob', 'stripchat', { tokens: 50, tips: 1, viewers: 5 }, T0 - 1),
          ],
          T0_MS,
        ),
        T0_MS,
      );
      frames.flush();

      store.receiveSnapshot(
        snapshot([stored('alice', 'chaturbate', { tokens: 110, tips: 1, viewers: 10 }, T0)], T0_MS),
        T0_MS,
      );
      frames.flush();

      expect(view('stripchat:bob')).toMatchObject({
        tokens: 50,
        inSnapshot: false,
        status: 'offline',
      });
      expect(view('chaturbate:alice')).toMatchObject({ tokens: 110, status: 'live' });

      store.receiveUpdate(update('bob', 'stripchat', { tokens: 60, tips: 1, viewers: 5 }, T0));
      frames.flush();
      expect(view('stripchat:bob')).toMatchObject({ tokens: 60, inSnapshot: true, status: 'live' });
    });

    it('drops updates buffered before a snapshot, which already reflects them', () => {
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 90, tips: 1, viewers: 1 }, T0 - 3),
      );
      store.receiveSnapshot(
        snapshot(
          [stored('alice', 'chaturbate', { tokens: 100, tips: 1, viewers: 1 }, T0 - 3)],
          T0_MS,
        ),
        T0_MS,
      );
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 120, tips: 1, viewers: 1 }, T0 - 1),
      );
      frames.flush();

      expect(view('chaturbate:alice')?.tokens).toBe(120);
    });
  });

  describe('batching per animation frame', () => {
    beforeEach(() => setUp());

    it('requests one frame for any number of updates and changes the rooms once, in that frame', () => {
      const before = store.rooms();
      for (let i = 0; i < 200; i++) {
        store.receiveUpdate(
          update(`room_${i % 50}`, 'chaturbate', { tokens: i, tips: 0, viewers: 1 }, T0 - 200 + i),
        );
      }

      expect(frames.pending).toBe(1);
      expect(store.rooms()).toBe(before);

      frames.flush();

      expect(frames.pending).toBe(0);
      expect(store.rooms()).not.toBe(before);
      expect(store.rooms().size).toBe(50);
      // Each room holds its newest update: room_49 last got i = 199.
      expect(store.rooms().get('chaturbate:room_49')?.tokens).toBe(199);
      expect(store.rooms().get('chaturbate:room_0')?.tokens).toBe(150);
    });

    it('requests a new frame for updates that arrive after the previous one ran', () => {
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, T0));
      frames.flush();
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 2, tips: 0, viewers: 1 }, T0 + 1),
      );

      expect(frames.pending).toBe(1);
      frames.flush();
      expect(view('chaturbate:alice')?.tokens).toBe(2);
    });

    it('keeps the view object of every room that did not change, until the clock ticks', () => {
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, T0));
      store.receiveUpdate(update('bella', 'stripchat', { tokens: 1, tips: 0, viewers: 1 }, T0));
      frames.flush();
      const alice = view('chaturbate:alice');
      const bella = view('stripchat:bella');

      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 2, tips: 0, viewers: 1 }, T0 + 1),
      );
      frames.flush();
      expect(view('chaturbate:alice')).not.toBe(alice);
      expect(view('chaturbate:alice')?.tokens).toBe(2);
      expect(view('stripchat:bella')).toBe(bella);

      // Age and status are measured against the clock: a tick makes every view anew.
      clock.advance(1000);
      expect(view('stripchat:bella')).not.toBe(bella);
      expect(view('stripchat:bella')?.ageMs).toBe((bella?.ageMs ?? 0) + 1000);
    });

    it('leaves the rooms untouched when every update of a frame was stale', () => {
      store.receiveUpdate(update('alice', 'chaturbate', { tokens: 5, tips: 0, viewers: 1 }, T0));
      frames.flush();
      const held = store.rooms();
      const lastUpdateAt = store.lastUpdateAt();

      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 4, tips: 0, viewers: 1 }, T0 - 60),
      );
      frames.flush();

      expect(store.rooms()).toBe(held);
      expect(store.lastUpdateAt()).toBe(lastUpdateAt);
    });
  });

  describe('pacing while the stream is busy', () => {
    const pacing = { busyUpdates: 5, intervalMs: 250 };
    const push = (count: number, from = 0) => {
      for (let i = from; i < from + count; i++) {
        store.receiveUpdate(
          update(`room_${i}`, 'chaturbate', { tokens: i, tips: 0, viewers: 1 }, T0),
        );
      }
    };

    beforeEach(() => {
      jest.useFakeTimers();
      setUp([{ provide: APPLY_PACING, useValue: pacing }]);
    });

    afterEach(() => jest.useRealTimers());

    it('applies a quiet stream on the next frame every time', () => {
      push(2);
      frames.flush();
      jest.advanceTimersByTime(10);
      push(2, 2);

      expect(frames.pending).toBe(1);
      frames.flush();
      expect(store.rooms().size).toBe(4);
    });

    it('applies a busy stream at most every intervalMs, newest figures first to last', () => {
      push(6);
      frames.flush();
      expect(store.rooms().size).toBe(6);

      jest.advanceTimersByTime(50);
      push(3, 6);
      expect(frames.pending).toBe(0);
      jest.advanceTimersByTime(199);
      expect(frames.pending).toBe(0);
      jest.advanceTimersByTime(1);
      expect(frames.pending).toBe(1);
      frames.flush();
      expect(store.rooms().size).toBe(9);
    });

    it('is quiet again once fewer than busyUpdates arrived within a second', () => {
      push(6);
      frames.flush();
      jest.advanceTimersByTime(1000);
      push(1, 6);

      expect(frames.pending).toBe(1);
    });
  });

  describe('status by age', () => {
    it('turns live → stale at 30 s → offline at 5 min as the clock ticks, without new data', () => {
      setUp();
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, T0, T0),
      );
      frames.flush();
      expect(view('chaturbate:alice')?.status).toBe('live');

      clock.advance(29_999);
      expect(view('chaturbate:alice')?.status).toBe('live');
      clock.advance(1);
      expect(view('chaturbate:alice')?.status).toBe('stale');
      clock.advance(5 * 60_000 - 30_000 - 1);
      expect(view('chaturbate:alice')?.status).toBe('stale');
      clock.advance(1);
      expect(view('chaturbate:alice')?.status).toBe('offline');
    });

    it('uses configured thresholds', () => {
      setUp([
        {
          provide: ROOM_STATUS_THRESHOLDS,
          useValue: { staleAfterMs: 3000, offlineAfterMs: 10_000 },
        },
      ]);
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, T0, T0),
      );
      frames.flush();

      clock.advance(2999);
      expect(view('chaturbate:alice')?.status).toBe('live');
      clock.advance(1);
      expect(view('chaturbate:alice')?.status).toBe('stale');
      clock.advance(7000);
      expect(view('chaturbate:alice')?.status).toBe('offline');
    });

    it('measures age on the server clock, from when the server received the figures', () => {
      setUp();
      // This machine's clock runs 60 s behind the server's.
      const serverNow = T0_MS + 60_000;
      store.receiveSnapshot(
        snapshot(
          [
            stored(
              'alice',
              'chaturbate',
              { tokens: 1, tips: 0, viewers: 1 },
              T0 + 50,
              serverNow - 10_000,
            ),
          ],
          serverNow,
        ),
        T0_MS,
      );
      frames.flush();

      expect(view('chaturbate:alice')).toMatchObject({ ageMs: 10_000, status: 'live' });
      clock.advance(20_000);
      expect(view('chaturbate:alice')).toMatchObject({ ageMs: 30_000, status: 'stale' });
    });
  });

  describe('totals', () => {
    it('sums tokens and tips of all rooms, viewers of rooms not offline, and counts live rooms', () => {
      setUp();
      store.receiveSnapshot(
        snapshot(
          [
            stored('alice', 'chaturbate', { tokens: 1000, tips: 10, viewers: 100 }, T0 - 1),
            stored('bob', 'stripchat', { tokens: 500, tips: 5, viewers: 50 }, T0 - 60),
            stored('carol', 'camsoda', { tokens: 250, tips: 2, viewers: 25 }, T0 - 600),
          ],
          T0_MS,
        ),
        T0_MS,
      );
      frames.flush();

      expect(store.roomViews().map((room) => room.status)).toEqual(['live', 'stale', 'offline']);
      expect(store.totals()).toEqual({
        tokens: 1750,
        tips: 17,
        viewers: 150,
        roomsLive: 1,
        roomsKnown: 3,
      });

      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 1100, tips: 11, viewers: 90 }, T0, T0),
      );
      frames.flush();
      expect(store.totals()).toEqual({
        tokens: 1850,
        tips: 18,
        viewers: 140,
        roomsLive: 1,
        roomsKnown: 3,
      });
    });
  });

  describe('activity', () => {
    it('rates tokens per minute from the updates seen', () => {
      setUp();
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 1000, tips: 0, viewers: 1 }, T0 - 120, T0 - 120),
      );
      frames.flush();
      store.receiveUpdate(
        update('alice', 'chaturbate', { tokens: 1300, tips: 0, viewers: 1 }, T0 - 60, T0 - 60),
      );
      frames.flush();

      // 300 tokens since the first sample two minutes ago.
      expect(view('chaturbate:alice')?.tokensPerMinute).toBe(150);
    });
  });

  describe('start', () => {
    it('connects and feeds snapshots and updates from the realtime streams', () => {
      setUp();
      store.start();
      expect(realtime.connected).toBe(1);
      expect(store.connection()).toBe('connecting');

      realtime.state$.next('connected');
      realtime.snapshots$.next(
        snapshot([stored('alice', 'chaturbate', { tokens: 1, tips: 0, viewers: 1 }, T0)], T0_MS),
      );
      realtime.updates$.next(
        update('alice', 'chaturbate', { tokens: 2, tips: 0, viewers: 1 }, T0 + 1),
      );
      frames.flush();

      expect(store.connection()).toBe('connected');
      expect(view('chaturbate:alice')?.tokens).toBe(2);
    });
  });
});
