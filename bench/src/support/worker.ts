import { fork, type ChildProcess } from 'node:child_process';

/**
 * A bench program in a process of its own (load generator, socket clients, reference server),
 * driven over Node's IPC channel: `request` waits for the answer, `send` does not.
 *
 * Protocol: the child sends `{ type: 'ready' }` once it can take requests; a request
 * `{ id, type, payload }` is answered `{ id, ok, result | error }`; a message without `id` is
 * fire-and-forget.
 */
export class WorkerProcess {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private output = '';
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.capture(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.capture(chunk));
    child.on(
      'message',
      (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (message.id === undefined) return;
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        if (message.ok) waiter.resolve(message.result);
        else waiter.reject(new Error(`${this.name}: ${message.error}`));
      },
    );
    child.once('exit', (code, signal) => {
      this.exited = true;
      for (const waiter of this.pending.values()) {
        waiter.reject(
          new Error(`${this.name} exited (${signal ?? code}):\n${this.output.slice(-2000)}`),
        );
      }
      this.pending.clear();
    });
  }

  static async start(
    name: string,
    program: string,
    options: { execArgv?: string[]; env?: Record<string, string>; readyTimeoutMs?: number } = {},
  ): Promise<WorkerProcess> {
    const child = fork(program, [], {
      execArgv: options.execArgv ?? [],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const worker = new WorkerProcess(name, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start:\n${worker.output}`)),
        options.readyTimeoutMs ?? 15_000,
      );
      child.on('message', (message: { type?: string }) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code} before it was ready:\n${worker.output}`));
      });
    });
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** What the process printed (the last 64 KiB). */
  get log(): string {
    return this.output;
  }

  request<T>(type: string, payload: unknown = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: no answer to ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ id, type, payload });
    });
  }

  send(type: string, payload: unknown = {}): void {
    if (!this.exited && this.child.connected) this.child.send({ type, payload });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
    });
  }

  private capture(chunk: Buffer): void {
    this.output = (this.output + chunk.toString()).slice(-65_536);
  }
}

type Handler = (payload: never) => unknown;

/** The child's side of {@link WorkerProcess}: answers requests with `handlers`, then says ready. */
export function serveWorker(handlers: Record<string, Handler>): void {
  process.on('message', (message: { id?: number; type: string; payload: unknown }) => {
    const handler = handlers[message.type];
    const answer = (reply: { ok: boolean; result?: unknown; error?: string }) => {
      if (message.id !== undefined && process.connected)
        process.send?.({ id: message.id, ...reply });
    };
    if (!handler) return answer({ ok: false, error: `unknown request ${message.type}` });
    Promise.resolve()
      .then(() => handler(message.payload as never))
      .then(
        (result) => answer({ ok: true, result }),
        (error: unknown) =>
          answer({
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready' });
}
