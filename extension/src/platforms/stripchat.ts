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
 * Stripchat. Rooms live at `/<ModelName>` (case kept, as the site prints it).
 *
 * Live messages: the page's WebSocket carries JSON frames keyed by `subscriptionKey`.
 * `newChatMessage:<modelId>` frames hold `params.message` with an `id`, a `type` and, for
 * `type: "tip"`, `details.amount` (a number, sometimes a numeric string) and
 * `userData.username`. `modelStatusChanged:<modelId>` frames hold `params.model.status`.
 * (Shapes as public open-source trackers document them: statbate, LiveSense.)
 * `type: "lovense"` messages announce toy reactions to tips already sent as `tip` messages, so
 * they are not counted again. No public source shows a viewer-count push; viewers come from the
 * DOM.
 */
export const STRIPCHAT_TABLE: PlatformTable<{
  chatMessagePrefix: string;
  tipType: string;
  statusPrefix: string;
}> = {
  version: 'stripchat-2025.1',
  hosts: ['stripchat.com'],
  reservedPaths: [
    'affiliates',
    'api',
    'app',
    'apps',
    'blog',
    'broadcast',
    'categories',
    'couples',
    'discover',
    'favorites',
    'girls',
    'guys',
    'legal',
    'login',
    'men',
    'messenger',
    'model',
    'models',
    'new',
    'search',
    'settings',
    'signup',
    'studios',
    'support',
    'tags',
    'top',
    'trans',
    'user',
    'users',
  ],
  selectors: {
    viewers: [
      { css: '[data-testid="viewers-count"]' },
      { css: '.view-cam-info-block .viewers-count' },
      { css: '[class*="ViewersCount__count"]' },
    ],
    tokens: [
      { css: '[data-testid="broadcast-earned-tokens"]' },
      { css: '.broadcast-stats .earned-tokens' },
    ],
    tips: [
      { css: '[data-testid="broadcast-tips-count"]' },
      { css: '.broadcast-stats .tips-count' },
    ],
  },
  messages: {
    chatMessagePrefix: 'newChatMessage:',
    tipType: 'tip',
    statusPrefix: 'modelStatusChanged:',
  },
};

export const stripchat: PlatformAdapter<'stripchat'> = {
  platform: 'stripchat',
  table: STRIPCHAT_TABLE,

  detectRoom(url) {
    if (!onHosts(STRIPCHAT_TABLE, url.hostname)) return null;
    const segments = pathSegments(url);
    return segments.length === 1 ? roomIdOrNull(STRIPCHAT_TABLE, segments[0]) : null;
  },

  readFigures: (doc) => readFiguresWith(STRIPCHAT_TABLE.selectors, doc),

  parseMessage(raw) {
    const frame = parseJson(raw);
    const names = STRIPCHAT_TABLE.messages;
    if (
      !isRecord(frame) ||
      typeof frame['subscriptionKey'] !== 'string' ||
      !isRecord(frame['params'])
    )
      return [];
    const key = frame['subscriptionKey'];
    const params = frame['params'];
    const events: PlatformEvent[] = [];
    if (key.startsWith(names.chatMessagePrefix) && isRecord(params['message'])) {
      const message = params['message'];
      const details = isRecord(message['details']) ? message['details'] : {};
      const user = isRecord(message['userData']) ? message['userData'] : {};
      const amount = toCount(details['amount']);
      if (message['type'] === names.tipType && amount !== null && amount > 0) {
        const id = message['id'];
        events.push({
          kind: 'tip',
          id: typeof id === 'number' ? String(id) : stringOrNull(id),
          amount,
          from: stringOrNull(user['username']),
        });
      }
    } else if (key.startsWith(names.statusPrefix) && isRecord(params['model'])) {
      const status = stringOrNull(params['model']['status']);
      if (status) events.push({ kind: 'status', status });
    }
    return events;
  },
};
