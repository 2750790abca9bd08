import type { IncomingMessage } from 'node:http';

const EMPTY = new Uint8Array(0);

/** Reads a request body up to `limit` bytes; resolves null when it is larger (the caller answers 413). */
export function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.resolve(null);
  if (declared === 0 || (request.method === 'GET' && request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined)) {
    return Promise.resolve(EMPTY);
  }
  return new Promise((resolve) => {
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
  });
}
