// Popup entry: reads the status from the service worker and the current tab's state from its
// content script, and forwards the user's actions. Formatting lives in popup-view.ts.
import type { ActionResult, TabState } from '@roompulse/contracts';
import { normalizeBackendUrl } from '../shared/backend-url';
import { askTab, askWorker } from '../shared/messaging';
import { statusLines, tabLines, type Line } from './popup-view';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function renderLines(list: HTMLElement, lines: Line[]): void {
  list.replaceChildren(
    ...lines.flatMap(({ label, value, tone }) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.className = tone;
      return [dt, dd];
    }),
  );
}

function note(id: string, result: ActionResult | { ok: true; text: string } | null): void {
  const element = $(id);
  element.hidden = result === null;
  if (!result) return;
  element.textContent = result.ok ? ('text' in result ? result.text : 'Saved') : result.error;
  element.className = `note ${result.ok ? 'ok' : 'error'}`;
}

async function activeTabId(): Promise<number | null> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function refresh(): Promise<void> {
  const status = await askWorker({ type: 'roompulse/get-status' });
  const backendInput = $<HTMLInputElement>('backend-url');
  if (document.activeElement !== backendInput) backendInput.value = status.backendUrl ?? '';
  $('sign-in-form').hidden = status.user !== null && status.delivery !== 'unauthorized';
  $('sign-out').hidden = status.user === null;
  renderLines($('status-lines'), statusLines(status, Date.now()));

  const tabId = await activeTabId();
  const tab: TabState | null =
    tabId === null
      ? null
      : await askTab(tabId, { type: 'roompulse/get-tab-state' }).catch(() => null);
  renderLines($('tab-lines'), tabLines(tab));
  $('override-form').hidden = !tab?.platform;
}

$('backend-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('backend-url').value;
  const normalized = normalizeBackendUrl(input);
  if (!normalized.ok) return note('backend-note', normalized);
  // Asked within the click (a user gesture). Refused or not, the URL is saved: without the
  // permission the backend must allow this extension's origin in CORS_ORIGINS.
  const permission = chrome.permissions
    .request({ origins: [normalized.originPattern] })
    .catch(() => false);
  void askWorker({ type: 'roompulse/set-backend', backendUrl: input }).then(async (result) => {
    const granted = await permission;
    note(
      'backend-note',
      result.ok && !granted
        ? {
            ok: true,
            text: `Saved. Access not granted: the backend must list chrome-extension://${chrome.runtime.id} in CORS_ORIGINS.`,
          }
        : result,
    );
    await refresh();
  });
});

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const username = $<HTMLInputElement>('username').value.trim();
  const password = $<HTMLInputElement>('password');
  void askWorker({ type: 'roompulse/sign-in', username, password: password.value }).then(
    async (result) => {
      password.value = '';
      note('account-note', result.ok ? null : result);
      await refresh();
    },
  );
});

$('sign-out').addEventListener('click', () => {
  void askWorker({ type: 'roompulse/sign-out' }).then(refresh);
});

async function setOverride(room: string | null): Promise<void> {
  const tabId = await activeTabId();
  if (tabId === null) return;
  note('override-note', await askWorker({ type: 'roompulse/set-room-override', tabId, room }));
  await refresh();
}

$('override-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const room = $<HTMLInputElement>('room-override').value.trim();
  void setOverride(room === '' ? null : room);
});

$('override-clear').addEventListener('click', () => {
  $<HTMLInputElement>('room-override').value = '';
  void setOverride(null);
});

void refresh();
setInterval(() => void refresh(), 2_000);
