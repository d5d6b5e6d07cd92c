import { PAGE_HOOK_SOURCE, type PageHookSocketMessage } from '@roompulse/contracts';
import { isRecord } from '../platforms/page-reading';

/**
 * The page hook's envelope from a `message` event, or null for anything else. Only events whose
 * source is the tab's own window are considered; the content is page data either way.
 */
export function readPageHookMessage(
  event: Pick<MessageEvent, 'data' | 'source'>,
  ownWindow: unknown,
): PageHookSocketMessage | null {
  const data: unknown = event.data;
  if (event.source !== ownWindow || !isRecord(data)) return null;
  if (data['source'] !== PAGE_HOOK_SOURCE || data['version'] !== 1 || data['kind'] !== 'ws-message')
    return null;
  if (typeof data['data'] !== 'string' || typeof data['socketUrl'] !== 'string') return null;
  return {
    source: PAGE_HOOK_SOURCE,
    version: 1,
    kind: 'ws-message',
    socketUrl: data['socketUrl'],
    data: data['data'],
  };
}
