import {
  FIGURE_NAMES,
  type ExtensionStatus,
  type FigureName,
  type TabState,
} from '@roompulse/contracts';

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

export interface Line {
  label: string;
  value: string;
  tone: Tone;
}

/** "12 s ago", "3 min ago", "2 h ago"; "never" for null. */
export function formatAgo(atMs: number | null, nowMs: number): string {
  if (atMs === null) return 'never';
  const seconds = Math.max(0, Math.round((nowMs - atMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

const DELIVERY_TEXT: Record<ExtensionStatus['delivery'], [string, Tone]> = {
  'no-backend': ['Set the backend URL', 'warn'],
  'signed-out': ['Signed out: nothing is delivered', 'error'],
  unauthorized: ['Paused: sign in again', 'error'],
  retrying: ['Retrying', 'warn'],
  sending: ['Sending', 'ok'],
  idle: ['Up to date', 'ok'],
};

/** The status block of the popup. */
export function statusLines(status: ExtensionStatus, nowMs: number): Line[] {
  const [deliveryText, deliveryTone] = DELIVERY_TEXT[status.delivery];
  const retry =
    status.delivery === 'retrying' && status.nextRetryAt !== null
      ? ` (next in ${Math.max(0, Math.ceil((status.nextRetryAt - nowMs) / 1000))} s)`
      : '';
  return [
    {
      label: 'Signed in as',
      value: status.user ? `${status.user.username} (${status.user.role})` : 'nobody',
      tone: status.user ? 'ok' : 'error',
    },
    { label: 'Delivery', value: `${deliveryText}${retry}`, tone: deliveryTone },
    {
      label: 'Last delivery',
      value: formatAgo(status.lastDeliveryAt, nowMs),
      tone: status.lastDeliveryAt ? 'ok' : 'muted',
    },
    {
      label: 'Queue',
      value: String(status.queueLength),
      tone: status.queueLength > 0 ? 'warn' : 'ok',
    },
    {
      label: 'Last error',
      value: status.lastError ?? 'none',
      tone: status.lastError ? 'error' : 'muted',
    },
  ];
}

const FIGURE_LABELS: Record<FigureName, string> = {
  tokens: 'Tokens',
  tips: 'Tips',
  viewers: 'Viewers',
};

/** The current-tab block; `null` state means the tab has no content script (not a platform page). */
export function tabLines(tab: TabState | null): Line[] {
  if (!tab || !tab.platform) {
    return [{ label: 'This tab', value: 'Not a room page of a supported platform', tone: 'muted' }];
  }
  const lines: Line[] = [
    { label: 'Platform', value: tab.platform, tone: 'ok' },
    {
      label: 'Room',
      value: tab.room
        ? `${tab.room}${tab.roomSource === 'override' ? ' (override)' : ''}`
        : 'not a room page',
      tone: tab.room ? 'ok' : 'warn',
    },
  ];
  for (const figure of FIGURE_NAMES) {
    const value = tab.figures[figure];
    const source = tab.sources[figure];
    lines.push({
      label: FIGURE_LABELS[figure],
      value:
        value === null
          ? 'missing'
          : `${value.toLocaleString('en-US')} (${source === 'page' ? 'page' : 'live messages'})`,
      tone: value === null ? 'error' : 'ok',
    });
  }
  if (tab.missing.length > 0) {
    lines.push({ label: 'Not sending', value: `missing ${tab.missing.join(', ')}`, tone: 'error' });
  }
  if (tab.roomStatus) lines.push({ label: 'Room status', value: tab.roomStatus, tone: 'muted' });
  return lines;
}
