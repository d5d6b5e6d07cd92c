import type { TelemetryBatchResponse, TelemetryUpdateData } from '@roompulse/contracts';
import { seededRng } from '../model/rng';
import { ApiError, RetriableError } from './api-session';
import { Backoff } from './backoff';
import { TelemetrySender, type SenderOptions } from './telemetry-sender';

function update(room: number, tokens = 0): TelemetryUpdateData {
  return {
    room_id: `room-${room}`,
    platform: 'chaturbate',
    tokens_count: tokens,
    tips_count: 0,
    viewers_count: 1,
    timestamp: 1_800_000_000,
  };
}

function accepted(updates: TelemetryUpdateData[]): TelemetryBatchResponse {
  return {
    results: updates.map((u, index) => ({
      index,
      status: 'accepted',
      room_id: u.room_id,
      platform: u.platform,
    })),
  };
}

/** A fake batch endpoint whose answers the test releases by hand. */
class FakeEndpoint {
  readonly calls: { updates: TelemetryUpdateData[]; settle: (outcome: Error | null) => void }[] =
    [];
  inFlight = 0;
  maxInFlight = 0;

  readonly post = (updates: TelemetryUpdateData[]): Promise<TelemetryBatchResponse> => {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      this.calls.push({
        updates,
        settle: (outcome) => {
          this.inFlight -= 1;
          if (outcome) reject(outcome);
          else resolve(accepted(updates));
        },
      });
    });
  };

  /** Answers every open call with success, repeatedly, until nothing is left open. */
  async drain(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const open = this.calls.filter((c) => !('done' in c));
      if (open.length === 0) return;
      for (const call of open) {
        Object.assign(call, { done: true });
        call.settle(null);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function sender(endpoint: FakeEndpoint, options: Partial<SenderOptions> = {}) {
  return new TelemetrySender(endpoint.post, {
    concurrency: 2,
    batchSize: 500,
    backoff: new Backoff(seededRng(1), 10, 100),
    ...options,
  });
}

describe(TelemetrySender.name, () => {
  it('splits 1,234 rooms into batches of at most 500 with at most `concurrency` in flight', async () => {
    const endpoint = new FakeEndpoint();
    const queue = sender(endpoint, { concurrency: 2 });
    queue.offer(Array.from({ length: 1234 }, (_, i) => update(i)));
    expect(endpoint.calls.map((c) => c.updates.length)).toEqual([500, 500]);
    expect(queue.backlog).toBe(234);
    await endpoint.drain();
    await queue.idle();
    expect(endpoint.calls.map((c) => c.updates.length)).toEqual([500, 500, 234]);
    expect(endpoint.maxInFlight).toBe(2);
    expect(new Set(endpoint.calls.flatMap((c) => c.updates.map((u) => u.room_id))).size).toBe(1234);
    expect(queue.counters).toMatchObject({ sent: 1234, accepted: 1234, batches: 3, superseded: 0 });
  });

  it('keeps only the newest figures of a room while the backend is busy', async () => {
    const endpoint = new FakeEndpoint();
    const queue = sender(endpoint, { concurrency: 1, batchSize: 2 });
    queue.offer([update(1, 10), update(2, 10)]); // goes out at once
    queue.offer([update(3, 10), update(3, 20), update(4, 10)]);
    queue.offer([update(3, 30)]);
    await endpoint.drain();
    await queue.idle();
    const sent = endpoint.calls.flatMap((c) =>
      c.updates.map((u) => `${u.room_id}=${u.tokens_count}`),
    );
    expect(sent).toEqual(['room-1=10', 'room-2=10', 'room-4=10', 'room-3=30']);
    expect(queue.counters.superseded).toBe(2);
  });

  it('retries after a retriable failure, waiting at least the Retry-After, unless newer figures came', async () => {
    const endpoint = new FakeEndpoint();
    const errors: string[] = [];
    let now = 1000;
    const queue = sender(endpoint, {
      concurrency: 1,
      batchSize: 10,
      now: () => now,
      onError: (e) => errors.push(e.message),
    });
    queue.offer([update(1, 1), update(2, 1)]);
    queue.offer([update(2, 2)]); // queued behind the batch in flight
    endpoint.calls[0].settle(new RetriableError('HTTP 503 store unavailable', 60));
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual(['HTTP 503 store unavailable']);
    expect(endpoint.calls).toHaveLength(1); // paused
    expect(queue.backlog).toBe(2); // room-1 again, and room-2's newer figures
    now += 60;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(endpoint.calls).toHaveLength(2);
    expect(endpoint.calls[1].updates.map((u) => `${u.room_id}=${u.tokens_count}`)).toEqual([
      'room-1=1',
      'room-2=2',
    ]); // failed items first
    endpoint.calls[1].settle(null);
    await queue.idle();
    expect(queue.counters).toMatchObject({
      failedRequests: 1,
      requeued: 1,
      superseded: 1,
      sent: 2,
      dropped: 0,
    });
  });

  it('backs off exponentially while the backend keeps failing, and resets after a success', async () => {
    const backoff = new Backoff(() => 0.999, 100, 1000);
    expect([
      backoff.next(),
      backoff.next(),
      backoff.next(),
      backoff.next(),
      backoff.next(),
    ]).toEqual([100, 200, 400, 800, 1000]);
    expect(backoff.next(5000)).toBe(5000); // Retry-After is a floor
    backoff.reset();
    expect(backoff.next()).toBe(100);
    expect(new Backoff(() => 0, 100, 1000).next()).toBe(50); // equal jitter: between half and all
  });

  it('drops a batch the server refuses for good, and goes on with the next', async () => {
    const endpoint = new FakeEndpoint();
    const queue = sender(endpoint, { concurrency: 1, batchSize: 2 });
    queue.offer([update(1), update(2), update(3)]);
    endpoint.calls[0].settle(new ApiError(403, 'forbidden', null));
    await new Promise((resolve) => setImmediate(resolve));
    await endpoint.drain();
    await queue.idle();
    expect(queue.counters).toMatchObject({ dropped: 2, failedRequests: 1, sent: 1, requeued: 0 });
  });

  it('counts stale and invalid answers and reports the first invalid item of a batch', async () => {
    const invalid: unknown[] = [];
    const queue = new TelemetrySender(
      async (updates) => ({
        results: [
          { index: 0, status: 'stale', room_id: updates[0].room_id, platform: 'chaturbate' },
          { index: 1, status: 'invalid', errors: [{ field: 'timestamp', reason: 'too old' }] },
          { index: 2, status: 'invalid', errors: [{ field: 'timestamp', reason: 'too old' }] },
        ],
      }),
      {
        concurrency: 1,
        batchSize: 500,
        backoff: new Backoff(seededRng(1)),
        onInvalid: (r) => invalid.push(r),
      },
    );
    queue.offer([update(1), update(2), update(3)]);
    await queue.idle();
    expect(queue.counters).toMatchObject({ sent: 3, stale: 1, invalid: 2, accepted: 0 });
    expect(invalid).toEqual([
      { index: 1, status: 'invalid', errors: [{ field: 'timestamp', reason: 'too old' }] },
    ]);
  });

  it('refuses batch sizes the endpoint would reject', () => {
    const endpoint = new FakeEndpoint();
    expect(() => sender(endpoint, { batchSize: 501 })).toThrow('batchSize must be 1..500');
  });

  it('stops starting requests once closed and settles idle()', async () => {
    const endpoint = new FakeEndpoint();
    const queue = sender(endpoint, { concurrency: 1, batchSize: 1 });
    queue.offer([update(1), update(2), update(3)]);
    queue.close();
    const idle = queue.idle();
    endpoint.calls[0].settle(new Error('aborted'));
    await idle;
    expect(endpoint.calls).toHaveLength(1);
    expect(queue.counters).toMatchObject({ failedRequests: 0, dropped: 1 });
  });
});
