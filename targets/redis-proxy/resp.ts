/**
 * Just enough RESP2/RESP3 to find where each frame ends and what it says. The proxy forwards
 * the exact bytes of every frame; the parsed value only feeds classification and timing.
 * Dependency-free and synchronous: `readFrame` either returns a whole frame or says "need more".
 */
export type RespValue =
  | { type: 'simple' | 'error' | 'bulk' | 'verbatim' | 'bulk-error' | 'big-number'; text: string }
  | { type: 'integer' | 'double'; text: string }
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'array' | 'set' | 'push' | 'map'; items: RespValue[] }
  /** An inline command (`PING\r\n`, what telnet and some health checks send). */
  | { type: 'inline'; items: RespValue[] };

export interface RespFrame {
  value: RespValue;
  /** Offset just after the frame in the buffer it was read from. */
  end: number;
}

/** A frame that is not RESP: the proxy closes the connection rather than guess. */
export class RespProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RespProtocolError';
  }
}

const CR = 13;
const MAX_LINE = 64 * 1024;
const MAX_BULK = 512 * 1024 * 1024;
const MAX_ITEMS = 1024 * 1024;

function lineEnd(buf: Buffer, from: number): number {
  const i = buf.indexOf(CR, from);
  if (i === -1 || i + 1 >= buf.length) {
    if (buf.length - from > MAX_LINE) throw new RespProtocolError('line longer than 64 KiB');
    return -1;
  }
  if (buf[i + 1] !== 10) throw new RespProtocolError('CR not followed by LF');
  return i;
}

function readLength(text: string, what: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < -1 || n > max)
    throw new RespProtocolError(`bad ${what} length "${text.slice(0, 20)}"`);
  return n;
}

/** Reads one frame starting at `offset`; undefined when the buffer holds only part of it. */
export function readFrame(buf: Buffer, offset = 0): RespFrame | undefined {
  if (offset >= buf.length) return undefined;
  const prefix = String.fromCharCode(buf[offset] ?? 0);
  const eol = lineEnd(buf, offset + 1);
  if (eol === -1) return undefined;
  const head = buf.toString('latin1', offset + 1, eol);
  const after = eol + 2;
  switch (prefix) {
    case '+':
      return { value: { type: 'simple', text: head }, end: after };
    case '-':
      return { value: { type: 'error', text: head }, end: after };
    case ':':
      return { value: { type: 'integer', text: head }, end: after };
    case ',':
      return { value: { type: 'double', text: head }, end: after };
    case '(':
      return { value: { type: 'big-number', text: head }, end: after };
    case '_':
      return { value: { type: 'null' }, end: after };
    case '#':
      return { value: { type: 'boolean', value: head === 't' }, end: after };
    case '$':
    case '=':
    case '!':
      return readBulk(buf, prefix, head, after);
    case '*':
    case '~':
    case '>':
    case '%':
    case '|':
      return readAggregate(buf, prefix, head, after);
    default:
      return readInline(buf, offset, eol);
  }
}

/**
 * Where the frame starting at `offset` ends, or -1 while the buffer holds only part of it: the
 * same framing and the same RespProtocolErrors as readFrame, without building the value (no
 * strings, no objects). The proxy uses it for replies whose contents it does not need.
 */
export function frameEnd(buf: Buffer, offset = 0): number {
  if (offset >= buf.length) return -1;
  const prefix = buf[offset] as number;
  const eol = lineEnd(buf, offset + 1);
  if (eol === -1) return -1;
  const after = eol + 2;
  switch (prefix) {
    case 0x24: // $
    case 0x3d: // =
    case 0x21: {
      // !
      const n = readLength(buf.toString('latin1', offset + 1, eol), 'bulk', MAX_BULK);
      if (n === -1) return after;
      if (buf.length < after + n + 2) return -1;
      if (buf[after + n] !== CR || buf[after + n + 1] !== 10)
        throw new RespProtocolError('bulk string not terminated by CRLF');
      return after + n + 2;
    }
    case 0x2a: // *
    case 0x7e: // ~
    case 0x3e: // >
    case 0x25: // %
    case 0x7c: {
      // |
      const n = readLength(buf.toString('latin1', offset + 1, eol), 'aggregate', MAX_ITEMS);
      if (n === -1) return after;
      const count = prefix === 0x25 || prefix === 0x7c ? n * 2 : n;
      let at = after;
      for (let i = 0; i < count; i++) {
        at = frameEnd(buf, at);
        if (at === -1) return -1;
      }
      return prefix === 0x7c ? frameEnd(buf, at) : at;
    }
    default:
      // Simple types end at their line; anything else is an inline command, which does too.
      return after;
  }
}

function readBulk(buf: Buffer, prefix: string, head: string, start: number): RespFrame | undefined {
  const n = readLength(head, 'bulk', MAX_BULK);
  if (n === -1) return { value: { type: 'null' }, end: start };
  if (buf.length < start + n + 2) return undefined;
  if (buf[start + n] !== CR || buf[start + n + 1] !== 10)
    throw new RespProtocolError('bulk string not terminated by CRLF');
  const text = buf.toString('utf8', start, start + n);
  const type = prefix === '$' ? 'bulk' : prefix === '=' ? 'verbatim' : 'bulk-error';
  return { value: { type, text }, end: start + n + 2 };
}

function readAggregate(buf: Buffer, prefix: string, head: string, start: number): RespFrame | undefined {
  const n = readLength(head, 'aggregate', MAX_ITEMS);
  if (n === -1) return { value: { type: 'null' }, end: start };
  const count = prefix === '%' || prefix === '|' ? n * 2 : n;
  const items: RespValue[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    const item = readFrame(buf, at);
    if (!item) return undefined;
    items.push(item.value);
    at = item.end;
  }
  // RESP3 attributes annotate the value that follows; the pair is one reply.
  if (prefix === '|') return readFrame(buf, at);
  const type = prefix === '*' ? 'array' : prefix === '~' ? 'set' : prefix === '>' ? 'push' : 'map';
  return { value: { type, items }, end: at };
}

function readInline(buf: Buffer, offset: number, eol: number): RespFrame {
  const words = buf.toString('utf8', offset, eol).trim().split(/\s+/).filter(Boolean);
  return { value: { type: 'inline', items: words.map((text) => ({ type: 'bulk', text })) }, end: eol + 2 };
}

/** A command frame as its words (`['SET', 'k', 'v', 'NX']`), or undefined when it is not one. */
export function commandWords(value: RespValue): string[] | undefined {
  if (value.type !== 'array' && value.type !== 'inline') return undefined;
  const words: string[] = [];
  for (const item of value.items) {
    if (item.type === 'bulk' || item.type === 'simple' || item.type === 'integer') words.push(item.text);
    else return undefined;
  }
  return words.length ? words : undefined;
}

/** Commands whose arguments the proxy reads (dedupe-shaped ones); of any other only the name is decoded. */
const ARGUMENTS_READ = new Set(['SET', 'SETNX', 'SETEX', 'PSETEX', 'GET', 'EXISTS', 'EVAL', 'EVALSHA', 'SCRIPT']);

function commandFrame(buf: Buffer, offset: number): { words: string[] | undefined; end: number } | undefined {
  const frame = readFrame(buf, offset);
  return frame && { words: commandWords(frame.value), end: frame.end };
}

/**
 * Reads one client command: its end and its words, or undefined while the buffer holds only
 * part of it. Clients send arrays of bulk strings; those are read here without building values,
 * and only the name is decoded unless `needsArguments(name)` (default: dedupe-shaped commands),
 * so an HSET's payload is never turned into a string. Any other frame (inline, nested) is read
 * by readFrame; `words` is undefined for a frame that is no command.
 */
export function readCommand(
  buf: Buffer,
  offset = 0,
  needsArguments: (upperName: string) => boolean = (n) => ARGUMENTS_READ.has(n),
): { words: string[] | undefined; end: number } | undefined {
  if (buf[offset] !== 0x2a) {
    return commandFrame(buf, offset);
  }
  const eol = lineEnd(buf, offset + 1);
  if (eol === -1) return undefined;
  const n = readLength(buf.toString('latin1', offset + 1, eol), 'aggregate', MAX_ITEMS);
  if (n <= 0) return { words: undefined, end: eol + 2 };
  const words: string[] = [];
  let at = eol + 2;
  let decode = true;
  for (let i = 0; i < n; i++) {
    if (at >= buf.length) return undefined;
    if (buf[at] !== 0x24) {
      return commandFrame(buf, offset);
    }
    const head = lineEnd(buf, at + 1);
    if (head === -1) return undefined;
    const len = readLength(buf.toString('latin1', at + 1, head), 'bulk', MAX_BULK);
    if (len === -1) {
      return commandFrame(buf, offset);
    }
    const start = head + 2;
    if (buf.length < start + len + 2) return undefined;
    if (buf[start + len] !== CR || buf[start + len + 1] !== 10)
      throw new RespProtocolError('bulk string not terminated by CRLF');
    if (decode) words.push(buf.toString('utf8', start, start + len));
    if (i === 0) decode = needsArguments((words[0] as string).toUpperCase());
    at = start + len + 2;
  }
  return { words, end: at };
}

/** Serialises a command the way clients send it (an array of bulk strings). */
export function encodeCommand(words: readonly string[]): Buffer {
  const parts = [`*${words.length}\r\n`];
  for (const w of words) parts.push(`$${Buffer.byteLength(w)}\r\n${w}\r\n`);
  return Buffer.from(parts.join(''));
}

/** Serialises an error reply (`-LOADING Redis is loading…\r\n`). */
export function encodeError(text: string): Buffer {
  return Buffer.from(`-${text.replace(/[\r\n]/g, ' ')}\r\n`);
}
