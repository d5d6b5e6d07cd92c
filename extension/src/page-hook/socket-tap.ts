import { PAGE_HOOK_SOURCE, type PageHookSocketMessage } from '@roompulse/contracts';

/** Frames larger than this are not copied (no figure message is anywhere near it). */
export const MAX_FORWARDED_FRAME = 256 * 1024;

const TAPPED = Symbol.for('roompulse.socket-tap');

type Tappable = { WebSocket: typeof WebSocket } & Partial<Record<typeof TAPPED, true>>;

/**
 * Replaces `win.WebSocket` with a subclass that copies every text frame it receives to
 * `forward`. The page's own handlers are untouched: the copy is one more `message` listener.
 * Instances stay `instanceof` the native WebSocket and the static constants are inherited.
 * Returns false when the window was already tapped (double injection).
 */
export function installSocketTap(
  win: Tappable,
  forward: (message: PageHookSocketMessage) => void,
): boolean {
  if (win[TAPPED]) return false;
  win[TAPPED] = true;
  const Native = win.WebSocket;
  class TappedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const socketUrl = String(url);
      this.addEventListener('message', (event: MessageEvent) => {
        const message = toPageHookMessage(socketUrl, event.data);
        if (message) forward(message);
      });
    }
  }
  Object.defineProperty(TappedWebSocket, 'name', { value: 'WebSocket' });
  win.WebSocket = TappedWebSocket;
  return true;
}

export function toPageHookMessage(socketUrl: string, data: unknown): PageHookSocketMessage | null {
  if (typeof data !== 'string' || data.length > MAX_FORWARDED_FRAME) return null;
  return { source: PAGE_HOOK_SOURCE, version: 1, kind: 'ws-message', socketUrl, data };
}
