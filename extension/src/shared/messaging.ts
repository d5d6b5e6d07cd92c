import type { ContentScriptRequest, ReplyTo, ServiceWorkerRequest } from '@roompulse/contracts';

/** Sends a request to the service worker; the reply is typed by the contracts' message map. */
export function askWorker<M extends ServiceWorkerRequest>(message: M): Promise<ReplyTo<M>> {
  return chrome.runtime.sendMessage<M, ReplyTo<M>>(message);
}

/** Sends a request to the content script of a tab. Rejects when the tab has none. */
export function askTab<M extends ContentScriptRequest>(
  tabId: number,
  message: M,
): Promise<ReplyTo<M>> {
  return chrome.tabs.sendMessage<M, ReplyTo<M>>(tabId, message);
}
