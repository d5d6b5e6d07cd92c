import { Inject, Injectable } from '@nestjs/common';
import type { RedisConnection } from '../storage/redis-connection';
import { REDIS_CONNECTION } from '../storage/storage.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';

/** Body of `GET /api/realtime/stats` (admin only). Counts are for the answering instance. */
export interface RealtimeStats {
  /** Dashboards connected to this instance. */
  connections: number;
  by_role: { admin: number; viewer: number };
  /** Connections that narrowed the stream with `subscribe`. */
  filtered: number;
  /** Backend instances sharing the stream, this one included; null when Redis cannot be asked. */
  instances: number | null;
  /** Telemetry updates this instance has published since it started. */
  published: number;
  /** How events reach other instances: `redis-streams` with REDIS_URL, else `none` (one process). */
  fan_out: 'redis-streams' | 'none';
}

@Injectable()
export class RealtimeStatsService {
  constructor(
    private readonly gateway: RealtimeGateway,
    private readonly publisher: RealtimePublisher,
    @Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null,
  ) {}

  /** Dashboards connected to this instance. */
  connections(): number {
    return this.gateway.namespace?.sockets.size ?? 0;
  }

  async stats(): Promise<RealtimeStats> {
    const byRole = { admin: 0, viewer: 0 };
    let filtered = 0;
    for (const socket of this.gateway.namespace?.sockets.values() ?? []) {
      const role = socket.data.claims.role;
      if (role === 'admin' || role === 'viewer') byRole[role] += 1;
      if (Object.keys(socket.data.filter).length > 0) filtered += 1;
    }
    return {
      connections: this.connections(),
      by_role: byRole,
      filtered,
      instances: await this.instances(),
      published: this.publisher.published,
      fan_out: this.redis ? 'redis-streams' : 'none',
    };
  }

  private async instances(): Promise<number | null> {
    const adapter = this.gateway.namespace?.adapter;
    if (!adapter) return null;
    try {
      return await adapter.serverCount();
    } catch {
      return null;
    }
  }
}
