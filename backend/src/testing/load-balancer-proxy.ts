import {
  createServer,
  connect as tcpConnect,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';

/**
 * A TCP forwarder standing in for a load balancer in front of backend instances: dashboards connect
 * through it, a spec cuts their connections as a network drop would, and may point it at another
 * instance before they come back. (`TcpProxy` plays a Redis outage; this one can switch targets.)
 */
export class LoadBalancerProxy {
  private readonly server: Server;
  private readonly open = new Set<Socket>();

  constructor(private targetPort: number) {
    this.server = createServer((downstream) => this.forward(downstream));
  }

  /** Listens on a free port; resolves with `http://127.0.0.1:<port>`. */
  listen(): Promise<string> {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () =>
        resolve(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`),
      );
    });
  }

  /** New connections go to this port from now on. */
  retarget(port: number): void {
    this.targetPort = port;
  }

  /** Cuts every open connection at once, both ways. */
  drop(): void {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  close(): Promise<void> {
    this.drop();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private forward(downstream: Socket): void {
    const upstream = tcpConnect(this.targetPort, '127.0.0.1');
    for (const [from, to] of [
      [downstream, upstream],
      [upstream, downstream],
    ]) {
      this.open.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.open.delete(from);
        to.destroy();
      });
    }
  }
}
