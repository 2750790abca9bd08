import type { NextFunction, Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Rng } from '../../../common/core/index.ts';
import { checkSignature } from '../../../common/node/index.ts';
import { bodyHashKey } from '../dedupe/body-hash-key.ts';
import { dedupeMessages } from '../dedupe/dedupe-step.ts';
import { StoreUnavailableError, type DedupeStore } from '../dedupe/store.ts';
import type { ResolvedConnectorConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ConnectorMetrics } from '../metrics.ts';
import { processMessages, type ProcessDeps } from '../process-messages.ts';
import { checkReserializedSignature } from '../reserialized-signature.ts';
import type { TaskTracker } from '../task-tracker.ts';
import { extractUpdates, type WebhookUpdates } from '../webhook-payload.ts';
import { answerCalls } from '../calls/answer-calls.ts';
import { callEventKey, extractCalls, type ExtractCallsResult } from '../calls/extract-calls.ts';

export interface WebhookDeps {
  config: ResolvedConnectorConfig;
  store: DedupeStore;
  metrics: ConnectorMetrics;
  logger: Logger;
  tasks: TaskTracker;
  errorDice: Rng;
  process: Omit<ProcessDeps, 'fallbackPhoneNumberId'>;
  isStopping: () => boolean;
}

type Outcome =
  | 'accepted'
  | 'unauthorized'
  | 'malformed'
  | 'unsupported_media_type'
  | 'store_unavailable'
  | 'injected_error'
  | 'stopping';

const NO_CALLS: ExtractCallsResult = { ok: true, calls: [] };

/** Rejects non-JSON bodies before they are read: 415 with no side effect. */
export function requireJsonContentType(deps: Pick<WebhookDeps, 'metrics'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/json') return next();
    deps.metrics.webhooksReceived.inc({ outcome: 'unsupported_media_type' });
    res.status(415).json({ error: 'expected Content-Type: application/json', status: 415 });
  };
}

/**
 * The webhook POST after express.raw: signature → (defect dice) → parse → dedupe → 200, then
 * the processing runs in the background. Every rejection happens before any side effect.
 */
export function createWebhookHandler(deps: WebhookDeps) {
  const { config } = deps;
  const reject = (res: Response, status: number, outcome: Outcome, error: string) => {
    deps.metrics.webhooksReceived.inc({ outcome });
    res.status(status).json({ error, status });
  };

  return async (req: Request, res: Response) => {
    if (deps.isStopping()) {
      res.setHeader('connection', 'close');
      return reject(res, 503, 'stopping', 'connector is shutting down; retry later');
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.get('x-hub-signature-256');
    const check = config.defect === 'reserialized-signature' ? checkReserializedSignature : checkSignature;
    const signature = check(raw, header, config.appSecret);
    const acceptedUnsigned = signature === 'missing' && config.defect === 'accept-unsigned';
    if (signature !== 'valid' && !acceptedUnsigned) return reject(res, 401, 'unauthorized', `signature ${signature}`);

    if (config.defect === 'webhook-errors' && deps.errorDice.next() < config.webhookErrorRate) {
      return reject(res, 500, 'injected_error', 'internal error (webhook-errors defect)');
    }

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(res, 400, 'malformed', 'body is not valid JSON');
    }
    const extracted = extractUpdates(body);
    if (!extracted.ok) return reject(res, 400, 'malformed', extracted.reason);
    const calls = config.callsMode === 'answer' ? extractCalls(body) : NO_CALLS;
    if (!calls.ok) return reject(res, 400, 'malformed', calls.reason);

    let outcome;
    let callOutcome;
    try {
      const keyOf = config.defect === 'body-hash-dedupe' ? bodyHashKey(raw) : undefined;
      outcome = await dedupeMessages(deps.store, extracted.updates.messages, config, keyOf);
      callOutcome = calls.calls.length
        ? await dedupeMessages(deps.store, calls.calls, config, callEventKey)
        : undefined;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      deps.logger.warn('dedupe store unavailable; answering 503 so Meta redelivers', { error: error.message });
      return reject(res, 503, 'store_unavailable', 'dedupe store unavailable; retry later');
    }
    const dedupeMs = outcome.durationMs + (callOutcome?.durationMs ?? 0);
    const duplicates = outcome.duplicates + (callOutcome?.duplicates ?? 0);
    deps.metrics.dedupeLatency.observe(dedupeMs / 1000);
    deps.metrics.deduped.inc(duplicates);
    countUpdates(deps.metrics, extracted.updates);
    deps.metrics.webhooksReceived.inc({ outcome: 'accepted' });
    res.setHeader('server-timing', `dedupe;dur=${dedupeMs.toFixed(3)}`);

    const fallbackPhoneNumberId =
      (typeof req.params['phone_number_id'] === 'string' ? req.params['phone_number_id'] : undefined) ??
      config.phoneNumberId;
    const processing =
      outcome.fresh.length > 0 ? processMessages({ ...deps.process, fallbackPhoneNumberId }, outcome.fresh) : undefined;
    if (processing) deps.tasks.track(processing);
    if (callOutcome?.fresh.length)
      deps.tasks.track(answerCalls({ ...deps.process, fallbackPhoneNumberId }, callOutcome.fresh));
    if (config.defect === 'slow-ack') await sleep(config.slowAckMs);
    // The defect acks only once its Graph calls returned (errors are the sender's to log).
    if (config.defect === 'ack-after-graph') await processing?.catch(() => undefined);
    const answered = { received: true, messages: outcome.fresh.length, duplicates };
    res
      .status(200)
      .json(config.callsMode === 'answer' ? { ...answered, calls: callOutcome?.fresh.length ?? 0 } : answered);
  };
}

function countUpdates(metrics: ConnectorMetrics, updates: WebhookUpdates): void {
  metrics.updates.inc({ kind: 'message' }, updates.messages.length);
  metrics.updates.inc({ kind: 'status' }, updates.statuses);
  metrics.updates.inc({ kind: 'error' }, updates.errors);
  metrics.updates.inc({ kind: 'other_field' }, updates.otherFields);
}
