import {
  nextConnectionState,
  type ConnectionEvent,
  type ConnectionState,
} from './connection-state';

describe('nextConnectionState', () => {
  it.each<[ConnectionState, ConnectionEvent, ConnectionState]>([
    ['offline', 'open', 'connecting'],
    ['connecting', 'connected', 'connected'],
    ['connected', 'lost', 'reconnecting'],
    ['reconnecting', 'connected', 'connected'],
    ['reconnecting', 'gave-up', 'offline'],
    ['connecting', 'gave-up', 'offline'],
    ['offline', 'connected', 'connected'],
    ['connected', 'closed', 'offline'],
    ['reconnecting', 'closed', 'offline'],
    // Events that do not apply leave the state alone.
    ['connecting', 'lost', 'connecting'],
    ['connected', 'gave-up', 'connected'],
    ['offline', 'lost', 'offline'],
  ])('%s --%s--> %s', (state, event, next) => {
    expect(nextConnectionState(state, event)).toBe(next);
  });
});
