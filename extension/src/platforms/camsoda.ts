import { toCount } from '../shared/parse-number';
import {
  isRecord,
  onHosts,
  parseJson,
  pathSegments,
  readFiguresWith,
  roomIdOrNull,
  stringOrNull,
} from './page-reading';
import type { PlatformAdapter, PlatformEvent, PlatformTable } from './types';

/**
 * CamSoda. Rooms live at `/<username>` on www.camsoda.com.
 *
 * Live messages: the chat socket sends JSON arrays `[code, data, 1, args]`. Code 27 is a room
 * notice; with `data.is_tip: true` it is a tip of `data.value` tokens from
 * `data.subject_username` (hidden when `data.is_stealth`), e.g.
 * `[27,{"recent_tips":88,"value":1,"subject_username":"max4you","is_tip":true,"is_stealth":false},1,["…"]]`.
 * Code 39 carries the room's viewer count as `args[0]`: `[39,{},1,[51]]`.
 * (Shapes as the public open-source tracker statbate documents them.)
 * These frames carry no message id; a tip is keyed by the room's running `recent_tips` counter
 * with its sender and amount, and counted once per frame when that counter is absent.
 */
export const CAMSODA_TABLE: PlatformTable<{ tipCode: number; viewersCode: number }> = {
  version: 'camsoda-2025.1',
  hosts: ['camsoda.com'],
  reservedPaths: [
    'account',
    'affiliates',
    'api',
    'blog',
    'browse',
    'categories',
    'feed',
    'help',
    'login',
    'messages',
    'model',
    'new',
    'p',
    'photos',
    'privacy',
    'register',
    'search',
    'settings',
    'shows',
    'signup',
    'support',
    'tag',
    'tags',
    'terms',
    'tokens',
    'top',
    'user',
    'users',
    'videos',
    'vr',
  ],
  selectors: {
    viewers: [
      { css: '[data-testid="viewer-count"]' },
      { css: '.chat-header .viewer-count' },
      { css: '[class*="viewerCount"]' },
    ],
    tokens: [{ css: '[data-testid="session-tokens"]' }, { css: '.broadcaster-stats .tokens' }],
    tips: [{ css: '[data-testid="session-tips"]' }, { css: '.broadcaster-stats .tips' }],
  },
  messages: { tipCode: 27, viewersCode: 39 },
};

export const camsoda: PlatformAdapter<'camsoda'> = {
  platform: 'camsoda',
  table: CAMSODA_TABLE,

  detectRoom(url) {
    if (!onHosts(CAMSODA_TABLE, url.hostname)) return null;
    const segments = pathSegments(url);
    return segments.length === 1 ? roomIdOrNull(CAMSODA_TABLE, segments[0].toLowerCase()) : null;
  },

  readFigures: (doc) => readFiguresWith(CAMSODA_TABLE.selectors, doc),

  parseMessage(raw) {
    const frame = parseJson(raw);
    const names = CAMSODA_TABLE.messages;
    if (!Array.isArray(frame) || typeof frame[0] !== 'number') return [];
    const [code, data, , args] = frame as [number, unknown, unknown, unknown];
    const events: PlatformEvent[] = [];
    if (code === names.tipCode && isRecord(data) && data['is_tip'] === true) {
      const amount = toCount(data['value']);
      if (amount === null || amount === 0) return [];
      const from = data['is_stealth'] === true ? null : stringOrNull(data['subject_username']);
      const sequence = toCount(data['recent_tips']);
      const id =
        sequence === null
          ? null
          : `${sequence}:${stringOrNull(data['subject_username']) ?? ''}:${amount}`;
      events.push({ kind: 'tip', id, amount, from });
    } else if (code === names.viewersCode && Array.isArray(args)) {
      const count = toCount(args[0]);
      if (count !== null) events.push({ kind: 'viewers', count });
    }
    return events;
  },
};
