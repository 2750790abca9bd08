import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadFixtureSet, validateFixtureSet } from '../../fixtures/index.ts';
import { signBody } from '../helpers/connector/index.ts';
import {
  PII_BODIES,
  PII_FREE_TEXT_STRINGS,
  PII_MORE_BODIES,
  PII_MORE_STRINGS,
  PII_STRINGS,
} from '../helpers/capture-pii-bodies.ts';

const root = mkdtempSync(join(tmpdir(), 'capture-listen-'));
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number>;
}

function startCapture(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/capture.ts', 'listen', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number);
  return { child, stderr: () => err, exit };
}

async function waitForPort(started: Started): Promise<number> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\/webhook/.exec(started.stderr());
    if (m) return Number(m[1]);
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`capture did not start: ${started.stderr()}`);
}

describe('npm run capture -- listen', () => {
  it('takes its verify token from the environment and its app secret from a file, so neither is in argv', async () => {
    const secretFile = join(root, 'app-secret.txt');
    writeFileSync(secretFile, 'file-s3cret\n');
    const started = startCapture(
      ['--port', '0', '--app-secret-file', secretFile, '--out', join(root, 'by-env'), '--max-records', '1'],
      { WA_VERIFY_TOKEN: 'env-tok-456' },
    );
    const base = `http://127.0.0.1:${await waitForPort(started)}/webhook`;
    const ok = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=env-tok-456&hub.challenge=77`);
    expect([ok.status, await ok.text()]).toEqual([200, '77']);
    const post = (secret: string) =>
      fetch(base, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(PII_BODIES[0] as string, secret),
        },
        body: PII_BODIES[0],
      });
    expect((await post('not-it')).status).toBe(401);
    expect((await post('file-s3cret')).status).toBe(200);
    expect(await started.exit).toBe(2);
    expect(started.child.spawnargs.join(' ')).not.toMatch(/env-tok-456|file-s3cret/);
  }, 30_000);

  it('answers the verify handshake, captures signed deliveries, rejects a forged one with 401 and exits 2', async () => {
    const out = join(root, 'listen');
    const started = startCapture([
      '--port',
      '0',
      '--verify-token',
      'tok-123',
      '--app-secret',
      'app-s3cret',
      '--out',
      out,
      '--max-records',
      '2',
    ]);
    const base = `http://127.0.0.1:${await waitForPort(started)}/webhook`;

    const ok = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=tok-123&hub.challenge=1158201444`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    expect((await fetch(`${base}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);

    const post = (body: string, secret: string) =>
      fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, secret) },
        body,
      });
    expect((await post(PII_BODIES[0] as string, 'app-s3cret')).status).toBe(200);
    expect((await post(PII_BODIES[6] as string, 'not-the-secret')).status).toBe(401);
    expect((await post('{"object":', 'app-s3cret')).status).toBe(400);
    expect((await post(PII_BODIES[6] as string, 'app-s3cret')).status).toBe(200);

    expect(await started.exit).toBe(2);
    expect(started.stderr()).toMatch(
      /Could not capture record request #2: X-Hub-Signature-256 does not match the body/,
    );
    expect(started.stderr()).toMatch(/record request #3: the body is not valid JSON/);
    expect(started.stderr()).toContain('2 fixtures written');
    expect(started.stderr()).not.toContain('app-s3cret');
    expect(started.stderr()).not.toContain('tok-123');
    const set = loadFixtureSet(out);
    expect(validateFixtureSet(set).map((f) => f.type)).toEqual(['text', 'status-read']);
    expect(set.fixtures[0]?.file).toContain('text-0001.json');
  });

  it('leaves none of a PII corpus in its output under --scrub-text', async () => {
    const out = join(root, 'pii');
    const bodies = [...PII_BODIES, ...PII_MORE_BODIES];
    const started = startCapture([
      '--port',
      '0',
      '--verify-token',
      't',
      '--out',
      out,
      '--scrub-text',
      '--max-records',
      String(bodies.length),
    ]);
    const base = `http://127.0.0.1:${await waitForPort(started)}/webhook`;
    for (const body of bodies)
      expect(
        (await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status,
      ).toBe(200);
    expect(await started.exit).toBe(0);
    const texts = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .flatMap((e) => {
        const content = readFileSync(join(e.parentPath, e.name), 'utf8');
        return [content, JSON.stringify(JSON.parse(content))];
      });
    expect(texts.length).toBeGreaterThan(bodies.length);
    const needles = [...PII_STRINGS, ...PII_MORE_STRINGS, ...PII_FREE_TEXT_STRINGS];
    expect(needles.filter((n) => texts.some((t) => t.includes(n)) || started.stderr().includes(n))).toEqual([]);
  }, 30_000);

  it('exits 3 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const started = startCapture(['--port', String(port), '--verify-token', 't', '--out', join(root, 'busy')]);
      expect(await started.exit).toBe(3);
      expect(started.stderr()).toMatch(/Could not listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
