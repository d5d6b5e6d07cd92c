import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessTokenClaims, Role } from '@roompulse/contracts';
import type { TokenService } from '../../auth/token.service';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { ROLES_KEY } from '../decorators/roles.decorator';
import { AuthGuard } from './auth.guard';
import { RolesGuard } from './roles.guard';

function context(
  request: { headers: Record<string, string>; user?: AccessTokenClaims },
  metadata: Record<string, unknown>,
): ExecutionContext {
  const handler = () => undefined;
  for (const [key, value] of Object.entries(metadata)) Reflect.defineMetadata(key, value, handler);
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

const tokens = {
  verifyBearer: (header: string | undefined) =>
    header === 'Bearer good' ? ({ sub: 'ann', role: 'viewer' } as AccessTokenClaims) : null,
} as unknown as TokenService;

describe(AuthGuard.name, () => {
  const guard = new AuthGuard(new Reflector(), tokens);

  it('lets a public route through without a token', () => {
    expect(guard.canActivate(context({ headers: {} }, { [IS_PUBLIC]: true }))).toBe(true);
  });

  it('refuses a protected route without a valid token', () => {
    expect(() => guard.canActivate(context({ headers: {} }, {}))).toThrow(UnauthorizedException);
    expect(() =>
      guard.canActivate(context({ headers: { authorization: 'Bearer bad' } }, {})),
    ).toThrow(UnauthorizedException);
  });

  it('attaches the claims of a valid token to the request', () => {
    const request: { headers: Record<string, string>; user?: AccessTokenClaims } = {
      headers: { authorization: 'Bearer good' },
    };
    expect(guard.canActivate(context(request, {}))).toBe(true);
    expect(request.user).toEqual({ sub: 'ann', role: 'viewer' });
  });
});

describe(RolesGuard.name, () => {
  const guard = new RolesGuard(new Reflector());
  const as = (role: Role, allowed?: Role[]) =>
    guard.canActivate(
      context({ headers: {}, user: { sub: 'u', role } }, allowed ? { [ROLES_KEY]: allowed } : {}),
    );

  it('allows any signed-in role where no roles are required', () => {
    expect(as('ingest')).toBe(true);
  });

  it('allows a listed role and forbids the others', () => {
    expect(as('admin', ['viewer', 'admin'])).toBe(true);
    expect(as('viewer', ['viewer', 'admin'])).toBe(true);
    expect(() => as('ingest', ['viewer', 'admin'])).toThrow(ForbiddenException);
  });
});
