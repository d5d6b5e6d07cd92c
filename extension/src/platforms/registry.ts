import { PLATFORMS, type Platform } from '@roompulse/contracts';
import { camsoda } from './camsoda';
import { chaturbate } from './chaturbate';
import { stripchat } from './stripchat';
import type { PlatformAdapter } from './types';

/**
 * Every platform the extension reads. Adding a platform: add it to `PLATFORMS` in the contracts
 * library (this map then fails to compile until it has an adapter), write its adapter file, and
 * list it here. The manifest's content-script hosts derive from the adapters' tables.
 */
const ADAPTERS: { readonly [P in Platform]: PlatformAdapter<P> } = {
  chaturbate,
  stripchat,
  camsoda,
};

export const PLATFORM_ADAPTERS: readonly PlatformAdapter[] = PLATFORMS.map((p) => ADAPTERS[p]);

export function adapterFor(platform: Platform): PlatformAdapter {
  return ADAPTERS[platform];
}

/** Content-script match patterns of every platform host (https, any subdomain). */
export function platformMatchPatterns(): string[] {
  return PLATFORM_ADAPTERS.flatMap((a) => a.table.hosts.map((host) => `https://*.${host}/*`));
}

export interface RoomPage {
  adapter: PlatformAdapter;
  room: string;
}

/**
 * The platform and room of a page URL, or null when it is not a recognised room page.
 *
 * `testHosts` (a test build's extra hosts, see build.mjs) are served by a fixture server that
 * prefixes each page with its platform: `http://127.0.0.1:8080/chaturbate/alice/` is read as
 * `https://chaturbate.com/alice/`.
 */
export function resolveRoomPage(href: string, testHosts: readonly string[] = []): RoomPage | null {
  const url = parseUrl(href);
  if (!url) return null;
  const adapter = PLATFORM_ADAPTERS.find((a) => a.detectRoom(url) !== null);
  if (adapter) return { adapter, room: adapter.detectRoom(url) as string };
  if (!testHosts.includes(url.hostname)) return null;

  const [prefix, ...rest] = url.pathname.split('/').slice(1);
  const routed = PLATFORM_ADAPTERS.find((a) => a.platform === prefix);
  const host = routed?.table.hosts[0];
  const rewritten = host ? parseUrl(`https://${host}/${rest.join('/')}${url.search}`) : null;
  const room = routed && rewritten ? routed.detectRoom(rewritten) : null;
  return routed && room ? { adapter: routed, room } : null;
}

function parseUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}
