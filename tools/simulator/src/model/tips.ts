import { weighted, type Rng } from './rng';

/**
 * Tip amounts in tokens, weighted as they show up in cam rooms: many small "hello" tips, round
 * numbers, tip-menu favourites (33, 69, 77, 111, 222, 333, 666) and, rarely, a whale.
 * The weighted mean is about 53 tokens.
 */
export const TIP_AMOUNTS: readonly (readonly [number, number])[] = [
  [1, 9],
  [2, 3],
  [5, 12],
  [10, 15],
  [11, 4],
  [15, 5],
  [20, 9],
  [25, 8],
  [30, 3],
  [33, 3],
  [35, 2],
  [50, 8],
  [55, 1],
  [69, 3],
  [75, 1],
  [77, 2],
  [88, 1],
  [99, 2],
  [100, 6],
  [111, 2],
  [150, 1],
  [200, 2],
  [222, 1],
  [250, 1],
  [333, 0.8],
  [500, 0.8],
  [666, 0.3],
  [999, 0.2],
  [1000, 0.3],
  [2000, 0.08],
  [5000, 0.03],
];

/** Amounts a tip train repeats: the room's menu item of the moment. */
export const MENU_AMOUNTS: readonly (readonly [number, number])[] = [
  [10, 3],
  [25, 4],
  [33, 2],
  [50, 3],
  [69, 2],
  [77, 1],
  [100, 2],
  [111, 1],
];

export const MEAN_TIP_TOKENS =
  TIP_AMOUNTS.reduce((sum, [amount, weight]) => sum + amount * weight, 0) /
  TIP_AMOUNTS.reduce((sum, [, weight]) => sum + weight, 0);

export function tipAmount(rng: Rng): number {
  return weighted(rng, TIP_AMOUNTS);
}

export function menuAmount(rng: Rng): number {
  return weighted(rng, MENU_AMOUNTS);
}
