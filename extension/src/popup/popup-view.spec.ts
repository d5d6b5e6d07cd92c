import type { ExtensionStatus, TabState } from '@roompulse/contracts';
import { formatAgo, statusLines, tabLines } from './popup-view';

const NOW = Date.parse('2025-06-01T20:00:00Z');

describe(formatAgo.name, () => {
  it('says how long ago, or never', () => {
    expect(formatAgo(null, NOW)).toBe('never');
    expect(formatAgo(NOW - 12_000, NOW)).toBe('12 s ago');
    expect(formatAgo(NOW - 180_000, NOW)).toBe('3 min ago');
    expect(formatAgo(NOW - 7_200_000, NOW)).toBe('2 h ago');
  });
});

describe(statusLines.name, () => {
  it('shows who is signed in, delivery, last delivery, queue and last error', () => {
    const status: ExtensionStatus = {
      backendUrl: 'https://rp.example.com',
      user: { username: 'desk1', role: 'ingest' },
      tokenExpiresAt: NOW + 60_000,
      delivery: 'retrying',
      queueLength: 3,
      lastDeliveryAt: NOW - 45_000,
      lastError: 'Backend error: HTTP 503',
      nextRetryAt: NOW + 4_200,
    };
    expect(statusLines(status, NOW)).toEqual([
      { label: 'Signed in as', value: 'desk1 (ingest)', tone: 'ok' },
      { label: 'Delivery', value: 'Retrying (next in 5 s)', tone: 'warn' },
      { label: 'Last delivery', value: '45 s ago', tone: 'ok' },
      { label: 'Queue', value: '3', tone: 'warn' },
      { label: 'Last error', value: 'Backend error: HTTP 503', tone: 'error' },
    ]);
  });
});

describe(tabLines.name, () => {
  it('says when the tab is not a platform page', () => {
    expect(tabLines(null)).toEqual([
      { label: 'This tab', value: 'Not a room page of a supported platform', tone: 'muted' },
    ]);
  });

  it('lists platform, room, each figure with its source, and what is missing', () => {
    const tab: TabState = {
      platform: 'stripchat',
      room: 'alice_studio',
      roomSource: 'override',
      figures: { tokens: 1200, tips: null, viewers: 2345 },
      sources: { tokens: 'messages', tips: null, viewers: 'page' },
      missing: ['tips'],
      lastSentAt: null,
      tableVersion: 'stripchat-2025.1',
      roomStatus: 'public',
    };
    expect(tabLines(tab)).toEqual([
      { label: 'Platform', value: 'stripchat', tone: 'ok' },
      { label: 'Room', value: 'alice_studio (override)', tone: 'ok' },
      { label: 'Tokens', value: '1,200 (live messages)', tone: 'ok' },
      { label: 'Tips', value: 'missing', tone: 'error' },
      { label: 'Viewers', value: '2,345 (page)', tone: 'ok' },
      { label: 'Not sending', value: 'missing tips', tone: 'error' },
      { label: 'Room status', value: 'public', tone: 'muted' },
    ]);
  });
});
