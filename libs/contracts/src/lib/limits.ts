/** Room ids as the platforms use them in URLs; anything else is rejected before it reaches a store key. */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Upper bound of every counter (tokens, tips, viewers). */
export const MAX_COUNT = 1_000_000_000;

/** How far a client clock may run ahead of the server's, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Default lifetime of a room's latest figures, in seconds (TELEMETRY_TTL_SECONDS). */
export const DEFAULT_TELEMETRY_TTL_SECONDS = 3600;

/** Items per `POST /api/tracking/telemetry/batch` request. */
export const MAX_BATCH_SIZE = 500;

/** Request body limits: a single update, and a batch. */
export const MAX_SINGLE_BODY_BYTES = 16 * 1024;
export const MAX_BATCH_BODY_BYTES = 1024 * 1024;
