import { describe, expect, it } from 'vitest';
import { hasAppSecret, resolveK6RunConfig } from './k6-config.ts';

const definition = JSON.stringify({ name: 'load', load: { profile: 'constant', rate: 100, durationS: 120 } });
const noFiles = (path: string): string => {
  throw new Error(`unexpected read ${path}`);
};

describe('k6 run config', () => {
  it('uses the named definition with defaults when no env is set', () => {
    const c = resolveK6RunConfig({}, definition, noFiles);
    expect(c).toMatchObject({
      targetUrl: 'http://127.0.0.1:3000',
      fixturesDir: '../fixtures',
      outFile: 'run-record.json',
      phases: [],
    });
    expect(c.scenario.delivery.timeoutMs).toBe(10_000);
    expect(c.runId).toBeUndefined();
  });

  it('signs a direct run only with WA_APP_SECRET: missing or empty leaves no secret (setup stops), never the definition default', () => {
    const withSecretIn = (text: string) =>
      resolveK6RunConfig({}, JSON.stringify({ ...JSON.parse(definition), target: { appSecret: text } }), noFiles);
    expect(hasAppSecret(withSecretIn('from-definition'))).toBe(false);
    expect(hasAppSecret(resolveK6RunConfig({ WA_APP_SECRET: '' }, definition, noFiles))).toBe(false);
    expect(hasAppSecret(resolveK6RunConfig({}, definition, noFiles))).toBe(false);
    expect(hasAppSecret(resolveK6RunConfig({ WA_APP_SECRET: 'shh' }, definition, noFiles))).toBe(true);
    const redacted = resolveK6RunConfig({ WA_APP_SECRET: '[redacted]' }, definition, noFiles);
    const viaConfig = (secret: string) =>
      resolveK6RunConfig({ WA_CONFIG: '/c.json', WA_APP_SECRET: secret }, definition, () => JSON.stringify(redacted));
    expect(hasAppSecret(viaConfig(''))).toBe(false);
    expect(hasAppSecret(viaConfig('real'))).toBe(true);
  });

  it('applies WA_* overrides', () => {
    const c = resolveK6RunConfig(
      {
        WA_TARGET_URL: 'http://127.0.0.1:9',
        WA_RATE: '20',
        WA_DURATION: '30s',
        WA_APP_SECRET: 'shh',
        WA_RUN_ID: 'abcdefabcdef',
        WA_SEED: '9',
        WA_PHASES: '[{"name":"storm","startS":1,"endS":2}]',
        WA_OUT: '/tmp/r.json',
        WA_MAX_IN_FLIGHT: '50',
      },
      definition,
      noFiles,
    );
    expect(c.scenario.load).toEqual({ profile: 'constant', rate: 20, durationS: 30 });
    expect(c.scenario.target.appSecret).toBe('shh');
    expect(c).toMatchObject({
      targetUrl: 'http://127.0.0.1:9',
      runId: 'abcdefabcdef',
      outFile: '/tmp/r.json',
      phases: [{ name: 'storm', startS: 1, endS: 2 }],
    });
    expect(c.scenario).toMatchObject({ seed: 9, maxInFlight: 50 });
  });

  it('reads WA_CONFIG and takes the app secret from WA_APP_SECRET', () => {
    const file = JSON.stringify({
      scenario: JSON.parse(
        JSON.stringify({
          ...resolveK6RunConfig({}, definition, noFiles).scenario,
          target: { appSecret: '[redacted]', headers: {}, pathTemplate: '/hook' },
        }),
      ),
      targetUrl: 'http://127.0.0.1:7',
      runId: '0123456789ab',
      phases: [],
      fixturesDir: '/f',
      outFile: '/o.json',
    });
    const c = resolveK6RunConfig({ WA_CONFIG: '/run/k6-config.json', WA_APP_SECRET: 'real' }, definition, (p) =>
      p === '/run/k6-config.json' ? file : noFiles(p),
    );
    expect(c).toMatchObject({ targetUrl: 'http://127.0.0.1:7', runId: '0123456789ab', fixturesDir: '/f' });
    expect(c.scenario.target.appSecret).toBe('real');
    // The init context must load without the secret (k6 archive / k6 inspect see no shell env); setup() refuses.
    expect(hasAppSecret(resolveK6RunConfig({ WA_CONFIG: '/run/k6-config.json' }, definition, () => file))).toBe(false);
  });

  it('resolves relative WA_CONFIG, WA_FIXTURES_DIR and WA_OUT against the working directory k6 exposes as PWD', () => {
    const file = JSON.stringify({
      ...resolveK6RunConfig({}, definition, noFiles),
      fixturesDir: '/f',
      outFile: '/o.json',
    });
    const read: string[] = [];
    resolveK6RunConfig(
      { PWD: '/home/me/repo', WA_CONFIG: 'reports/runs/x/k6-config.json' },
      definition,
      (p) => (read.push(p), file),
    );
    expect(read).toEqual(['/home/me/repo/reports/runs/x/k6-config.json']);
    const c = resolveK6RunConfig(
      { PWD: '/home/me/repo', WA_FIXTURES_DIR: './fixtures/../my-set', WA_OUT: 'reports/x.json' },
      definition,
      noFiles,
    );
    expect(c).toMatchObject({ fixturesDir: '/home/me/repo/my-set', outFile: '/home/me/repo/reports/x.json' });
    // Absolute paths stay; without PWD (or with WA_RELATIVE_TO=script, emitted archives) k6's own rule applies.
    expect(resolveK6RunConfig({ PWD: '/home/me', WA_OUT: '/tmp/r.json' }, definition, noFiles).outFile).toBe(
      '/tmp/r.json',
    );
    expect(resolveK6RunConfig({ WA_FIXTURES_DIR: 'fx' }, definition, noFiles).fixturesDir).toBe('fx');
    expect(
      resolveK6RunConfig({ PWD: '/home/me', WA_RELATIVE_TO: 'script', WA_FIXTURES_DIR: '../fx' }, definition, noFiles)
        .fixturesDir,
    ).toBe('../fx');
  });

  it('ignores every WA_* but the app secret when WA_CONFIG names the resolved config (flags already beat the shell)', () => {
    const file = JSON.stringify({
      ...resolveK6RunConfig({ WA_APP_SECRET: 'x' }, definition, noFiles),
      targetUrl: 'http://127.0.0.1:7',
      runId: '0123456789ab',
      fixturesDir: '/f',
      outFile: '/o.json',
    });
    const shell = {
      WA_CONFIG: '/run/k6-config.json',
      WA_APP_SECRET: 'real',
      WA_TARGET_URL: 'http://10.0.0.5:3000',
      WA_RATE: '200',
      WA_DURATION: '1h',
      WA_SEED: '9',
      WA_RUN_ID: 'ffffffffffff',
      WA_PHASES: '[]',
      WA_FIXTURES_DIR: '/other',
      WA_OUT: '/other.json',
      WA_MAX_IN_FLIGHT: '1',
      WA_TIMEOUT_MS: '1',
      WA_PATH_TEMPLATE: '/evil',
      WA_VUS: '9999',
    };
    const c = resolveK6RunConfig(shell, definition, (p) => (p === '/run/k6-config.json' ? file : noFiles(p)));
    expect(c).toEqual({
      ...JSON.parse(file),
      scenario: { ...JSON.parse(file).scenario, target: { ...JSON.parse(file).scenario.target, appSecret: 'real' } },
    });
    expect(c.targetUrl).toBe('http://127.0.0.1:7');
    expect(c.scenario.load).toEqual({ profile: 'constant', rate: 100, durationS: 120 });
  });

  it('rejects malformed overrides with a message naming the variable', () => {
    expect(() => resolveK6RunConfig({ WA_RATE: 'fast' }, definition, noFiles)).toThrow(/WA_RATE/);
    expect(() => resolveK6RunConfig({ WA_DURATION: 'soon' }, definition, noFiles)).toThrow(/WA_DURATION/);
    expect(() => resolveK6RunConfig({ WA_RUN_ID: 'XYZ' }, definition, noFiles)).toThrow(/WA_RUN_ID/);
    expect(() => resolveK6RunConfig({ WA_PHASES: '{' }, definition, noFiles)).toThrow(/WA_PHASES/);
  });
});
