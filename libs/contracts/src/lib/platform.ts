/**
 * The cam platforms RoomPulse reads. Adding one here is the first step of supporting it:
 * validation, the dashboard's platform filter and the extension's adapter registry all
 * derive from this list.
 */
export const PLATFORMS = ['chaturbate', 'stripchat', 'camsoda'] as const;

export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}
