import {
  ForbiddenException,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessTokenClaims, Role } from '@roompulse/contracts';
import { ROLES_KEY } from '../decorators/roles.decorator';
import type { AuthenticatedRequest } from '../decorators/current-user.decorator';

/** Runs after {@link AuthGuard}; routes without `@Roles` are open to any signed-in user. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    requireRole(context.switchToHttp().getRequest<AuthenticatedRequest>().user, roles);
    return true;
  }
}

/** 403 unless `user` has one of `roles`. */
export function requireRole(user: AccessTokenClaims | undefined, roles: readonly Role[]): void {
  if (!user || !roles.includes(user.role)) {
    throw new ForbiddenException(`this action needs one of the roles: ${roles.join(', ')}`);
  }
}
