import { MAX_COUNT } from '@roompulse/contracts';

const SPACES = /[\s\u00a0\u2009\u202f]+/g;
/** Unit words the platforms print after a count ("1 234 tk", "87 tokens", "1.2k viewers"). */
const UNIT = /\s*(?:tks?|tokens?|viewers?|watching|users?)\.?$/i;
const SUFFIX = /^(.*?)\s?([km])$/i;
const PLAIN = /^\d+$/;
/** Digit groups of three with one consistent separator: "1,234", "12 345", "1.234.567". */
const GROUPED = /^\d{1,3}(?:([ ,.])\d{3})(?:\1\d{3})*$/;
/** A short decimal, only meaningful before a k/M suffix: "1.2k", "1,5k", "2.25M". */
const DECIMAL = /^(\d+)[.,](\d{1,2})$/;

/**
 * Parses a count as the platforms print it, strictly: "1,234", "12 345", "1.2k", "3M",
 * "1 234 tk". Returns a non-negative integer, or `null` for anything else (empty, negative,
 * malformed grouping such as "1,23", a decimal without a k/M suffix, more than {@link MAX_COUNT}).
 * `null` means "missing": callers never turn it into 0.
 */
export function parseCount(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  let text = raw.replace(SPACES, ' ').trim().replace(UNIT, '').trim();
  let multiplier = 1;
  const suffixed = SUFFIX.exec(text);
  if (suffixed) {
    text = suffixed[1].trim();
    multiplier = suffixed[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
  }
  const mantissa = parseMantissa(text, multiplier > 1);
  if (mantissa === null) return null;
  const value = Math.round(mantissa * multiplier);
  return Number.isSafeInteger(value) && value <= MAX_COUNT ? value : null;
}

function parseMantissa(text: string, allowDecimal: boolean): number | null {
  if (PLAIN.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/[ ,.]/g, ''));
  const decimal = allowDecimal ? DECIMAL.exec(text) : null;
  return decimal ? Number(`${decimal[1]}.${decimal[2]}`) : null;
}

/** A count that arrives as JSON: a non-negative integer, or a string {@link parseCount} accepts. */
export function toCount(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= MAX_COUNT ? value : null;
  }
  return typeof value === 'string' ? parseCount(value) : null;
}
