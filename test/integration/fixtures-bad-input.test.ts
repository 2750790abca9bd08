import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildInboundBody,
  buildTextMessage,
  loadFixtureSet,
  stringifyMeta,
  validateFixtureSet,
} from '../../fixtures/index.ts';
import { UserError } from '../../common/node/index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeSet(files: Record<string, string>, manifest?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'fixset-'));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  if (manifest !== undefined)
    writeFileSync(join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return dir;
}

const textBody = stringifyMeta(buildInboundBody([buildTextMessage(0, 'Hello')]));
const entry = (extra: object = {}) => ({
  name: 'one',
  file: 'corpus/one.json',
  field: 'messages',
  type: 'text',
  weight: 1,
  ...extra,
});

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('fixture set loader on bad input', () => {
  it('loads a minimal valid set', () => {
    const dir = writeSet({ 'corpus/one.json': textBody }, { schemaVersion: 1, fixtures: [entry()] });
    const set = loadFixtureSet(dir);
    expect(set.fixtures[0]?.raw).toBe(textBody);
    expect(validateFixtureSet(set)[0]?.counts.messages).toBe(1);
  });

  it('names the folder when manifest.json is missing', () => {
    const dir = writeSet({ 'corpus/one.json': textBody });
    expect(errorOf(() => loadFixtureSet(dir)).message).toMatch(
      /Could not read fixture manifest .*manifest\.json: no such file/,
    );
  });

  it('names the manifest file when it is not JSON', () => {
    const dir = writeSet({}, '{"schemaVersion":1,');
    expect(errorOf(() => loadFixtureSet(dir)).message).toMatch(
      /Invalid fixture manifest in .*manifest\.json: not valid JSON/,
    );
  });

  it('names the file and field for an unknown type', () => {
    const dir = writeSet(
      { 'corpus/one.json': textBody },
      { schemaVersion: 1, fixtures: [entry({ type: 'telepathy' })] },
    );
    const error = errorOf(() => loadFixtureSet(dir));
    expect(error.message).toContain('manifest.json');
    expect(error.message).toContain('.fixtures[0].type');
    expect(error.exitCode).toBe(2);
  });

  it('names the missing body file', () => {
    const dir = writeSet({}, { schemaVersion: 1, fixtures: [entry({ file: 'corpus/nope.json' })] });
    expect(errorOf(() => loadFixtureSet(dir)).message).toMatch(
      /corpus\/nope\.json \(named by \.file in .*manifest\.json\) does not exist/,
    );
  });

  it('names the body file when it is not JSON', () => {
    const dir = writeSet({ 'corpus/one.json': '{"object":' }, { schemaVersion: 1, fixtures: [entry()] });
    expect(errorOf(() => loadFixtureSet(dir)).message).toMatch(/Invalid fixture .*one\.json: not valid JSON/);
  });

  it('rejects an unknown placeholder naming the file', () => {
    const dir = writeSet(
      { 'corpus/one.json': textBody.replace('{{timestamp}}', '{{tiemstamp}}') },
      { schemaVersion: 1, fixtures: [entry()] },
    );
    expect(errorOf(() => loadFixtureSet(dir)).message).toMatch(/one\.json: unknown placeholder \{\{tiemstamp\}\}/);
  });

  it('rejects raw non-ASCII that Meta would have escaped', () => {
    const dir = writeSet(
      { 'corpus/one.json': textBody.replace('Hello', 'Olá') },
      { schemaVersion: 1, fixtures: [entry()] },
    );
    expect(errorOf(() => loadFixtureSet(dir)).message).toMatch(/non-ASCII character .*\\uXXXX/);
  });

  it('reports a schema violation with the fixture file and JSON path', () => {
    const broken = textBody.replace('"type":"text","text":{"body":"Hello"}', '"type":"text","text":{"bodee":"Hello"}');
    const set = loadFixtureSet(writeSet({ 'corpus/one.json': broken }, { schemaVersion: 1, fixtures: [entry()] }));
    const error = errorOf(() => validateFixtureSet(set));
    expect(error.message).toContain('one.json');
    expect(error.message).toContain('.entry[0].changes[0].value.messages[0].text.body');
  });

  it('accepts unknown extra fields Meta may add', () => {
    const extended = textBody.replace('"type":"text"', '"brand_new_field":{"x":1},"type":"text"');
    expect(
      validateFixtureSet(
        loadFixtureSet(writeSet({ 'corpus/one.json': extended }, { schemaVersion: 1, fixtures: [entry()] })),
      ).length,
    ).toBe(1);
  });

  it('rejects a manifest type that does not match the body', () => {
    const set = loadFixtureSet(
      writeSet({ 'corpus/one.json': textBody }, { schemaVersion: 1, fixtures: [entry({ type: 'image' })] }),
    );
    expect(errorOf(() => validateFixtureSet(set)).message).toMatch(
      /says type "image" but the body is a "text" delivery/,
    );
  });

  it('rejects duplicate inbound message slots', () => {
    const twice = textBody.replace('"timestamp":"{{timestamp}}"', '"timestamp":"{{timestamp}}","x":"{{wamid:0}}"');
    expect(
      errorOf(() => loadFixtureSet(writeSet({ 'corpus/one.json': twice }, { schemaVersion: 1, fixtures: [entry()] })))
        .message,
    ).toMatch(/\{\{wamid:0\}\} appears 2 times/);
  });
});
