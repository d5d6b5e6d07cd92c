/** The backing store cannot be reached; answered as 503 so clients retry instead of losing data. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('the data store is unavailable, try again shortly', { cause });
    this.name = 'StoreUnavailableError';
  }
}
