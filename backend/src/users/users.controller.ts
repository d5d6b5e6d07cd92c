import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CreateUserRequest, type UserListResponse, type UserView } from '@roompulse/contracts';
import { Roles } from '../common/decorators/roles.decorator';
import { UsersService } from './users.service';

@Controller('api/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: CreateUserRequest): Promise<UserView> {
    return this.users.create(body);
  }

  @Get()
  async list(): Promise<UserListResponse> {
    return { users: await this.users.list() };
  }

  @Delete(':username')
  @HttpCode(204)
  delete(@Param('username') username: string): Promise<void> {
    return this.users.delete(username);
  }
}
