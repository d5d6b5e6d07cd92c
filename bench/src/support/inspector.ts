import WebSocket from 'ws';

/**
 * A minimal client of a Node process's inspector (`node --inspect`): enough to force a full GC and
 * read `process.memoryUsage()` inside the backend before taking its memory figures.
 */
export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    (message: { result?: unknown; error?: { message: string } }) => void
  >();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Inspector(socket);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (message) =>
        message.error
          ? reject(new Error(`${method}: ${message.error.message}`))
          : resolve(message.result as T),
      );
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Full GC, twice (the second collects what the first's finalizers released). */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
  }

  async memoryUsage(): Promise<NodeJS.MemoryUsage> {
    const { result } = await this.send<{ result: { value: string } }>('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    return JSON.parse(result.value) as NodeJS.MemoryUsage;
  }

  close(): void {
    this.socket.close();
  }
}
