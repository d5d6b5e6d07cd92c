import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Runs a callback before the next repaint. Injectable so that tests can step frames by hand. */
export type FrameScheduler = (callback: () => void) => void;

export const ANIMATION_FRAME = new InjectionToken<FrameScheduler>('ANIMATION_FRAME', {
  providedIn: 'root',
  factory: () => {
    const view = inject(DOCUMENT).defaultView;
    return view?.requestAnimationFrame
      ? (callback) => view.requestAnimationFrame(() => callback())
      : (callback) => setTimeout(callback, 16);
  },
});
