import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import {
  LoginRequest,
  type AccessTokenClaims,
  type LoginResponse,
  type MeResponse,
} from '@roompulse/contracts';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { UsersService } from '../users/users.service';
import { TokenService } from './token.service';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.authenticate(body.username, body.password);
    // One message for both causes, so the answer does not reveal which usernames exist.
    if (!user) throw new UnauthorizedException('invalid username or password');
    return {
      access_token: this.tokens.issue(user),
      token_type: 'Bearer',
      expires_in: this.tokens.ttlSeconds,
      user,
    };
  }

  @Get('me')
  async me(@CurrentUser() claims: AccessTokenClaims): Promise<MeResponse> {
    const user = await this.users.find(claims.sub);
    if (!user) throw new NotFoundException('this account no longer exists');
    return { ...user, expires_at: claims.exp ?? null };
  }
}
