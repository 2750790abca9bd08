import { http, HttpResponse, type HttpHandler } from 'msw';
import { describeGraphError } from '../graph-errors.ts';
import { GRAPH_ROUTES } from '../graph-routes.ts';
import { versionUnversionedPath } from '../unversioned.ts';
import { respondGraphError, type MockOutcome, type MockRequest } from '../outcome.ts';
import type { Simulator } from '../simulator.ts';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

async function toResponse(outcome: MockOutcome, signal: AbortSignal): Promise<Response> {
  if (outcome.delayMs > 0) await sleep(outcome.delayMs, signal);
  if (outcome.action === 'reset') return HttpResponse.error();
  if (outcome.action === 'hold') {
    await sleep(outcome.holdMs, signal);
    return HttpResponse.error();
  }
  return new HttpResponse(outcome.body, { status: outcome.status, headers: outcome.headers });
}

async function toMockRequest(request: Request, limit: number): Promise<MockRequest | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) return null;
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.length > limit) return null;
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    header: (name) => request.headers.get(name) ?? undefined,
    body,
    origin: url.origin,
  };
}

/**
 * msw handlers serving GRAPH_ROUTES (the same list the Express server registers) under
 * `baseUrl`, plus a Graph-style 400 for any other path there. Use with setupServer in tests
 * or through the preload to intercept a Node target's `fetch` to graph.facebook.com.
 */
export function createGraphHandlers(simulator: Simulator, options: { baseUrl?: string } = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
  const { maxJsonBytes, maxMediaBytes, unversionedAs } = simulator.config;
  // Unversioned paths first (Graph serves them as its oldest version), then the versioned ones.
  const forms = unversionedAs === 'off' ? [false] : [true, false];
  const handlers = forms.flatMap((unversioned) =>
    GRAPH_ROUTES.map((route) => {
      const limit = route.endpoint === 'media-upload' ? maxMediaBytes : maxJsonBytes;
      const method = route.method.toLowerCase() as 'get' | 'post' | 'delete';
      const path = unversioned ? route.path.replace('/:version', '') : route.path;
      return http[method](`${baseUrl}${path}`, async ({ request, params }) => {
        if (unversioned && !versionUnversionedPath(new URL(request.url).pathname, unversionedAs)) return undefined;
        const routeParams = unversioned
          ? { ...(params as Record<string, string>), version: unversionedAs }
          : (params as Record<string, string>);
        if (!simulator.accepts(route, routeParams)) return undefined;
        const mockRequest = await toMockRequest(request, limit);
        if (!mockRequest)
          return toResponse(
            respondGraphError(describeGraphError(100, { status: 413, details: `Request body exceeds ${limit} bytes` })),
            request.signal,
          );
        return toResponse(simulator.handle(route, routeParams, mockRequest), request.signal);
      });
    }),
  );
  handlers.push(
    http.all(`${baseUrl}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const mockRequest: MockRequest = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        header: () => undefined,
        body: new Uint8Array(0),
        origin: url.origin,
      };
      return toResponse(simulator.handleUnmatched(mockRequest), request.signal);
    }),
  );
  return handlers;
}
