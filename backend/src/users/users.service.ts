import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CreateUserRequest, UserView } from '@roompulse/contracts';
import type { AuthSettings } from '../config/settings';
import { PasswordHasher } from './password-hasher';
import { USER_STORE, type UserRecord, type UserStore } from './user.store';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    @Inject(USER_STORE) private readonly store: UserStore,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService,
  ) {}

  /** ADMIN_USERNAME/ADMIN_PASSWORD create the admin, or reset its password, at every start. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.getOrThrow<AuthSettings>('auth').admin;
    if (!admin) return;
    try {
      const existing = await this.store.get(admin.username);
      await this.store.put({
        username: admin.username,
        role: 'admin',
        passwordHash: await this.hasher.hash(admin.password),
        createdAt: existing?.createdAt ?? Date.now(),
      });
      this.logger.log(
        `${existing ? 'reset the password of' : 'created'} admin "${admin.username}"`,
      );
    } catch (error) {
      this.logger.error(`could not create admin "${admin.username}": ${(error as Error).message}`);
    }
  }

  async create(request: CreateUserRequest): Promise<UserView> {
    const record: UserRecord = {
      username: request.username,
      role: request.role,
      passwordHash: await this.hasher.hash(request.password),
      createdAt: Date.now(),
    };
    if (!(await this.store.create(record))) {
      throw new ConflictException(`user "${request.username}" already exists`);
    }
    this.logger.log(`created ${request.role} "${request.username}"`);
    return { username: record.username, role: record.role };
  }

  async list(): Promise<UserView[]> {
    const users = await this.store.list();
    return users
      .map(({ username, role }) => ({ username, role }))
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  async delete(username: string): Promise<void> {
    if (!(await this.store.delete(username)))
      throw new NotFoundException(`user "${username}" does not exist`);
    this.logger.log(`deleted user "${username}"`);
  }

  /** The account when the pair is right; null otherwise, after the same amount of work. */
  async authenticate(username: string, password: string): Promise<UserView | null> {
    const user = await this.store.get(username);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    return ok && user ? { username: user.username, role: user.role } : null;
  }

  async find(username: string): Promise<UserView | null> {
    const user = await this.store.get(username);
    return user ? { username: user.username, role: user.role } : null;
  }
}
