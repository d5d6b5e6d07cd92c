import type {
  ContentScriptRequest,
  ExtensionReplies,
  TelemetryMessage,
} from '@roompulse/contracts';
import { TEST_HOSTS } from '../shared/build-config';
import { askWorker } from '../shared/messaging';
import { readPageHookMessage } from './page-hook-message';
import { RoomWatcher } from './room-watcher';

const STARTED = Symbol.for('roompulse.content-script');

/**
 * Wires a {@link RoomWatcher} to the tab: the page hook's messages, the popup's requests and the
 * page lifecycle. Runs once per isolated world, however often the script is injected.
 */
export function startContentScript(win: Window & Partial<Record<typeof STARTED, true>>): void {
  if (win[STARTED]) return;
  win[STARTED] = true;

  const watcher = new RoomWatcher({
    document: win.document,
    currentUrl: () => win.location.href,
    testHosts: TEST_HOSTS,
    now: () => Date.now(),
    send: (message) => sendToWorker(message, watcher),
    observe: (target, onChange) => {
      const observer = new MutationObserver(onChange);
      observer.observe(target, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      return () => observer.disconnect();
    },
  });

  win.addEventListener('message', (event) => {
    const message = readPageHookMessage(event, win);
    if (message) watcher.onSocketMessage(message.data);
  });

  chrome.runtime.onMessage.addListener((request: ContentScriptRequest, _sender, sendResponse) => {
    if (request?.type === 'roompulse/get-tab-state') {
      sendResponse(watcher.tabState() satisfies ExtensionReplies['roompulse/get-tab-state']);
    } else if (request?.type === 'roompulse/room-override-changed') {
      watcher.setRoomOverride(request.room);
      sendResponse({ ok: true } satisfies ExtensionReplies['roompulse/room-override-changed']);
    }
    return false;
  });

  // bfcache: a page put aside stops watching, and resumes if it is shown again.
  win.addEventListener('pagehide', () => watcher.stop());
  win.addEventListener('pageshow', (event) => {
    if (event.persisted) watcher.start();
  });

  askWorker({ type: 'roompulse/get-room-override' })
    .then((reply) => reply?.room && watcher.setRoomOverride(reply.room))
    .catch(() => undefined);

  if (win.document.readyState === 'loading') {
    win.document.addEventListener('DOMContentLoaded', () => watcher.start(), { once: true });
  } else {
    watcher.start();
  }
}

function sendToWorker(message: TelemetryMessage, watcher: RoomWatcher): void {
  try {
    askWorker(message).catch(() => undefined);
  } catch {
    // The extension was reloaded or removed: this script is orphaned, stop for good.
    watcher.stop();
  }
}
