import type { PageHookSocketMessage } from '@roompulse/contracts';
import { MAX_FORWARDED_FRAME, installSocketTap, toPageHookMessage } from './socket-tap';

/** A stand-in for the browser's WebSocket: records listeners, lets the test deliver frames. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(
    readonly url: string | URL,
    readonly protocols?: string | string[],
  ) {
    super();
    FakeSocket.instances.push(this);
  }
  receive(data: unknown): void {
    const event = new MessageEvent('message', { data });
    this.onmessage?.(event);
    this.dispatchEvent(event);
  }
}

function tappedWindow() {
  FakeSocket.instances = [];
  const win = { WebSocket: FakeSocket as unknown as typeof WebSocket };
  const forwarded: PageHookSocketMessage[] = [];
  const installed = installSocketTap(win, (m) => forwarded.push(m));
  return { win, forwarded, installed };
}

describe(installSocketTap.name, () => {
  it("copies text frames and leaves the page's own handler working", () => {
    const { win, forwarded } = tappedWindow();
    const pageSaw: unknown[] = [];
    const socket = new win.WebSocket('wss://realtime.example/ws', ['v1']) as unknown as FakeSocket;
    socket.onmessage = (e) => pageSaw.push(e.data);
    socket.receive('{"action":15}');

    expect(pageSaw).toEqual(['{"action":15}']);
    expect(forwarded).toEqual([
      {
        source: 'roompulse-page-hook',
        version: 1,
        kind: 'ws-message',
        socketUrl: 'wss://realtime.example/ws',
        data: '{"action":15}',
      },
    ]);
    expect(socket.protocols).toEqual(['v1']);
  });

  it('keeps instanceof, the statics and the constructor name', () => {
    const { win } = tappedWindow();
    const socket = new win.WebSocket('wss://x.example/');
    expect(socket).toBeInstanceOf(FakeSocket);
    expect(win.WebSocket.OPEN).toBe(1);
    expect(win.WebSocket.name).toBe('WebSocket');
  });

  it('skips binary and oversized frames', () => {
    const { win, forwarded } = tappedWindow();
    const socket = new win.WebSocket('wss://x.example/') as unknown as FakeSocket;
    socket.receive(new ArrayBuffer(8));
    socket.receive('x'.repeat(MAX_FORWARDED_FRAME + 1));
    expect(forwarded).toEqual([]);
  });

  it('installs once however often the page hook is injected', () => {
    const { win, forwarded, installed } = tappedWindow();
    expect(installed).toBe(true);
    expect(installSocketTap(win, (m) => forwarded.push(m))).toBe(false);
    (new win.WebSocket('wss://x.example/') as unknown as FakeSocket).receive('once');
    expect(forwarded).toHaveLength(1);
  });

  it('builds the envelope only for strings', () => {
    expect(toPageHookMessage('wss://a', 42)).toBeNull();
    expect(toPageHookMessage('wss://a', 'x')?.data).toBe('x');
  });
});
