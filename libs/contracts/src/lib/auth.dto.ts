import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * `admin`: everything. `viewer`: dashboards (read telemetry, realtime stream).
 * `ingest`: the extension, which may only send telemetry.
 */
export const ROLES = ['admin', 'viewer', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 8;

export class LoginRequest {
  @IsString()
  @MaxLength(64)
  username!: string;

  @IsString()
  @MaxLength(256)
  password!: string;
}

export class CreateUserRequest {
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3-64 characters of A-Z, a-z, 0-9, _ . -',
  })
  username!: string;

  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password!: string;

  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role!: Role;
}

export interface UserView {
  username: string;
  role: Role;
}

/** 200 body of `POST /api/auth/login`. `expires_in` in seconds. */
export interface LoginResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  user: UserView;
}

/** Claims of an access token. `exp`/`iat` in Unix seconds. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  iat?: number;
  exp?: number;
}

/** Error body of every failed request. `message` names the field where one is at fault. */
export interface ApiError {
  statusCode: number;
  message: string | string[];
  error: string;
}
