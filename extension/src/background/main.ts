import type { ServiceWorkerRequest } from '@roompulse/contracts';
import { chromeArea, createExtensionStorage } from '../shared/storage';
import { storedCredentials } from './auth';
import { BackgroundApp } from './background-app';
import type { FetchLike } from './http';
import { TelemetryOutbox, type RetryScheduler } from './outbox';

export const RETRY_ALARM = 'roompulse-retry';
/** Chrome does not fire alarms sooner than this after they are set. */
const MIN_ALARM_DELAY_MS = 30_000;

/**
 * Wires the service worker. Listeners are registered synchronously, as MV3 requires, so an
 * event that wakes a stopped worker is delivered.
 */
export function main(): void {
  const storage = createExtensionStorage(
    chromeArea(chrome.storage.local),
    chromeArea(chrome.storage.session),
  );
  const fetchLike: FetchLike = (url, init) => fetch(url, init);
  let app: BackgroundApp | null = null;

  const outbox: TelemetryOutbox = new TelemetryOutbox({
    storage: storage.local,
    fetch: fetchLike,
    now: () => Date.now(),
    random: () => Math.random(),
    scheduler: retryScheduler(() => void outbox.flush()),
    credentials: storedCredentials(storage, () => Date.now()),
    log: console,
    onChange: () => void app?.refreshBadge(),
  });

  app = new BackgroundApp({
    storage,
    outbox,
    fetch: fetchLike,
    now: () => Date.now(),
    showBadge: (badge) => {
      void chrome.action.setBadgeText({ text: badge.text });
      void chrome.action.setBadgeBackgroundColor({ color: badge.color });
      void chrome.action.setTitle({ title: badge.title });
    },
    notifyTab: (tabId, message) => chrome.tabs.sendMessage(tabId, message),
  });
  const background = app;

  chrome.runtime.onMessage.addListener((message: ServiceWorkerRequest, sender, sendResponse) => {
    background
      .handle(message, sender.tab?.id)
      .then(sendResponse)
      .catch((error: unknown) => sendResponse({ ok: false, error: String(error) }));
    return true;
  });
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void outbox.flush();
  });
  chrome.tabs.onRemoved.addListener((tabId) => void background.forgetTab(tabId));
  chrome.runtime.onStartup.addListener(() => void background.wake());
  chrome.runtime.onInstalled.addListener(() => void background.wake());
  void background.wake();
}

/**
 * Retries while the worker is alive run on a timer; a `chrome.alarms` alarm backs each one up,
 * so a retry still happens after Chrome stopped the idle worker.
 */
function retryScheduler(flush: () => void): RetryScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    wakeAt(atMs) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, atMs - Date.now()));
      void chrome.alarms.create(RETRY_ALARM, {
        when: Math.max(atMs, Date.now() + MIN_ALARM_DELAY_MS),
      });
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      void chrome.alarms.clear(RETRY_ALARM);
    },
  };
}
