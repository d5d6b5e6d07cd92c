import type { TelemetryUpdateData } from '@roompulse/contracts';
import { loadSimulator } from './simulator';

/**
 * Realistic updates for `rooms` rooms from the simulator's studio and room model, `rounds` rounds
 * 5 s apart, ordered room after room within a round: a load generator that walks through the pool
 * rotates over all rooms. Timestamps are replaced at send time.
 */
export function updatePool(rooms: number, rounds = 8, seed = 1): TelemetryUpdateData[] {
  const sim = loadSimulator();
  const studio = sim.buildDemoStudio({
    rooms,
    squads: 0,
    prefix: 'bench',
    rng: sim.seededRng(seed),
  });
  const start = Date.now();
  const model = new sim.StudioModel(studio.rooms, sim.seededRng(seed + 1), start, {
    churn: false,
    sessionMinutes: 45,
    breakMinutes: 15,
  });
  const pool: TelemetryUpdateData[] = [];
  for (let round = 1; round <= rounds; round++) pool.push(...model.tick(start + round * 5000));
  return pool;
}
