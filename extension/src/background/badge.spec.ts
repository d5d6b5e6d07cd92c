import type { ExtensionStatus } from '@roompulse/contracts';
import { badgeFor } from './badge';

const base: ExtensionStatus = {
  backendUrl: 'https://rp.example.com',
  user: { username: 'desk1', role: 'ingest' },
  tokenExpiresAt: null,
  delivery: 'idle',
  queueLength: 0,
  lastDeliveryAt: null,
  lastError: null,
  nextRetryAt: null,
};

describe(badgeFor.name, () => {
  it('is empty while all is well', () => {
    expect(badgeFor(base).text).toBe('');
    expect(badgeFor({ ...base, delivery: 'sending', queueLength: 2 }).text).toBe('');
  });

  it('asks for the backend URL', () => {
    expect(badgeFor({ ...base, delivery: 'no-backend' })).toMatchObject({
      text: 'SET',
      title: 'RoomPulse: set the backend URL in the popup',
    });
  });

  it('shows a red ! when signed out or refused', () => {
    expect(badgeFor({ ...base, delivery: 'signed-out', queueLength: 1 })).toEqual({
      text: '!',
      color: '#c5221f',
      title: 'RoomPulse: signed out, nothing is delivered (1 update queued)',
    });
    expect(badgeFor({ ...base, delivery: 'unauthorized', queueLength: 4 }).title).toBe(
      'RoomPulse: sign in again, sending paused (4 updates queued)',
    );
  });

  it('shows the queue length in orange while retrying', () => {
    expect(
      badgeFor({
        ...base,
        delivery: 'retrying',
        queueLength: 12,
        lastError: 'Backend error: HTTP 503',
      }),
    ).toEqual({
      text: '12',
      color: '#e37400',
      title: 'RoomPulse: delivery failing, retrying (12 updates queued): Backend error: HTTP 503',
    });
    expect(badgeFor({ ...base, delivery: 'retrying', queueLength: 1000 }).text).toBe('999+');
  });
});
