import { FIGURE_NAMES, ROOM_ID_PATTERN, type FigureName } from '@roompulse/contracts';
import { parseCount } from '../shared/parse-number';
import type { PageReading, PlatformTable, SelectorSpec } from './types';

/**
 * Reads every figure through its fallback chain: for each selector in order, each matching
 * element in document order, the first value {@link parseCount} accepts wins. A figure nothing
 * yields is null (missing), so a placeholder like "—" while the page loads never becomes 0.
 */
export function readFiguresWith(
  selectors: Record<FigureName, readonly SelectorSpec[]>,
  doc: ParentNode,
): PageReading {
  const reading: PageReading = {
    values: { tokens: null, tips: null, viewers: null },
    matchedBy: { tokens: null, tips: null, viewers: null },
  };
  for (const figure of FIGURE_NAMES) {
    for (const spec of selectors[figure]) {
      const value = firstCount(doc, spec);
      if (value !== null) {
        reading.values[figure] = value;
        reading.matchedBy[figure] = spec.attr ? `${spec.css} @${spec.attr}` : spec.css;
        break;
      }
    }
  }
  return reading;
}

function firstCount(doc: ParentNode, spec: SelectorSpec): number | null {
  for (const element of Array.from(doc.querySelectorAll(spec.css))) {
    const raw = spec.attr ? element.getAttribute(spec.attr) : element.textContent;
    const value = parseCount(raw);
    if (value !== null) return value;
  }
  return null;
}

/** True when `hostname` is one of the table's hosts or a subdomain of one. */
export function onHosts(table: PlatformTable<unknown>, hostname: string): boolean {
  const host = hostname.toLowerCase();
  return table.hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** The non-empty segments of a URL path, decoded. */
export function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** A room id if `candidate` is one the backend accepts and not a reserved site path. */
export function roomIdOrNull(
  table: PlatformTable<unknown>,
  candidate: string | undefined,
): string | null {
  if (!candidate || !ROOM_ID_PATTERN.test(candidate)) return null;
  return table.reservedPaths.includes(candidate.toLowerCase()) ? null : candidate;
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
