import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Platform } from '@roompulse/contracts';

const FIXTURES = path.join(__dirname, 'fixtures');

/** A fixture page parsed into a Document (scripts are not run). Needs the jsdom environment. */
export function loadPage(name: string): Document {
  const html = readFileSync(path.join(FIXTURES, 'pages', `${name}.html`), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

export interface RecordedFrame {
  note: string;
  raw: string;
}

/** The recorded-style WebSocket frames of a platform, in arrival order. */
export function loadFrames(platform: Platform): RecordedFrame[] {
  const file = path.join(FIXTURES, 'messages', `${platform}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { frames: RecordedFrame[] }).frames;
}

/** The raw frame whose note starts with `note`. */
export function frame(platform: Platform, note: string): string {
  const found = loadFrames(platform).find((f) => f.note.startsWith(note));
  if (!found) throw new Error(`no ${platform} frame "${note}"`);
  return found.raw;
}
