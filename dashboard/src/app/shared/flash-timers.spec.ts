import { TestBed } from '@angular/core/testing';
import { FlashTimers } from './flash-timers';

describe(FlashTimers.name, () => {
  let timers: FlashTimers;
  let ran: string[];

  beforeEach(() => {
    jest.useFakeTimers();
    timers = TestBed.inject(FlashTimers);
    ran = [];
  });

  afterEach(() => jest.useRealTimers());

  it('runs each callback after its delay, not before', () => {
    timers.schedule(600, () => ran.push('a'));
    jest.advanceTimersByTime(599);
    expect(ran).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(ran).toEqual(['a']);
  });

  it('ends everything scheduled in the same moment with one timer', () => {
    for (let i = 0; i < 50; i++) timers.schedule(600, () => ran.push(`f${i}`));
    for (let i = 0; i < 50; i++) timers.schedule(1500, () => ran.push(`d${i}`));
    expect(jest.getTimerCount()).toBe(2);

    jest.advanceTimersByTime(600);
    expect(ran).toHaveLength(50);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(900);
    expect(ran).toHaveLength(100);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('keeps the order and the exact delay of callbacks scheduled at different moments', () => {
    timers.schedule(600, () => ran.push('first'));
    jest.advanceTimersByTime(250);
    timers.schedule(600, () => ran.push('second'));

    jest.advanceTimersByTime(350);
    expect(ran).toEqual(['first']);
    jest.advanceTimersByTime(249);
    expect(ran).toEqual(['first']);
    jest.advanceTimersByTime(1);
    expect(ran).toEqual(['first', 'second']);
  });

  it('does not run a cancelled callback, and runs the ones around it', () => {
    timers.schedule(600, () => ran.push('a'));
    const cancel = timers.schedule(600, () => ran.push('b'));
    timers.schedule(600, () => ran.push('c'));
    cancel();

    jest.advanceTimersByTime(600);
    expect(ran).toEqual(['a', 'c']);
  });
});
