import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';

/**
 * A seeded HTTP fuzzer over raw sockets (so invalid UTF-8, odd header bytes and slow partial
 * requests reach the server as sent), shared by the `npm test` slice and bench/fuzz.ts.
 */
export interface FuzzTarget {
  port: number;
  /** Documented paths with their methods; the fuzzer mutates around them. */
  endpoints: readonly { method: string; path: string }[];
  /** Signs a body like Meta does (connector webhooks), so fuzzed bodies get past the signature. */
  appSecret?: string;
  /** A valid request that must still answer 2xx after the fuzzing. */
  probe: { method: string; path: string; headers?: Record<string, string> };
  /** Headers that let fuzzed requests past authentication (the mock's bearer token). */
  headers?: Record<string, string>;
}

export interface FuzzCase {
  method: string;
  path: string;
  headers: [string, string][];
  body: Buffer;
  /** 'whole': one write; 'slow': headers and body dribbled in chunks; 'abandon': half sent, then closed. */
  delivery: 'whole' | 'slow' | 'abandon';
}

export interface FuzzFigures {
  cases: number;
  answered: number;
  /** Answers ≥ 500, each with the case that caused it (first 20 kept). */
  fiveXx: number;
  fiveXxSamples: string[];
  /** Cases the server neither answered nor closed within the timeout. */
  hung: number;
  /** The probe after the fuzzing: the server still answers valid requests. */
  stillAnswering: boolean;
}

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
];

const jsonWithHostileKeys = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).value;

/** Meta-shaped webhook bodies with one part replaced by something hostile. */
const webhookLike = fc
  .record({
    where: fc.constantFrom('entry', 'changes', 'value', 'messages', 'contacts', 'metadata', 'root'),
    value: jsonWithHostileKeys,
  })
  .map(({ where, value }) => {
    const message: Record<string, unknown> = {
      from: '15550001111',
      id: 'wamid.FUZZ',
      timestamp: '1700000000',
      type: 'text',
      text: { body: 'hi' },
    };
    const v: Record<string, unknown> = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000000', phone_number_id: '123' },
      contacts: [{ profile: { name: 'A' }, wa_id: '15550001111' }],
      messages: [message],
    };
    const change: Record<string, unknown> = { field: 'messages', value: v };
    const entry: Record<string, unknown> = { id: '1', changes: [change] };
    const root: Record<string, unknown> = { object: 'whatsapp_business_account', entry: [entry] };
    if (where === 'root') return `{"__proto__":${JSON.stringify(value)},${JSON.stringify(root).slice(1)}`;
    const slot = { entry: root, changes: entry, value: change, messages: v, contacts: v, metadata: v }[where] as Record<
      string,
      unknown
    >;
    slot[where] = value;
    return JSON.stringify(root);
  });

const deepNesting = fc
  .integer({ min: 100, max: 20_000 })
  .chain((depth) =>
    fc
      .constantFrom('[', '{"a":')
      .map((open) =>
        open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      ),
  );

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  webhookLike.map((s) => Buffer.from(s)),
  jsonWithHostileKeys.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  deepNesting.map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)), // invalid UTF-8 and binary
  fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 64 * 1024, max: 1536 * 1024 }).map((n) => Buffer.alloc(n, 0x7b)), // huge
  fc.constant(Buffer.alloc(0)),
  fc
    .constantFrom(
      '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--b--\r\n',
      '--b\r\n\r\n',
      '{"object":',
    )
    .map((s) => Buffer.from(s)),
);

/** Header values with bytes Node's parser may or may not accept: controls, Latin-1, UTF-8, huge. */
const headerValueArb = fc.oneof(
  fc.constantFrom(
    'application/json',
    'multipart/form-data; boundary=b',
    'text/plain',
    'application/json; charset=utf-16',
    'multipart/form-data; boundary=',
    'Bearer t',
    'sha256=00',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) =>
    Buffer.from(b)
      .toString('latin1')
      .replace(/[\r\n]/g, ''),
  ),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'a'.repeat(n)),
);
const headerNameArb = fc.oneof(
  fc.constantFrom(
    'content-type',
    'authorization',
    'x-hub-signature-256',
    'content-length',
    'transfer-encoding',
    'x-forwarded-for',
    'server-timing',
    '__proto__',
    'constructor',
  ),
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/),
  fc.uint8Array({ minLength: 1, maxLength: 10 }).map((b) =>
    Buffer.from(b)
      .toString('latin1')
      .replace(/[\r\n:]/g, 'x'),
  ),
);

function pathArb(endpoints: FuzzTarget['endpoints']): fc.Arbitrary<{ method: string; path: string }> {
  const documented = fc.constantFrom(...endpoints);
  const mutated = fc
    .record({
      e: documented,
      suffix: fc.oneof(
        fc.constant(''),
        fc.constantFrom(
          '?a=1',
          '?mid=__proto__',
          '/..',
          '/%00',
          '/%ZZ',
          '?x=%E0%A4%A',
          '//',
          '?hub.mode=subscribe&hub.verify_token=%FF&hub.challenge=1',
          '?fields=__proto__',
        ),
      ),
      method: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), {
        nil: undefined,
      }),
    })
    .map(({ e, suffix, method }) => ({ method: method ?? e.method, path: e.path + suffix }));
  return fc.oneof(
    documented,
    mutated,
    fc.record({ method: fc.constantFrom('GET', 'POST'), path: fc.webPath().map((p) => p || '/') }),
  );
}

export function fuzzCaseArb(target: FuzzTarget): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      endpoint: pathArb(target.endpoints),
      extra: fc.array(fc.tuple(headerNameArb, headerValueArb), { maxLength: 4 }),
      body: bodyArb,
      sign: fc.boolean(),
      delivery: fc.constantFrom('whole', 'whole', 'whole', 'whole', 'slow', 'abandon'),
    })
    .map(({ endpoint, extra, body, sign, delivery }) => {
      const headers: [string, string][] = Object.entries(target.headers ?? {});
      if (target.appSecret && sign)
        headers.push([
          'x-hub-signature-256',
          `sha256=${createHmac('sha256', target.appSecret).update(body).digest('hex')}`,
        ]);
      if (!extra.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);
      return {
        method: endpoint.method,
        path: endpoint.path,
        headers: [
          ...headers,
          ...extra.filter(([n]) => !['content-length', 'transfer-encoding'].includes(n.toLowerCase())),
        ],
        body,
        delivery: delivery as FuzzCase['delivery'],
      };
    });
}

function rawRequest(c: FuzzCase): Buffer {
  const head = [
    `${c.method} ${c.path} HTTP/1.1`,
    'host: 127.0.0.1',
    ...c.headers.map(([n, v]) => `${n}: ${v}`),
    `content-length: ${c.body.length}`,
    'connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), c.body]);
}

/** Sends one case on its own socket; resolves with the status code, 0 if closed without one, -1 if hung. */
export function sendCase(port: number, c: FuzzCase, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => finish(-1), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (m) finish(Number(m[1]));
    });
    socket.on('error', () => finish(0));
    socket.on('close', () => finish(0));
    const bytes = rawRequest(c);
    socket.on('connect', () => {
      if (c.delivery === 'whole') return void socket.write(bytes, () => undefined);
      if (c.delivery === 'abandon') {
        socket.write(bytes.subarray(0, Math.max(1, bytes.length >> 1)));
        return void setTimeout(() => finish(0), 20);
      }
      // Slow: eight pieces, 25 ms apart, well inside the servers' header and request timeouts.
      const step = Math.ceil(bytes.length / 8);
      let offset = 0;
      const dribble = () => {
        if (done || offset >= bytes.length) return;
        socket.write(bytes.subarray(offset, (offset += step)));
        setTimeout(dribble, 25);
      };
      dribble();
    });
  });
}

function describeCase(c: FuzzCase, status: number): string {
  const body =
    c.body.length > 80
      ? `${c.body.length} bytes: ${c.body.subarray(0, 60).toString('latin1')}…`
      : c.body.toString('latin1');
  return `${status} ← ${c.method} ${c.path} [${c.headers.map(([n]) => n).join(',')}] ${c.delivery} ${JSON.stringify(body)}`;
}

/** Runs `cases` seeded cases, `concurrency` at a time, then the probe. */
export async function runFuzz(
  target: FuzzTarget,
  options: { cases: number; seed: number; concurrency?: number; timeoutMs?: number },
): Promise<FuzzFigures> {
  const samples = fc.sample(fuzzCaseArb(target), { numRuns: options.cases, seed: options.seed });
  const figures: FuzzFigures = { cases: 0, answered: 0, fiveXx: 0, fiveXxSamples: [], hung: 0, stillAnswering: false };
  let next = 0;
  const worker = async () => {
    while (next < samples.length) {
      const c = samples[next++] as FuzzCase;
      const status = await sendCase(target.port, c, options.timeoutMs);
      figures.cases++;
      if (status > 0) figures.answered++;
      if (status === -1) figures.hung++;
      if (status >= 500) {
        figures.fiveXx++;
        if (figures.fiveXxSamples.length < 20) figures.fiveXxSamples.push(describeCase(c, status));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  const probe = await fetch(`http://127.0.0.1:${target.port}${target.probe.path}`, {
    method: target.probe.method,
    headers: target.probe.headers,
    signal: AbortSignal.timeout(5000),
  }).catch(() => undefined);
  figures.stillAnswering = probe !== undefined && probe.status >= 200 && probe.status < 300;
  return figures;
}

/** Documented endpoints of the mock Graph API, admin API included. */
export const MOCK_ENDPOINTS = [
  { method: 'POST', path: '/v21.0/123/messages' },
  { method: 'POST', path: '/v21.0/123/media' },
  { method: 'GET', path: '/v21.0/900000000000001' },
  { method: 'DELETE', path: '/v21.0/900000000000001' },
  { method: 'GET', path: '/v21.0/whatsapp_business/attachments?mid=900000000000001' },
  { method: 'POST', path: '/v21.0/123/calls' },
  { method: 'GET', path: '/v21.0/123?fields=verified_name' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/__admin/chaos' },
  { method: 'PUT', path: '/__admin/chaos' },
  { method: 'GET', path: '/__admin/stats' },
  { method: 'POST', path: '/__admin/reset' },
  { method: 'GET', path: '/__admin/ledger?delivered=1' },
] as const;

/** Documented endpoints of the reference connector (the reset would wipe a run: left out). */
export const CONNECTOR_ENDPOINTS = [
  { method: 'POST', path: '/webhook' },
  { method: 'GET', path: '/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/health/detailed' },
  { method: 'GET', path: '/metrics' },
] as const;
