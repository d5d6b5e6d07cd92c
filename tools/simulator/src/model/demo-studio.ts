import type { Platform, Roster, Squad } from '@roompulse/contracts';
import { MAX_COUNT } from '@roompulse/contracts';
import { between, gaussian, weighted, type Rng } from './rng';

/** Largest squad the roster accepts (`Squad.rooms`), and most squads (`Roster.squads`). */
export const MAX_ROOMS_PER_SQUAD = 1000;
export const MAX_SQUADS = 200;

/** Share of rooms per platform, roughly the studio's traffic mix. */
const PLATFORM_MIX: readonly (readonly [Platform, number])[] = [
  ['chaturbate', 50],
  ['stripchat', 35],
  ['camsoda', 15],
];

const HANDLES = [
  'velvet_rose',
  'luna_sky',
  'mia_moon',
  'scarlett',
  'amber_glow',
  'ivy_wild',
  'nova_star',
  'ruby_rae',
  'sienna',
  'jade_lane',
  'cleo_kiss',
  'daisy_dukes',
  'electra',
  'faye_fox',
  'gigi_belle',
  'hazel_eyes',
  'isla_blue',
  'juno',
  'kira_kat',
  'lexi_love',
  'maya_bloom',
  'nikki_neon',
  'opal',
  'penny_lane',
  'quinn',
  'roxy_red',
  'stella_sun',
  'tessa_tease',
  'uma_vibe',
  'vivi',
  'willow',
  'xena_x',
  'yara',
  'zoe_zen',
  'bella_b',
  'candy_cloud',
  'dolly_dream',
  'eva_ember',
  'frankie',
  'gemma_gem',
];

const SQUAD_NAMES = [
  'Aurora',
  'Borealis',
  'Cobalt',
  'Dahlia',
  'Ember',
  'Fjord',
  'Gardenia',
  'Halcyon',
  'Iris',
  'Jasmine',
  'Kestrel',
  'Lotus',
  'Magnolia',
  'Nebula',
  'Orchid',
  'Peony',
  'Quartz',
  'Raven',
  'Saffron',
  'Tundra',
];

/** A simulated room and the traits that drive its figures. */
export interface RoomProfile {
  room_id: string;
  platform: Platform;
  display_name: string;
  /** Squad the roster puts it in, or null when every squad is full (it then shows as unassigned). */
  squad_id: string | null;
  /** Viewers a session settles at once it has warmed up. */
  audience: number;
  /** Tokens tipped per viewer per hour, on average. */
  generosity: number;
  daily_goal_tokens: number;
}

export interface DemoStudio {
  rooms: RoomProfile[];
  /** The simulator's own squads, ids starting with `<prefix>-`. */
  squads: Squad[];
}

export interface DemoStudioOptions {
  rooms: number;
  squads: number;
  /** Starts every room and squad id, so the simulator's data is told apart from real rooms. */
  prefix: string;
  rng: Rng;
}

function titleCase(handle: string): string {
  return handle
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * A studio of `rooms` rooms spread round-robin over `squads` squads (at most
 * {@link MAX_ROOMS_PER_SQUAD} each), with heavy-tailed audiences (median ~150 viewers, a few in
 * the thousands) and daily goals of about four hours of a room's usual earnings.
 * Same options and seed, same studio: rerunning the simulator updates the same rooms.
 */
export function buildDemoStudio(options: DemoStudioOptions): DemoStudio {
  const { prefix, rng } = options;
  const squads: Squad[] = Array.from({ length: options.squads }, (_, i) => {
    const base = SQUAD_NAMES[i % SQUAD_NAMES.length];
    const round = Math.floor(i / SQUAD_NAMES.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    return { id: `${prefix}-${name.toLowerCase().replace(/\s+/g, '-')}`, name, rooms: [] };
  });
  const rooms: RoomProfile[] = [];
  for (let i = 0; i < options.rooms; i++) {
    const handle = HANDLES[i % HANDLES.length];
    const round = Math.floor(i / HANDLES.length);
    const audience = Math.round(
      Math.min(20_000, Math.max(5, Math.exp(Math.log(150) + gaussian(rng)))),
    );
    const generosity = Math.exp(Math.log(8) + 0.5 * gaussian(rng));
    const goal = Math.round((audience * generosity * 4 * between(rng, 0.7, 1.3)) / 500) * 500;
    const squad = squads.length > 0 ? squads[i % squads.length] : undefined;
    const room: RoomProfile = {
      room_id: round === 0 ? `${prefix}-${handle}` : `${prefix}-${handle}-${round + 1}`,
      platform: weighted(rng, PLATFORM_MIX),
      display_name: round === 0 ? titleCase(handle) : `${titleCase(handle)} ${round + 1}`,
      squad_id: null,
      audience,
      generosity,
      daily_goal_tokens: Math.min(MAX_COUNT, Math.max(1000, goal)),
    };
    if (squad && squad.rooms.length < MAX_ROOMS_PER_SQUAD) {
      room.squad_id = squad.id;
      squad.rooms.push({
        room_id: room.room_id,
        platform: room.platform,
        display_name: room.display_name,
        daily_goal_tokens: room.daily_goal_tokens,
      });
    }
    rooms.push(room);
  }
  return { rooms, squads };
}

/**
 * `current` with the simulator's squads replaced by `ours`: squads of other owners stay, minus any
 * of our rooms someone filed there (a room may belong to one squad only).
 */
export function mergeRoster(current: Roster, ours: Squad[], prefix: string): Roster {
  const owned = `${prefix}-`;
  const kept = current.squads
    .filter((squad) => !squad.id.startsWith(owned))
    .map((squad) => ({
      ...squad,
      rooms: squad.rooms.filter((room) => !room.room_id.startsWith(owned)),
    }));
  return { squads: [...kept, ...ours] };
}
