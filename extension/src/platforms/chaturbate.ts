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
 * Chaturbate. Rooms live at `/<room>/` (and the broadcaster's own view at `/b/<room>/`).
 *
 * Live messages: the room page subscribes to Chaturbate's push service (an Ably realtime
 * connection, JSON protocol). A delivered message is a frame with `action: 15`, a `channel`
 * such as `room:tip_alert:<room_uid>` and `messages[]` whose `data` is a JSON string, e.g.
 * `{"tid": "…", "amount": 25, "from_username": "…", "to_username": "…", "ts": …}`; `tid` is
 * unique per tip. Room status arrives on `room:status:<room_uid>` as `{"status": "public"|…}`.
 * (Shapes as public open-source trackers document them: statbate, LiveSense, futureporn-scout.)
 * The viewer count is not pushed on that connection (the page polls it over HTTP), so it is read
 * from the DOM only.
 */
export const CHATURBATE_TABLE: PlatformTable<{
  messageAction: number;
  tipChannelPrefix: string;
  statusChannelPrefix: string;
}> = {
  version: 'chaturbate-2025.1',
  hosts: ['chaturbate.com'],
  reservedPaths: [
    'accounts',
    'affiliates',
    'api',
    'apps',
    'auth',
    'contest',
    'couple-cams',
    'embed',
    'external_link',
    'female-cams',
    'fullvideo',
    'in',
    'male-cams',
    'p',
    'photo_videos',
    'push_service',
    'security',
    'supporter',
    'tag',
    'tags',
    'terms',
    'tipping',
    'trans-cams',
  ],
  selectors: {
    viewers: [
      { css: '[data-testid="viewer-count"]', attr: 'data-count' },
      { css: '[data-testid="viewer-count"]' },
      { css: '#roomTabs .viewers .count' },
      { css: '.roomTitle .users_count' },
    ],
    tokens: [
      { css: '[data-testid="session-tokens"]' },
      { css: '#broadcaster-stats .tokens-received' },
    ],
    tips: [{ css: '[data-testid="session-tips"]' }, { css: '#broadcaster-stats .tips-received' }],
  },
  messages: {
    messageAction: 15,
    tipChannelPrefix: 'room:tip_alert:',
    statusChannelPrefix: 'room:status:',
  },
};

export const chaturbate: PlatformAdapter<'chaturbate'> = {
  platform: 'chaturbate',
  table: CHATURBATE_TABLE,

  detectRoom(url) {
    if (!onHosts(CHATURBATE_TABLE, url.hostname)) return null;
    const segments = pathSegments(url);
    const candidate =
      segments[0] === 'b' && segments.length === 2
        ? segments[1]
        : segments.length === 1
          ? segments[0]
          : undefined;
    return roomIdOrNull(CHATURBATE_TABLE, candidate?.toLowerCase());
  },

  readFigures: (doc) => readFiguresWith(CHATURBATE_TABLE.selectors, doc),

  parseMessage(raw) {
    const frame = parseJson(raw);
    const names = CHATURBATE_TABLE.messages;
    if (
      !isRecord(frame) ||
      frame['action'] !== names.messageAction ||
      typeof frame['channel'] !== 'string'
    )
      return [];
    const channel = frame['channel'];
    const messages = Array.isArray(frame['messages']) ? frame['messages'] : [];
    const events: PlatformEvent[] = [];
    messages.forEach((message: unknown, index) => {
      if (!isRecord(message)) return;
      const data =
        typeof message['data'] === 'string' ? parseJson(message['data']) : message['data'];
      if (!isRecord(data)) return;
      if (channel.startsWith(names.tipChannelPrefix)) {
        const amount = toCount(data['amount']);
        if (amount === null || amount === 0) return;
        const frameId = stringOrNull(frame['id']);
        const id =
          stringOrNull(data['tid']) ??
          stringOrNull(message['id']) ??
          (frameId ? `${frameId}:${index}` : null);
        events.push({ kind: 'tip', id, amount, from: stringOrNull(data['from_username']) });
      } else if (channel.startsWith(names.statusChannelPrefix)) {
        const status = stringOrNull(data['status']);
        if (status) events.push({ kind: 'status', status });
      }
    });
    return events;
  },
};
