import {
  FIGURE_NAMES,
  MAX_COUNT,
  type FigureName,
  type FigureSource,
  type FigureValues,
} from '@roompulse/contracts';
import type { PlatformEvent } from '../platforms/types';

/** How many tip ids are remembered for de-duplication; older ones are forgotten first. */
const REMEMBERED_TIP_IDS = 5_000;

/**
 * What a room's live messages said since the session began (the content script started on the
 * room page): tokens and tips accumulated from tip events, de-duplicated by id, and the latest
 * viewer count. `live` turns true with the first recognised event, from then on the sums are
 * real figures (0 tips is a fact); before it they are unknown.
 */
export class SessionTally {
  private readonly seen = new Set<string>();
  private tokens = 0;
  private tips = 0;
  private viewers: number | null = null;
  private status: string | null = null;
  private live = false;

  /** Applies events; true when a figure changed. Repeated tips (same id) change nothing. */
  apply(events: readonly PlatformEvent[]): boolean {
    let changed = false;
    for (const event of events) {
      if (!this.live) {
        this.live = true;
        changed = true;
      }
      switch (event.kind) {
        case 'tip':
          if (event.id !== null && !this.remember(event.id)) break;
          this.tokens = Math.min(MAX_COUNT, this.tokens + event.amount);
          this.tips = Math.min(MAX_COUNT, this.tips + 1);
          changed = true;
          break;
        case 'viewers':
          changed = changed || this.viewers !== event.count;
          this.viewers = event.count;
          break;
        case 'status':
          this.status = event.status;
          break;
      }
    }
    return changed;
  }

  snapshot(): TallySnapshot {
    return {
      live: this.live,
      tokens: this.live ? this.tokens : null,
      tips: this.live ? this.tips : null,
      viewers: this.viewers,
      status: this.status,
    };
  }

  /** True the first time an id is seen. */
  private remember(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > REMEMBERED_TIP_IDS) {
      const oldest = this.seen.values().next().value as string;
      this.seen.delete(oldest);
    }
    return true;
  }
}

export interface TallySnapshot {
  live: boolean;
  tokens: number | null;
  tips: number | null;
  viewers: number | null;
  status: string | null;
}

export interface CombinedFigures {
  values: FigureValues;
  sources: Record<FigureName, FigureSource>;
  missing: FigureName[];
}

/**
 * The figures to report: the page's own counter when it shows one, otherwise what the live
 * messages add up to, otherwise missing (null).
 */
export function combineFigures(page: FigureValues, tally: TallySnapshot): CombinedFigures {
  const fromMessages: FigureValues = {
    tokens: tally.tokens,
    tips: tally.tips,
    viewers: tally.viewers,
  };
  const combined: CombinedFigures = {
    values: { tokens: null, tips: null, viewers: null },
    sources: { tokens: null, tips: null, viewers: null },
    missing: [],
  };
  for (const figure of FIGURE_NAMES) {
    if (page[figure] !== null) {
      combined.values[figure] = page[figure];
      combined.sources[figure] = 'page';
    } else if (fromMessages[figure] !== null) {
      combined.values[figure] = fromMessages[figure];
      combined.sources[figure] = 'messages';
    } else {
      combined.missing.push(figure);
    }
  }
  return combined;
}

export function sameFigures(a: FigureValues, b: FigureValues): boolean {
  return FIGURE_NAMES.every((f) => a[f] === b[f]);
}
