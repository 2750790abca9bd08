import { describe, expect, it } from 'vitest';
import { commandWords, encodeCommand, frameEnd, readCommand, readFrame, RespProtocolError } from './resp.ts';

const frame = (text: string) => readFrame(Buffer.from(text));

describe('readFrame', () => {
  it('reads a command as the bulk strings a client sends and ends exactly after it', () => {
    const bytes = Buffer.concat([
      encodeCommand(['SET', 'wa:dedupe:x', '1', 'NX', 'EX', '86400']),
      Buffer.from('+PING'),
    ]);
    const f = readFrame(bytes);
    expect(f && commandWords(f.value)).toEqual(['SET', 'wa:dedupe:x', '1', 'NX', 'EX', '86400']);
    expect(f?.end).toBe(bytes.length - 5);
  });

  it('waits for more bytes when a frame is cut anywhere, even inside a CRLF', () => {
    const whole = encodeCommand(['GET', 'key-with-ü']);
    for (let cut = 0; cut < whole.length; cut++) expect(readFrame(whole.subarray(0, cut))).toBeUndefined();
    expect(readFrame(whole)?.end).toBe(whole.length);
  });

  it('reads RESP2 replies: simple, error, integer, bulk, null bulk, nested arrays', () => {
    expect(frame('+OK\r\n')?.value).toEqual({ type: 'simple', text: 'OK' });
    expect(frame('-READONLY no\r\n')?.value).toEqual({ type: 'error', text: 'READONLY no' });
    expect(frame(':1\r\n')?.value).toEqual({ type: 'integer', text: '1' });
    expect(frame('$-1\r\n')?.value).toEqual({ type: 'null' });
    expect(frame('*2\r\n$1\r\na\r\n*1\r\n:2\r\n')?.value).toEqual({
      type: 'array',
      items: [
        { type: 'bulk', text: 'a' },
        { type: 'array', items: [{ type: 'integer', text: '2' }] },
      ],
    });
  });

  it('reads RESP3 replies: null, boolean, double, map, set, push, verbatim, and skips attributes', () => {
    expect(frame('_\r\n')?.value).toEqual({ type: 'null' });
    expect(frame('#t\r\n')?.value).toEqual({ type: 'boolean', value: true });
    expect(frame(',1.5\r\n')?.value).toEqual({ type: 'double', text: '1.5' });
    expect(frame('%1\r\n+a\r\n:1\r\n')?.value).toEqual({
      type: 'map',
      items: [
        { type: 'simple', text: 'a' },
        { type: 'integer', text: '1' },
      ],
    });
    expect(frame('~1\r\n+a\r\n')?.value.type).toBe('set');
    expect(frame('>2\r\n+message\r\n+x\r\n')?.value.type).toBe('push');
    expect(frame('=7\r\ntxt:abc\r\n')?.value).toEqual({ type: 'verbatim', text: 'txt:abc' });
    const withAttribute = Buffer.from('|1\r\n+ttl\r\n:3\r\n+OK\r\n');
    expect(readFrame(withAttribute)).toEqual({ value: { type: 'simple', text: 'OK' }, end: withAttribute.length });
  });

  it('reads an inline command as words', () => {
    expect(commandWords(frame('PING hello\r\n')!.value)).toEqual(['PING', 'hello']);
  });

  it('rejects a bulk length that is not a number and a missing LF', () => {
    expect(() => frame('$abc\r\n')).toThrow(RespProtocolError);
    expect(() => frame('+OK\rX')).toThrow(RespProtocolError);
  });
});

describe('frameEnd', () => {
  const samples = [
    encodeCommand(['SET', 'wa:dedupe:x', '1', 'NX', 'EX', '86400']),
    '+OK\r\n',
    '-READONLY no\r\n',
    ':1\r\n',
    '$-1\r\n',
    '$3\r\nabc\r\n',
    '*-1\r\n',
    '*2\r\n$1\r\na\r\n*1\r\n:2\r\n',
    '_\r\n',
    '#t\r\n',
    ',1.5\r\n',
    '(123\r\n',
    '%1\r\n+a\r\n:1\r\n',
    '~1\r\n+a\r\n',
    '>2\r\n+message\r\n+x\r\n',
    '=7\r\ntxt:abc\r\n',
    '!3\r\nERR\r\n',
    '|1\r\n+ttl\r\n:3\r\n+OK\r\n',
    'PING hello\r\n',
  ].map((s) => (typeof s === 'string' ? Buffer.from(s) : s));

  it('ends every frame exactly where readFrame does, and waits for more bytes wherever a frame is cut', () => {
    for (const whole of samples) {
      const twice = Buffer.concat([whole, whole]);
      expect(frameEnd(twice, 0), whole.toString()).toBe(readFrame(twice, 0)?.end);
      expect(frameEnd(twice, whole.length), whole.toString()).toBe(twice.length);
      for (let cut = 0; cut < whole.length; cut++)
        expect(frameEnd(whole.subarray(0, cut)), `${whole.toString()} cut at ${cut}`).toBe(-1);
    }
  });

  it('rejects what readFrame rejects', () => {
    for (const bad of ['$abc\r\n', '+OK\rX', '$3\r\nabcd\r\n', '*x\r\n']) {
      expect(() => readFrame(Buffer.from(bad)), bad).toThrow(RespProtocolError);
      expect(() => frameEnd(Buffer.from(bad)), bad).toThrow(RespProtocolError);
    }
  });
});

describe('readCommand', () => {
  it('reads a client command as its words and ends where readFrame does, also when cut anywhere', () => {
    const whole = encodeCommand(['SET', 'wa:dedupe:ü', '1', 'NX', 'EX', '86400']);
    expect(readCommand(whole)).toEqual({ words: ['SET', 'wa:dedupe:ü', '1', 'NX', 'EX', '86400'], end: whole.length });
    for (let cut = 0; cut < whole.length; cut++) expect(readCommand(whole.subarray(0, cut))).toBeUndefined();
  });

  it('decodes only the name of a command whose arguments the proxy never reads', () => {
    const hset = encodeCommand(['HSET', 'user:1', 'name', 'Ana']);
    expect(readCommand(hset)).toEqual({ words: ['HSET'], end: hset.length });
    expect(readCommand(hset, 0, () => true)?.words).toEqual(['HSET', 'user:1', 'name', 'Ana']);
  });

  it('falls back to readFrame for inline commands and frames that are no command, and rejects bad framing', () => {
    expect(readCommand(Buffer.from('PING hello\r\n'))).toEqual({ words: ['PING', 'hello'], end: 12 });
    expect(readCommand(Buffer.from('*2\r\n$3\r\nGET\r\n$-1\r\n'))).toEqual({ words: undefined, end: 18 });
    expect(readCommand(Buffer.from('*0\r\n'))).toEqual({ words: undefined, end: 4 });
    expect(() => readCommand(Buffer.from('*1\r\n$3\r\nGETX\r\n'))).toThrow(RespProtocolError);
  });
});
