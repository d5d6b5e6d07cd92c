import type { UserView } from './auth.dto';

/** 200 body of `GET /api/users` (admin). */
export interface UserListResponse {
  users: UserView[];
}

/** 200 body of `GET /api/auth/me`. `expires_at`: when the caller's token expires, Unix seconds (null without `exp`). */
export interface MeResponse extends UserView {
  expires_at: number | null;
}
