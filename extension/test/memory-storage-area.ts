import type { StorageAreaLike } from '../src/shared/storage';

/**
 * An in-memory `chrome.storage` area. Values are deep-copied through JSON on the way in and out,
 * like the real one, so a test cannot pass by mutating a shared object.
 */
export class MemoryStorageArea implements StorageAreaLike {
  readonly data = new Map<string, string>();

  async get(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const raw = this.data.get(key);
      if (raw !== undefined) out[key] = JSON.parse(raw);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.data.set(key, JSON.stringify(value));
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.data.delete(key);
  }
}
