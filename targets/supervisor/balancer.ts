import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  id: number;
  port: number;
}

export interface Balancer {
  url: string;
  /** Replaces the rotation (instances come and go during drills). */
  setUpstreams(list: readonly Upstream[]): void;
  close(): Promise<void>;
}

export interface BalancerOptions {
  /** Called once per proxied POST with its body and the status the client got (null: none). */
  onExchange?: (upstream: number, body: Buffer, status: number | null, atMs: number) => void;
  maxBodyBytes?: number;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

/**
 * A round-robin loopback balancer in front of the supervised replicas. It forwards requests as
 * they are and returns answers as they are: a 3xx goes back to the client, never followed. A
 * refused connection (the instance stopped listening) is tried on the next instance, since the
 * request never reached anyone; any other failure is a 502, as a platform's load balancer says.
 */
export async function startBalancer(options: BalancerOptions = {}): Promise<Balancer> {
  let upstreams: Upstream[] = [];
  let next = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tried: Set<number>) => {
    const candidates = upstreams.filter((u) => !tried.has(u.id));
    if (!candidates.length) {
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'no target instance is accepting connections', status: 503 }));
      if (req.method === 'POST') options.onExchange?.(-1, body, 503, Date.now());
      return;
    }
    const target = candidates[next++ % candidates.length] as Upstream;
    tried.add(target.id);
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
    headers['content-length'] = String(body.length);
    const upstreamReq = request(
      { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers, agent },
      (upstreamRes) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(upstreamRes.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        res.writeHead(upstreamRes.statusCode ?? 502, out);
        upstreamRes.pipe(res);
        if (req.method === 'POST') options.onExchange?.(target.id, body, upstreamRes.statusCode ?? null, Date.now());
      },
    );
    upstreamReq.once('error', (error: NodeJS.ErrnoException) => {
      const neverReached = error.code === 'ECONNREFUSED' || (upstreamReq.reusedSocket && error.code === 'ECONNRESET');
      if (neverReached && !res.headersSent) return forward(req, res, body, tried);
      if (req.method === 'POST') options.onExchange?.(target.id, body, null, Date.now());
      if (!res.headersSent)
        res.writeHead(502, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: `target instance ${target.id} failed: ${error.code ?? error.message}`,
            status: 502,
          }),
        );
      else res.destroy();
    });
    upstreamReq.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        res
          .writeHead(413, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'body too large for the balancer', status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!res.headersSent) forward(req, res, Buffer.concat(chunks), new Set());
    });
    req.on('error', () => res.destroy());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setUpstreams(list) {
      upstreams = [...list];
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
