import type { ExtensionStatus } from '@roompulse/contracts';

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

const RED = '#c5221f';
const ORANGE = '#e37400';
const GREY = '#5f6368';

/**
 * The toolbar badge: empty while all is well, otherwise the trouble at a glance.
 * `!` red: not signed in, or the backend refused the token (sending paused).
 * `SET` grey: no backend URL yet.
 * a number, orange: deliveries are failing and retrying; that many updates are queued.
 */
export function badgeFor(status: ExtensionStatus): BadgeView {
  const queued = status.queueLength;
  const queuedText = queued === 1 ? '1 update queued' : `${queued} updates queued`;
  switch (status.delivery) {
    case 'no-backend':
      return { text: 'SET', color: GREY, title: 'RoomPulse: set the backend URL in the popup' };
    case 'signed-out':
      return {
        text: '!',
        color: RED,
        title: `RoomPulse: signed out, nothing is delivered (${queuedText})`,
      };
    case 'unauthorized':
      return {
        text: '!',
        color: RED,
        title: `RoomPulse: sign in again, sending paused (${queuedText})`,
      };
    case 'retrying':
      return {
        text: queued > 999 ? '999+' : String(queued),
        color: ORANGE,
        title: `RoomPulse: delivery failing, retrying (${queuedText})${status.lastError ? `: ${status.lastError}` : ''}`,
      };
    default:
      return { text: '', color: GREY, title: 'RoomPulse: delivering' };
  }
}
