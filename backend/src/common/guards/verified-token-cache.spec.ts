import type { AccessTokenClaims } from '@roompulse/contracts';
import { VerifiedTokenCache } from './verified-token-cache';

describe(VerifiedTokenCache.name, () => {
  const claims = (exp?: number): AccessTokenClaims => ({ sub: 'ann', role: 'ingest', exp });

  it('answers a remembered header with its claims until the token expires', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(10, () => now);
    cache.remember('Bearer a.b.c', claims(1_010));

    expect(cache.get('Bearer a.b.c')).toEqual(claims(1_010));
    now = 1_009_999;
    expect(cache.get('Bearer a.b.c')).toEqual(claims(1_010));
    now = 1_010_000;
    expect(cache.get('Bearer a.b.c')).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('knows nothing it was not told, not even a header that differs in its signature', () => {
    const cache = new VerifiedTokenCache();
    cache.remember('Bearer a.b.c', claims());

    expect(cache.get('Bearer a.b.d')).toBeNull();
    expect(cache.get('Bearer a.b.c ')).toBeNull();
  });

  it('keeps at most maxEntries, dropping the least recently verified', () => {
    const cache = new VerifiedTokenCache(2);
    cache.remember('one', claims());
    cache.remember('two', claims());
    cache.remember('one', claims());
    cache.remember('three', claims());

    expect(cache.size).toBe(2);
    expect(cache.get('two')).toBeNull();
    expect(cache.get('one')).not.toBeNull();
    expect(cache.get('three')).not.toBeNull();
  });
});
