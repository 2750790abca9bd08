import type { Dispatcher } from 'undici';
import { parseDedupeMs, type AttemptRole, type Delivery } from '../../model/index.ts';

/** Receives an attempt's end exactly once (the engine run). */
export interface AttemptOwner {
  settleAnswered(attempt: Attempt): void;
  settleFailed(attempt: Attempt, error: Error): void;
}

/**
 * One HTTP attempt of a delivery, and its own undici dispatch handler: one object per attempt,
 * no per-request closures, response bodies discarded. Attempts in flight form an intrusive
 * list in start order, so timeouts are found by looking at the head only.
 */
export class Attempt implements Dispatcher.DispatchHandler {
  prev: Attempt | null = null;
  next: Attempt | null = null;
  controller: Dispatcher.DispatchController | null = null;
  statusCode = 0;
  dedupeMs: number | undefined = undefined;
  settled = false;

  constructor(
    readonly owner: AttemptOwner,
    readonly delivery: Delivery,
    readonly role: AttemptRole,
    /** Intended send time, ms from the run start (latency is measured from it). */
    readonly intendedMs: number,
    /** Actual dispatch time, ms from the run start (the timeout runs from it). */
    readonly startedMs: number,
    readonly phase: string | undefined,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Timed out while still queued for a connection: do not send it late.
    if (this.settled) controller.abort(new Error('attempt already settled'));
    else this.controller = controller;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return;
    this.statusCode = statusCode;
    const timing = headers['server-timing'];
    if (timing !== undefined) this.dedupeMs = parseDedupeMs(timing);
  }

  onResponseData(): void {}

  onResponseEnd(): void {
    this.owner.settleAnswered(this);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.owner.settleFailed(this, error);
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** undici's own timeouts (a backstop behind the engine's) count as timeouts, the rest as connection errors. */
export function isTimeoutError(error: Error): boolean {
  return TIMEOUT_CODES.has((error as { code?: string }).code ?? '');
}
