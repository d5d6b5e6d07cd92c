import { MemoryStorageArea } from '../../test/memory-storage-area';
import { STORAGE_KEYS, TypedStorage, createExtensionStorage, type LocalSchema } from './storage';

describe(TypedStorage.name, () => {
  it('stores every value under a versioned key', () => {
    for (const key of Object.values(STORAGE_KEYS)) expect(key).toMatch(/^roompulse\.v\d+\./);
  });

  it('round-trips a value and removes it', async () => {
    const area = new MemoryStorageArea();
    const storage = new TypedStorage<LocalSchema>(area);

    await storage.write(STORAGE_KEYS.settings, { backendUrl: 'https://rp.example.com' });
    expect(await storage.read(STORAGE_KEYS.settings)).toEqual({
      backendUrl: 'https://rp.example.com',
    });
    expect([...area.data.keys()]).toEqual(['roompulse.v1.settings']);

    await storage.remove(STORAGE_KEYS.settings);
    expect(await storage.read(STORAGE_KEYS.settings)).toBeUndefined();
  });

  it('keeps local and session areas apart', async () => {
    const local = new MemoryStorageArea();
    const session = new MemoryStorageArea();
    const storage = createExtensionStorage(local, session);

    await storage.session.write(STORAGE_KEYS.roomOverrides, { '7': 'alice' });
    expect(session.data.get('roompulse.v1.room-overrides')).toBe('{"7":"alice"}');
    expect(local.data.size).toBe(0);
  });
});
