import type { AccessTokenClaims } from '@roompulse/contracts';

/**
 * Claims of `Authorization` headers that verified recently, so a client that sends the same token
 * on every request (the extension, a dashboard) costs a map lookup instead of a JWT verification.
 *
 * Even with the secret handed over as a KeyObject (auth.module.ts), a verification decodes the
 * token, computes an HMAC and checks the claims; a hot client would pay that on every request.
 *
 * Same answers as verifying every time: only headers that verified are kept, keyed by the whole
 * header (signature included), and an entry is dropped once its token's `exp` has passed, so an
 * expired token is verified again and refused. Tokens are stateless (nothing revokes one before
 * `exp`), and the signing key cannot change while the process runs. At most `maxEntries` are
 * kept; the least recently verified go first.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(header: string): AccessTokenClaims | null {
    const claims = this.entries.get(header);
    if (!claims) return null;
    if (claims.exp !== undefined && claims.exp * 1000 <= this.now()) {
      this.entries.delete(header);
      return null;
    }
    return claims;
  }

  remember(header: string, claims: AccessTokenClaims): void {
    this.entries.delete(header);
    this.entries.set(header, claims);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
