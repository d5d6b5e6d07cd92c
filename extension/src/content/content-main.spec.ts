/**
 * @jest-environment jsdom
 * @jest-environment-options {"url": "https://chaturbate.com/alice_cam/"}
 */
import type { ContentScriptRequest, TabState, TelemetryMessage } from '@roompulse/contracts';
import { loadPage } from '../../test/fixtures';
import { startContentScript } from './content-main';

type Listener = (
  request: ContentScriptRequest,
  sender: unknown,
  respond: (reply: unknown) => void,
) => boolean;

function stubChrome() {
  const listeners: Listener[] = [];
  const sent: unknown[] = [];
  const stub = {
    runtime: {
      onMessage: { addListener: (l: Listener) => listeners.push(l) },
      sendMessage: jest.fn(async (message: unknown) => {
        sent.push(message);
        return { room: null };
      }),
    },
  };
  (globalThis as unknown as { chrome: unknown }).chrome = stub;
  return { listeners, sent };
}

function telemetry(sent: unknown[]): TelemetryMessage[] {
  return sent.filter(
    (m): m is TelemetryMessage => (m as TelemetryMessage).type === 'roompulse/telemetry',
  );
}

describe(startContentScript.name, () => {
  beforeAll(() => {
    document.replaceChild(
      document.importNode(loadPage('chaturbate-room').documentElement, true),
      document.documentElement,
    );
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts once however often it is injected, answers the popup and stops on pagehide', async () => {
    const { listeners, sent } = stubChrome();
    startContentScript(window);
    startContentScript(window);
    expect(listeners).toHaveLength(1);
    expect(sent).toEqual([{ type: 'roompulse/get-room-override' }]);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(telemetry(sent).map((m) => m.update)).toEqual([
      expect.objectContaining({
        room_id: 'alice_cam',
        platform: 'chaturbate',
        viewers_count: 1234,
      }),
    ]);

    let state: TabState | undefined;
    listeners[0]({ type: 'roompulse/get-tab-state' }, {}, (reply) => (state = reply as TabState));
    expect(state).toMatchObject({
      platform: 'chaturbate',
      room: 'alice_cam',
      missing: [],
      tableVersion: 'chaturbate-2025.1',
    });

    window.dispatchEvent(new Event('pagehide'));
    const tips = document.querySelector('[data-testid="session-tips"]');
    if (tips) tips.textContent = '90';
    await jest.advanceTimersByTimeAsync(120_000);
    expect(telemetry(sent)).toHaveLength(1);
  });
});
