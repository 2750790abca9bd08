import type { IncomingMessage } from 'node:http';

const EMPTY = new Uint8Array(0);

/**
 * Reads a request body up to `limit` bytes; calls back null when it is larger (the caller
 * answers 413). A callback, not a promise: this is on every request's hot path.
 */
export function readBody(request: IncomingMessage, limit: number, resolve: (body: Uint8Array | null) => void): void {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) return resolve(null);
  if (
    declared === 0 ||
    (request.method === 'GET' &&
      request.headers['content-length'] === undefined &&
      request.headers['transfer-encoding'] === undefined)
  ) {
    return resolve(EMPTY);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const finish = (value: Uint8Array | null) => {
    if (done) return;
    done = true;
    resolve(value);
  };
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      request.pause();
      finish(null);
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  request.on('error', () => finish(null));
  request.on('aborted', () => finish(null));
}

/** Promise form of readBody, for the admin routes. */
export function readBodyAsync(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve) => readBody(request, limit, resolve));
}
