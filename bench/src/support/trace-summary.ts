/** One event of a Chromium trace (Trace Event Format), the fields the summary reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  /** µs, complete ('X') events only */
  dur?: number;
  args?: { name?: string };
}

/**
 * What the renderer's main thread was busy with, in the buckets DevTools' summary uses. Events
 * nest (a Paint inside a FunctionCall that forced it), so each microsecond is given to the
 * innermost event that has a bucket, never counted twice.
 */
const BUCKETS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.callFunction': 'script',
  RunMicrotasks: 'script',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  UpdateLayoutTree: 'style',
  ScheduleStyleRecalculation: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'layerize',
  Commit: 'commit',
  UpdateLayer: 'layerize',
  HitTest: 'other',
  ParseHTML: 'other',
};

export interface TraceSummary {
  /** Trace length, ms. */
  spanMs: number;
  /** Main-thread time per bucket, ms, busiest first; `idle` is what no event covered. */
  mainThreadMs: Record<string, number>;
}

/** The renderer main thread of the page: the thread named CrRendererMain with the most events. */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const named = events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number } | null = null;
  let bestCount = -1;
  for (const thread of named) {
    const count = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid).length;
    if (count > bestCount) {
      best = { pid: thread.pid, tid: thread.tid };
      bestCount = count;
    }
  }
  return best;
}

function enclosingBucket(stack: readonly { bucket: string | null }[]): string {
  for (let i = stack.length - 1; i >= 0; i--) {
    const bucket = stack[i].bucket;
    if (bucket !== null) return bucket;
  }
  return 'other';
}

export function summariseTrace(events: readonly TraceEvent[]): TraceSummary | null {
  const thread = mainThread(events);
  if (!thread) return null;
  const complete = events
    .filter(
      (e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined,
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  if (complete.length === 0) return { spanMs: 0, mainThreadMs: {} };

  const totals = new Map<string, number>();
  const add = (bucket: string, us: number) => totals.set(bucket, (totals.get(bucket) ?? 0) + us);
  // Walk the nesting with a stack: an event's own time is its duration minus its children's.
  const stack: { end: number; bucket: string | null; childUs: number; dur: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1].end <= until) {
      const done = stack.pop()!;
      const own = Math.max(0, done.dur - done.childUs);
      const bucket = done.bucket ?? enclosingBucket(stack);
      add(bucket, own);
      if (stack.length > 0) stack[stack.length - 1].childUs += done.dur;
    }
  };
  let busyUs = 0;
  for (const event of complete) {
    close(event.ts);
    const dur = event.dur ?? 0;
    if (stack.length === 0) busyUs += dur;
    stack.push({ end: event.ts + dur, bucket: BUCKETS[event.name] ?? null, childUs: 0, dur });
  }
  close(Infinity);

  const first = complete[0].ts;
  const last = Math.max(...complete.map((e) => e.ts + (e.dur ?? 0)));
  const spanUs = last - first;
  add('idle', Math.max(0, spanUs - busyUs));
  const mainThreadMs = Object.fromEntries(
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([bucket, us]) => [bucket, Math.round(us / 100) / 10]),
  );
  return { spanMs: Math.round(spanUs / 1000), mainThreadMs };
}
