import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type AccessTokenClaims, type Role, type UserView } from '@roompulse/contracts';
import type { AuthSettings } from '../config/settings';

/** Issues and checks access tokens (HS256). Used by the HTTP guard and the socket handshake alike. */
@Injectable()
export class TokenService {
  readonly ttlSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService,
  ) {
    this.ttlSeconds = config.getOrThrow<AuthSettings>('auth').jwtTtlSeconds;
  }

  issue(user: UserView): string {
    return this.jwt.sign({ sub: user.username, role: user.role }, { expiresIn: this.ttlSeconds });
  }

  /** The token's claims, or null when it is malformed, expired, wrongly signed or has an unknown role. */
  verify(token: string): AccessTokenClaims | null {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || !(ROLES as readonly string[]).includes(claims.role))
        return null;
      return { sub: claims.sub, role: claims.role as Role, iat: claims.iat, exp: claims.exp };
    } catch {
      return null;
    }
  }

  /** Accepts exactly `Bearer <token>`; anything else is treated as no token. */
  verifyBearer(header: string | string[] | undefined): AccessTokenClaims | null {
    if (typeof header !== 'string') return null;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
    return match ? this.verify(match[1]) : null;
  }
}
