import type { Platform } from '@roompulse/contracts';

/** A room is identified by its platform and its id on that platform: `chaturbate:alice_01`. */
export type RoomKey = `${Platform}:${string}`;

export function roomKey(platform: Platform, roomId: string): RoomKey {
  return `${platform}:${roomId}`;
}
