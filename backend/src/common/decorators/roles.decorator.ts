import { SetMetadata } from '@nestjs/common';
import type { Role } from '@roompulse/contracts';

export const ROLES_KEY = 'roompulse:roles';

/** Roles allowed on a route; a signed-in user with another role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
