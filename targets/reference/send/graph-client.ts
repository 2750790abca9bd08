import { Agent, request } from 'undici';
import { z } from 'zod';
import { parseRetryAfterMs, type AttemptResult } from './retry-policy.ts';

/** Graph API error body; only `code` drives decisions (HTTP status varies for limits). */
const graphErrorSchema = z.object({ error: z.looseObject({ code: z.number().int().optional() }) });

export interface GraphClientOptions {
  graphBaseUrl: string;
  graphVersion: string;
  accessToken: string;
  sendTimeoutMs: number;
  maxConnections: number;
}

/** Edges under a phone number the connector posts to. */
export type GraphEdge = 'messages' | 'calls';

export interface GraphClient {
  /** One attempt of POST /{version}/{phoneNumberId}/{edge} (default messages); never throws. */
  postMessage(phoneNumberId: string, payload: object, cancel: AbortSignal, edge?: GraphEdge): Promise<AttemptResult>;
  close(): Promise<void>;
}

/** A thin undici shell around the Graph API messages endpoint. */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const agent = new Agent({ connections: options.maxConnections, keepAliveTimeout: 10_000 });
  const base = options.graphBaseUrl.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' };

  return {
    async postMessage(phoneNumberId, payload, cancel, edge = 'messages') {
      const timeout = AbortSignal.timeout(options.sendTimeoutMs);
      try {
        const res = await request(`${base}/${options.graphVersion}/${encodeURIComponent(phoneNumberId)}/${edge}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
          dispatcher: agent,
          signal: AbortSignal.any([timeout, cancel]),
        });
        const text = await res.body.text();
        if (res.statusCode >= 200 && res.statusCode < 300) return { kind: 'ok', status: res.statusCode };
        const retryAfter = res.headers['retry-after'];
        return {
          kind: 'http-error',
          status: res.statusCode,
          code: readErrorCode(text),
          retryAfterMs: parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now()),
        };
      } catch (error) {
        if (timeout.aborted) return { kind: 'timeout' };
        return {
          kind: 'network-error',
          reason: cancel.aborted ? 'cancelled' : ((error as Error).message ?? String(error)),
        };
      }
    },
    close: () => agent.close(),
  };
}

function readErrorCode(text: string): number | undefined {
  try {
    const parsed = graphErrorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}
