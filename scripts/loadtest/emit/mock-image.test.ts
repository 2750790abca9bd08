import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCK_PORT, MOCK_SECRET_MOUNT, MOCK_TOKENS_SECRET } from './mock-manifests.ts';

// The image the emitted Deployment runs (mock-graph-api/deploy/Dockerfile) must agree with it.
const ROOT = resolve(import.meta.dirname, '../../..');
const dockerfile = readFileSync(resolve(ROOT, 'mock-graph-api/deploy/Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.trimStart().startsWith('#'));
const all = (keyword: string) =>
  instructions.filter((l) => l.startsWith(`${keyword} `)).map((l) => l.slice(keyword.length + 1));

describe('mock-graph-api/deploy/Dockerfile', () => {
  it('builds on node:20-slim and installs production dependencies only', () => {
    expect(all('FROM')).toEqual(['node:20-slim']);
    expect(all('RUN').join('\n')).toMatch(/npm ci --omit=dev/);
  });

  it('runs the mock with tsx, which package.json therefore lists as a production dependency', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
    expect(all('CMD')).toEqual([
      `["node", "--import", "tsx", "scripts/mock.ts", "--host", "0.0.0.0", "--port", "${MOCK_PORT}"]`,
    ]);
    expect(Object.keys(pkg.dependencies)).toContain('tsx');
  });

  it('switches to a user that is not root before it runs anything', () => {
    const users = all('USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions.findIndex((l) => l.startsWith('USER '))).toBeLessThan(
      instructions.findIndex((l) => l.startsWith('CMD ')),
    );
  });

  it('checks its health with node against /healthz on the port it exposes (no curl in slim)', () => {
    expect(all('EXPOSE')).toEqual([String(MOCK_PORT)]);
    const [healthcheck] = all('HEALTHCHECK');
    expect(healthcheck).toContain(`CMD ["node", "-e",`);
    expect(healthcheck).toContain(`fetch('http://127.0.0.1:${MOCK_PORT}/healthz')`);
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('reads the tokens from the files the Deployment mounts from the Secret', () => {
    const env = all('ENV').join(' ');
    expect(env).toContain(`WA_MOCK_ADMIN_TOKEN_FILE=${MOCK_SECRET_MOUNT}/${MOCK_TOKENS_SECRET.adminTokenKey}`);
    expect(env).toContain(`WA_MOCK_ACCESS_TOKENS_FILE=${MOCK_SECRET_MOUNT}/${MOCK_TOKENS_SECRET.accessTokensKey}`);
  });

  it('copies paths that exist, and .dockerignore keeps the checkout and secrets out of the context', () => {
    const sources = all('COPY').flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(sources).toContain('mock-graph-api/');
    for (const source of sources) expect(existsSync(resolve(ROOT, source)), source).toBe(true);
    const ignored = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', '**/*.test.ts']) expect(ignored).toContain(entry);
  });
});
