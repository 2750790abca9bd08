import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixtureSet, validateFixtureSet } from '../../fixtures/index.ts';
import { signBody } from '../helpers/connector/index.ts';
import {
  PII,
  PII_BODIES,
  PII_FREE_TEXT_STRINGS,
  PII_MORE_BODIES,
  PII_MORE_STRINGS,
  PII_STRINGS,
} from '../helpers/capture-pii-bodies.ts';
import { DOCUMENTED_PAYLOADS, UNKNOWN_SHAPES } from '../helpers/meta-payloads/documented.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'capture-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = () => join(root, `out-${++dirCount}`);

async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/capture.ts', ...args], {
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function writeInput(name: string, content: string): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

/** Every file's bytes and its decoded JSON text (so \uXXXX or \/ escaping cannot hide a leak). */
function readOutputTexts(dir: string): string[] {
  const texts: string[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const content = readFileSync(join(e.parentPath, e.name), 'utf8');
    texts.push(
      content,
      JSON.stringify(JSON.parse(content)),
      JSON.stringify(JSON.parse(content)).replace(/\\r\\n/g, '\r\n'),
    );
  }
  return texts;
}

describe('npm run capture -- import', () => {
  it('imports every webhook shape Meta documents today, keeps unknown ones with a warning, and scrubs business-scoped ids', async () => {
    const bodies = [...Object.values(DOCUMENTED_PAYLOADS), ...Object.values(UNKNOWN_SHAPES).map((u) => u.body)].map(
      (b) => JSON.stringify(b),
    );
    const out = freshDir();
    const result = await capture(['import', writeInput('meta-shapes.jsonl', bodies.join('\n')), '--out', out]);
    expect(result.stderr).not.toMatch(/Invalid|Could not/);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/capture: warning: record .*unknown webhook field "smb_app_state_sync"/);
    expect(result.stderr).toMatch(/capture: warning: record .*unknown message type "hologram"/);
    const set = loadFixtureSet(out);
    expect(validateFixtureSet(set).map((f) => f.type)).toEqual([
      'user-preferences',
      'phone-number-quality-update',
      'template-quality-update',
      'request-welcome',
      'interactive-call-permission-reply',
      'text',
      'status-delivered',
      'status-read',
      'calls-status',
      'text',
      'other',
      'other',
    ]);
    const texts = readOutputTexts(out).join('\n');
    expect(texts).not.toContain('US.13491208655302741918');
    expect(texts).not.toContain('@sheena.n');
    expect(texts).toContain('{{user_id:0}}');
  });

  it('leaves no original PII string anywhere in the output folder (JSONL, signed, --scrub-text off)', async () => {
    const lines = PII_BODIES.map((body) =>
      JSON.stringify({
        body,
        headers: { 'X-Hub-Signature-256': signBody(body, 's3cret-app'), 'Content-Type': 'application/json' },
      }),
    );
    const out = freshDir();
    const result = await capture([
      'import',
      writeInput('signed.jsonl', lines.join('\n') + '\n'),
      '--out',
      out,
      '--app-secret',
      's3cret-app',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const texts = readOutputTexts(out);
    expect(texts.length).toBeGreaterThan(PII_BODIES.length);
    for (const needle of PII_STRINGS)
      for (const text of texts) expect(text.includes(needle), `"${needle}" survived`).toBe(false);
    expect(texts.join('\n')).not.toContain('s3cret-app');
  });

  it('writes a loadable set whose fixtures validate, one pseudonym per person across deliveries', async () => {
    const out = freshDir();
    expect((await capture(['import', writeInput('plain.jsonl', PII_BODIES.join('\n')), '--out', out])).code).toBe(0);
    const set = loadFixtureSet(out);
    expect(validateFixtureSet(set).map((f) => f.type)).toEqual([
      'text',
      'image',
      'text-referral',
      'contacts',
      'location',
      'batch',
      'status-read',
      'calls-connect',
      'account-update',
    ]);
    const first = set.fixtures[0]?.raw ?? '';
    expect(first).toContain('"id":"{{wamid:0}}"');
    expect(first).toContain('"context":{"from":"{{display_phone_number}}","id":"{{ref_id:0}}"}');
    // Alice's name and number inside free text become the same pseudonyms in every body.
    expect(first).toMatch(/sou a Person 1, meu n\\u00famero \\u00e9 15550000001/);
    expect(set.fixtures[1]?.raw).toMatch(/Foto para Person [0-9]+/);
  });

  it('replaces free text with same-shaped filler under --scrub-text', async () => {
    const out = freshDir();
    expect(
      (await capture(['import', writeInput('text.jsonl', PII_BODIES[0] as string), '--out', out, '--scrub-text'])).code,
    ).toBe(0);
    const raw = loadFixtureSet(out).fixtures[0]?.raw ?? '';
    expect(raw).toContain(
      '"body":"xx\\u00e3, xxx x xxxxxxx xxxxxxx, xxx x\\u00e3xxxx \\u00e3 0000000000000 \\ud83d\\ude00"',
    );
  });

  it('imports POST bodies from a HAR file, filtered by --url-contains', async () => {
    const entry = (url: string, method: string, text?: string) => ({
      request: {
        method,
        url,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        ...(text ? { postData: { mimeType: 'application/json', text } } : {}),
      },
    });
    const har = {
      log: {
        version: '1.2',
        entries: [
          entry('http://127.0.0.1:3000/webhook', 'POST', PII_BODIES[6]),
          entry('http://127.0.0.1:3000/webhook', 'GET'),
          entry('http://127.0.0.1:3000/other', 'POST', '{"x":1}'),
        ],
      },
    };
    const out = freshDir();
    const result = await capture([
      'import',
      writeInput('traffic.har', JSON.stringify(har)),
      '--out',
      out,
      '--url-contains',
      '/webhook',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('imported 1 deliveries');
    expect(result.stdout).toContain('2 HAR entries were not POSTs');
    expect(loadFixtureSet(out).fixtures.map((f) => f.type)).toEqual(['status-read']);
  });

  it('exits 2 naming the record whose signature is wrong, and writes nothing', async () => {
    const body = PII_BODIES[0] as string;
    const lines = [
      JSON.stringify({ body, headers: { 'x-hub-signature-256': signBody(body, 's3cret-app') } }),
      JSON.stringify({ body, headers: { 'x-hub-signature-256': signBody(body, 'other-secret') } }),
    ];
    const out = freshDir();
    const result = await capture([
      'import',
      writeInput('forged.jsonl', lines.join('\n')),
      '--out',
      out,
      '--app-secret',
      's3cret-app',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Could not capture record .*forged\.jsonl:2: X-Hub-Signature-256 does not match the body/,
    );
    expect(result.stderr).not.toContain('s3cret-app');
    expect(() => readdirSync(out)).toThrow();
  });

  it('exits 2 naming the line with invalid JSON and the JSON path of a schema violation', async () => {
    const badJson = await capture([
      'import',
      writeInput('bad.jsonl', `${PII_BODIES[0]}\n{"object":"whatsapp_business_account",`),
      '--out',
      freshDir(),
    ]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/record .*bad\.jsonl:2: the line is not valid JSON/);
    const broken = (PII_BODIES[6] as string).replace('"status":"read"', '"status":12');
    const badSchema = await capture(['import', writeInput('schema.jsonl', broken), '--out', freshDir()]);
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toContain('schema.jsonl:1');
    expect(badSchema.stderr).toContain('.entry[0].changes[0].value.statuses[0].status');
  });

  it('keeps PII test values honest: the inputs do contain every needle', () => {
    const all = PII_BODIES.map((b) => JSON.stringify(JSON.parse(b))).join('\n');
    for (const needle of PII_STRINGS)
      expect(all.includes(needle) || all.includes(JSON.stringify(needle).slice(1, -1)), needle).toBe(true);
    expect(PII.alice).toMatch(/^\d+$/);
  });
});

describe('npm run capture -- import: PII in text, usernames and replies', () => {
  const bodies = [...PII_BODIES, ...PII_MORE_BODIES];
  const leaks = (texts: string[], needles: readonly string[]) =>
    needles.filter((n) => texts.some((t) => t.includes(n)));

  it('replaces usernames, phone numbers in any format and emails inside text, consistently, without --scrub-text', async () => {
    const out = freshDir();
    const result = await capture(['import', writeInput('more.jsonl', bodies.join('\n')), '--out', out]);
    expect(result.stderr).toBe('');
    expect(leaks(readOutputTexts(out), [...PII_STRINGS, ...PII_MORE_STRINGS])).toEqual([]);
    const set = loadFixtureSet(out);
    const raws = set.fixtures.map((f) => f.raw).join('\n');
    // Alice's username is one pseudonym across deliveries.
    expect(new Set(raws.match(/"username":"[^"]+"/g)).size).toBe(1);
  });

  it('also replaces every free text (list and button replies, addresses in messages) under --scrub-text', async () => {
    const out = freshDir();
    expect(
      (await capture(['import', writeInput('more-text.jsonl', bodies.join('\n')), '--out', out, '--scrub-text'])).code,
    ).toBe(0);
    expect(leaks(readOutputTexts(out), [...PII_STRINGS, ...PII_MORE_STRINGS, ...PII_FREE_TEXT_STRINGS])).toEqual([]);
    expect(validateFixtureSet(loadFixtureSet(out)).length).toBe(bodies.length);
  });
});
