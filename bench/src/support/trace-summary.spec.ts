import { summariseTrace, type TraceEvent } from './trace-summary';

const MAIN = { pid: 7, tid: 1 };
const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
});
const x = (name: string, ts: number, dur: number, thread = MAIN): TraceEvent => ({
  name,
  ph: 'X',
  ...thread,
  ts: ts * 1000,
  dur: dur * 1000,
});

describe(summariseTrace.name, () => {
  it('gives nested time to the innermost bucketed event and counts the gaps as idle', () => {
    const summary = summariseTrace([
      meta(7, 1, 'CrRendererMain'),
      // A task: 10 ms script, of which 4 ms a forced layout; then 6 ms paint inside the same task.
      x('ThreadControllerImpl::RunTask', 0, 20),
      x('FunctionCall', 0, 10),
      x('Layout', 2, 4),
      x('Paint', 12, 6),
      // 80 ms idle, then 10 ms of style recalculation.
      x('UpdateLayoutTree', 100, 10),
    ]);
    expect(summary).toEqual({
      spanMs: 110,
      mainThreadMs: { idle: 80, paint: 6, script: 6, layout: 4, style: 10, other: 4 },
    });
  });

  it('reads only the busiest renderer main thread', () => {
    const other = { pid: 9, tid: 1 };
    const summary = summariseTrace([
      meta(7, 1, 'CrRendererMain'),
      meta(9, 1, 'CrRendererMain'),
      x('Paint', 0, 5),
      x('Paint', 10, 5),
      x('FunctionCall', 0, 50, other),
    ]);
    expect(summary?.mainThreadMs).toEqual({ paint: 10, idle: 5 });
  });

  it('answers null without a renderer thread', () => {
    expect(summariseTrace([x('Paint', 0, 1)])).toBeNull();
  });
});
