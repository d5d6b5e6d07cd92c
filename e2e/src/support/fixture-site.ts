import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocket, WebSocketServer } from 'ws';
import type { FigureName, Platform } from '@roompulse/contracts';
import { ROOT } from '@roompulse/test-support';

export const FIXTURE_PAGES = join(ROOT, 'extension/test/fixtures/pages');
export const FIXTURE_MESSAGES = join(ROOT, 'extension/test/fixtures/messages');

/** The element of each figure on the fixture pages (extension/README.md, "Fixture pages"). */
const FIGURE_ELEMENTS: Record<Platform, Record<FigureName, string>> = {
  chaturbate: {
    viewers: '[data-testid="viewer-count"]',
    tokens: '[data-testid="session-tokens"]',
    tips: '[data-testid="session-tips"]',
  },
  stripchat: {
    viewers: '[data-testid="viewers-count"]',
    tokens: '[data-testid="broadcast-earned-tokens"]',
    tips: '[data-testid="broadcast-tips-count"]',
  },
  camsoda: {
    viewers: '[data-testid="viewer-count"]',
    tokens: '[data-testid="session-tokens"]',
    tips: '[data-testid="session-tips"]',
  },
};

/** The text a figure's element shows, e.g. `"12 400 tk"`, `"1,301"`. */
export type FigureTexts = Partial<Record<FigureName, string>>;

/** One frame of `extension/test/fixtures/messages/<platform>.json`. */
export interface MessageFrame {
  note: string;
  raw: string;
}

export function messageFrames(platform: Platform): MessageFrame[] {
  const file = JSON.parse(readFileSync(join(FIXTURE_MESSAGES, `${platform}.json`), 'utf8')) as {
    frames: MessageFrame[];
  };
  return file.frames;
}

/**
 * Runs in the fixture page (appended to its body, so after the extension's document_start page
 * hook): opens the page's live socket, as the real sites do, and gives the test a way to change
 * the figures the way the site's own scripts would, by rewriting the elements' text.
 */
function pageScript(elements: Record<FigureName, string>): string {
  return `<script>
(() => {
  const elements = ${JSON.stringify(elements)};
  const socket = new WebSocket('ws://' + location.host + '/live' + location.pathname.replace(/\\/$/, ''));
  window.fixtureRoom = {
    socketState: () => socket.readyState,
    setFigures(texts) {
      for (const [figure, text] of Object.entries(texts)) {
        const element = document.querySelector(elements[figure]);
        if (!element) throw new Error('this page shows no ' + figure);
        const count = element.querySelector('.count');
        (count ?? element).textContent = text;
        if (element.hasAttribute('data-count')) element.setAttribute('data-count', text.replace(/\\D/g, ''));
      }
    },
  };
})();
</script>`;
}

interface RoomEntry {
  platform: Platform;
  room: string;
  html: string;
}

/**
 * A local stand-in for the platforms: serves fixture room pages at `/<platform>/<room>/` (how a
 * test build of the extension reads extra hosts) and a `ws` server at `/live/<platform>/<room>`
 * that each page connects to, so a test can push the platform's message frames to it.
 * Chromium reaches it under {@link host} through `--host-resolver-rules`.
 */
export class FixtureSite {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly sockets = new Map<string, WebSocket>();
  private readonly waiters = new Map<string, ((socket: WebSocket) => void)[]>();
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(host = 'rooms.test'): Promise<FixtureSite> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const site = new FixtureSite(server, host, (server.address() as { port: number }).port);
    server.on('request', (request, response) => site.serve(request, response));
    server.on('upgrade', (request, socket, head) => site.upgrade(request, socket, head));
    return site;
  }

  /** The Chromium flag that sends every request for {@link host} here. */
  get hostResolverRule(): string {
    return `--host-resolver-rules=MAP ${this.host} 127.0.0.1:${this.port}`;
  }

  /** The match pattern a test build of the extension needs (`ROOMPULSE_EXTRA_MATCHES`). */
  get matchPattern(): string {
    return `http://${this.host}/*`;
  }

  /** Serves fixture page `file` as room `room` of `platform`; returns its URL. */
  addRoom(platform: Platform, room: string, file: string): string {
    const html = readFileSync(join(FIXTURE_PAGES, file), 'utf8').replace(
      '</body>',
      `${pageScript(FIGURE_ELEMENTS[platform])}\n</body>`,
    );
    this.rooms.set(key(platform, room), { platform, room, html });
    return `http://${this.host}/${platform}/${room}/`;
  }

  /** Resolves once the room's page has opened its live socket (the latest one wins). */
  liveSocket(platform: Platform, room: string, timeoutMs = 10_000): Promise<WebSocket> {
    const id = key(platform, room);
    const open = this.sockets.get(id);
    if (open && open.readyState === WebSocket.OPEN) return Promise.resolve(open);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${id}: the page opened no live socket within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const list = this.waiters.get(id) ?? [];
      list.push((socket) => {
        clearTimeout(timer);
        resolve(socket);
      });
      this.waiters.set(id, list);
    });
  }

  /** Sends each frame to the room's page as one text frame, in order. */
  async push(platform: Platform, room: string, frames: readonly string[]): Promise<void> {
    const socket = await this.liveSocket(platform, room);
    for (const frame of frames) {
      await new Promise<void>((resolve, reject) =>
        socket.send(frame, { binary: false }, (error) => (error ? reject(error) : resolve())),
      );
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.values()) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    const [platform, room] = (request.url ?? '/').split('?')[0].split('/').filter(Boolean);
    const entry = this.rooms.get(key(platform, room));
    if (!entry) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture room');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(entry.html);
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const [live, platform, room] = (request.url ?? '/').split('?')[0].split('/').filter(Boolean);
    const id = key(platform, room);
    if (live !== 'live' || !this.rooms.has(id)) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.sockets.set(id, ws);
      for (const resolve of this.waiters.get(id) ?? []) resolve(ws);
      this.waiters.delete(id);
    });
  }
}

function key(platform: string | undefined, room: string | undefined): string {
  return `${platform}/${room}`;
}

/** Changes figures on a fixture room page through its DOM, as the site's own scripts would. */
export async function setFigures(page: Page, texts: FigureTexts): Promise<void> {
  await page.evaluate((values) => {
    const room = (window as unknown as { fixtureRoom: { setFigures(t: FigureTexts): void } })
      .fixtureRoom;
    room.setFigures(values);
  }, texts);
}
