import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type {
  Platform,
  Squad,
  TelemetryBatchResponse,
  TelemetryUpdateData,
} from '@roompulse/contracts';
import { DIST } from './paths';

/**
 * The part of the simulator's programmatic API (tools/simulator/src/index.ts) the bench drives.
 *
 * The simulator is an application, which the module-boundary rule keeps other projects from
 * importing; its build (`dist/simulator/main.js`) is made to be required, so the bench loads it at
 * run time and states here the shapes it relies on. {@link loadSimulator} checks they are there.
 */
export interface SimRoomProfile {
  room_id: string;
  platform: Platform;
  display_name: string;
  squad_id: string | null;
  audience: number;
  generosity: number;
  daily_goal_tokens: number;
}

export interface SimStudio {
  rooms: SimRoomProfile[];
  squads: Squad[];
}

export interface SimStudioModel {
  /** Advances every room to `nowMs` and returns one update per live room. */
  tick(nowMs: number): TelemetryUpdateData[];
}

export interface SimSenderCounters {
  sent: number;
  accepted: number;
  stale: number;
  invalid: number;
  superseded: number;
  dropped: number;
  batches: number;
  failedRequests: number;
}

export interface SimTelemetrySender {
  readonly counters: SimSenderCounters;
  readonly backlog: number;
  offer(updates: readonly TelemetryUpdateData[]): void;
  idle(): Promise<void>;
  close(): void;
}

export interface SimBackoff {
  next(retryAfterMs?: number | null): number;
  reset(): void;
}

export interface SimulatorApi {
  buildDemoStudio(options: {
    rooms: number;
    squads: number;
    prefix: string;
    rng: () => number;
  }): SimStudio;
  StudioModel: new (
    profiles: readonly SimRoomProfile[],
    rng: () => number,
    startMs: number,
    options: { churn: boolean; sessionMinutes: number; breakMinutes: number },
  ) => SimStudioModel;
  seededRng(seed: number): () => number;
  TelemetrySender: new (
    post: (updates: TelemetryUpdateData[]) => Promise<TelemetryBatchResponse>,
    options: {
      concurrency: number;
      batchSize: number;
      backoff: SimBackoff;
      onError?: (error: Error, items: number) => void;
      now?: () => number;
    },
  ) => SimTelemetrySender;
}

const REQUIRED = ['buildDemoStudio', 'StudioModel', 'seededRng', 'TelemetrySender'] as const;

let loaded: SimulatorApi | null = null;

export function loadSimulator(): SimulatorApi {
  if (loaded) return loaded;
  const bundle = join(DIST, 'simulator/main.js');
  if (!existsSync(bundle)) {
    throw new Error(
      `no simulator build at ${bundle}: run "NX_DAEMON=false npx nx build simulator"`,
    );
  }
  const api = createRequire(__filename)(bundle) as Record<string, unknown>;
  const missing = REQUIRED.filter((name) => typeof api[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(
      `the simulator build no longer exports ${missing.join(', ')}; update bench/src/support/simulator.ts`,
    );
  }
  loaded = api as unknown as SimulatorApi;
  return loaded;
}
