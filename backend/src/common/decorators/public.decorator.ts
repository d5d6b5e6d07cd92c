import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'roompulse:public';

/** Opens a route to requests without a token (login, health). Everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
