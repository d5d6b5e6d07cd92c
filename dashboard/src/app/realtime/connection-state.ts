/**
 * State of the dashboard's socket.io connection, as the connection indicator shows it.
 *
 * ```
 *                 open                      connected
 *   offline ─────────────▶ connecting ─────────────────────▶ connected
 *      ▲  ▲                   │                                 │   ▲
 *      │  │ gave-up           │ gave-up                    lost │   │ connected
 *      │  └───────────────────┘                                 ▼   │
 *      │               gave-up                               reconnecting
 *      └────────────────────────────────────────────────────────────┘
 *
 *   closed (logout, refused token, session ended): any state ──▶ offline, no retry
 * ```
 *
 * - `connecting`: first attempt after `open`; nothing received yet (the screen shows a loading state).
 * - `connected`: the socket is up; a `SNAPSHOT` or replayed events follow, then live updates.
 * - `reconnecting`: the socket dropped after having been up; socket.io retries with back-off.
 *   The figures already on screen stay, marked as possibly stale.
 * - `offline`: not connected for longer than the grace period (`gave-up`), or closed on purpose.
 *   socket.io keeps retrying after `gave-up`, so `connected` can still follow; after `closed` it cannot.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type ConnectionEvent = 'open' | 'connected' | 'lost' | 'gave-up' | 'closed';

export function nextConnectionState(
  state: ConnectionState,
  event: ConnectionEvent,
): ConnectionState {
  switch (event) {
    case 'open':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'lost':
      return state === 'connected' ? 'reconnecting' : state;
    case 'gave-up':
      return state === 'connecting' || state === 'reconnecting' ? 'offline' : state;
    case 'closed':
      return 'offline';
  }
}

/** States in which socket.io is still trying and the grace period towards `offline` runs. */
export function isRetrying(state: ConnectionState): boolean {
  return state === 'connecting' || state === 'reconnecting';
}
