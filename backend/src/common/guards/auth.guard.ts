import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessTokenClaims } from '@roompulse/contracts';
import { TokenService } from '../../auth/token.service';
import { IS_PUBLIC } from '../decorators/public.decorator';
import type { AuthenticatedRequest } from '../decorators/current-user.decorator';
import { VerifiedTokenCache } from './verified-token-cache';

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked `@Public()`. Headers
 * that verified are remembered until their token expires ({@link VerifiedTokenCache}).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokenCache();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = bearerClaims(request.headers['authorization'], this.tokens, this.verified);
    return true;
  }
}

/** The claims of a valid `Authorization: Bearer` header; 401 otherwise. */
export function bearerClaims(
  header: string | string[] | undefined,
  tokens: TokenService,
  verified: VerifiedTokenCache,
): AccessTokenClaims {
  let claims = typeof header === 'string' ? verified.get(header) : null;
  if (!claims) {
    claims = tokens.verifyBearer(header);
    if (!claims) throw new UnauthorizedException('a valid bearer token is required');
    if (typeof header === 'string') verified.remember(header, claims);
  }
  return claims;
}
