/**
 * Where seen message ids live. `claim` is the atomic check-and-mark a correct connector uses;
 * `has` + `mark` exist only so the dedupe-race defect can split them.
 */
export interface DedupeStore {
  readonly kind: 'memory' | 'redis';
  /** True when the id was not seen before (and is now marked), false for a duplicate. */
  claim(id: string): Promise<boolean>;
  has(id: string): Promise<boolean>;
  mark(id: string): Promise<void>;
  /** Forgets a claim whose request then failed closed, so Meta's redelivery is processed (best effort). */
  release(id: string): Promise<void>;
  /** True when the store can answer right now (Redis connected). */
  isReady(): boolean;
  close(): Promise<void>;
}

/** Thrown when the store cannot answer: the webhook fails closed with 503 so Meta redelivers. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
