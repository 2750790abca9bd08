import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../../common/contracts/index.ts';
import { buildK6Command } from './k6-command.ts';
import { parseK6Version } from './k6-available.ts';
import { resolveK6RunConfig } from '../../k6/index.ts';

const scenario = scenarioSchema.parse({
  name: 'chaos',
  load: { profile: 'constant', rate: 60, durationS: 180 },
  target: { appSecret: 'top-secret-value' },
});

describe('k6 command', () => {
  it('runs the scenario file of the same name with the config path and secret in the environment', () => {
    const cmd = buildK6Command({
      scenario,
      targetUrl: 'http://127.0.0.1:3000',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: '/runs/x',
      fixturesDir: '/fx',
      knownScripts: ['chaos', 'load'],
      baseEnv: { PATH: '/bin' },
    });
    expect(cmd.command).toBe('k6');
    expect(cmd.args.slice(0, 1)).toEqual(['run']);
    expect(cmd.args.at(-1)).toMatch(/scenarios\/chaos\.ts$/);
    expect(cmd.env).toMatchObject({
      PATH: '/bin',
      WA_CONFIG: '/runs/x/k6-config.json',
      WA_APP_SECRET: 'top-secret-value',
    });
    expect(cmd.config).toMatchObject({
      targetUrl: 'http://127.0.0.1:3000',
      runId: 'a1b2c3d4e5f6',
      fixturesDir: '/fx',
      outFile: '/runs/x/run-record.k6.json',
    });
  });

  it('hands k6 absolute paths for a relative run folder and fixture set (k6 resolves relative paths against the script folder)', () => {
    const cmd = buildK6Command({
      scenario,
      targetUrl: 'http://127.0.0.1:3000',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: 'reports/runs/a1b2c3d4e5f6',
      fixturesDir: 'fixtures',
    });
    expect(cmd.env.WA_CONFIG).toBe(join(process.cwd(), 'reports/runs/a1b2c3d4e5f6/k6-config.json'));
    expect(cmd.configPath).toBe(cmd.env.WA_CONFIG);
    expect(cmd.config.outFile).toBe(join(process.cwd(), 'reports/runs/a1b2c3d4e5f6/run-record.k6.json'));
    expect(cmd.config.fixturesDir).toBe(join(process.cwd(), 'fixtures'));
    expect(isAbsolute(cmd.outFile)).toBe(true);
  });

  it('gives k6 an explicit environment: platform variables, K6_* output settings, the config path and the secret, no other WA_*', () => {
    const shell = {
      PATH: '/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      WA_TARGET_URL: 'http://10.0.0.5:3000',
      WA_RATE: '200',
      WA_SEED: '7',
      WA_FIXTURES_DIR: '/elsewhere',
      WA_OUT: '/x.json',
      REDIS_URL: 'redis://10.0.0.9:6379',
      AWS_SECRET_ACCESS_KEY: 'aws',
      HTTP_PROXY: 'http://proxy:3128',
      K6_OUT: 'experimental-prometheus-rw',
      K6_PROMETHEUS_RW_SERVER_URL: 'http://127.0.0.1:9090/api/v1/write',
      K6_OTEL_EXPORTER_TYPE: 'grpc',
      K6_VUS: '500',
      K6_DURATION: '1h',
      K6_ITERATIONS: '9',
      K6_NO_THRESHOLDS: 'true',
    };
    const cmd = buildK6Command({
      scenario,
      targetUrl: 'http://127.0.0.1:3000',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: '/runs/x',
      fixturesDir: '/fx',
      baseEnv: shell,
    });
    expect(cmd.env).toEqual({
      PATH: '/bin',
      HOME: '/home/u',
      TMPDIR: '/tmp',
      LANG: 'C.UTF-8',
      K6_OUT: 'experimental-prometheus-rw',
      K6_PROMETHEUS_RW_SERVER_URL: 'http://127.0.0.1:9090/api/v1/write',
      K6_OTEL_EXPORTER_TYPE: 'grpc',
      K6_NO_USAGE_REPORT: 'true',
      WA_CONFIG: '/runs/x/k6-config.json',
      WA_APP_SECRET: 'top-secret-value',
    });
    expect(
      Object.keys(cmd.env)
        .filter((k) => k.startsWith('WA_'))
        .sort(),
    ).toEqual(['WA_APP_SECRET', 'WA_CONFIG']);
  });

  it('never writes the app secret into the config file', () => {
    const cmd = buildK6Command({
      scenario,
      targetUrl: 'http://127.0.0.1:3000',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: '/r',
      fixturesDir: '/fx',
    });
    expect(JSON.stringify(cmd.config)).not.toContain('top-secret-value');
  });

  it('falls back to the generic load script for a custom scenario name', () => {
    const custom = { ...scenario, name: 'my-own' };
    expect(
      buildK6Command({
        scenario: custom,
        targetUrl: 'http://127.0.0.1:1',
        runId: 'a1b2c3d4e5f6',
        phases: [],
        runDir: '/r',
        fixturesDir: '/f',
        knownScripts: ['load'],
      }).args.at(-1),
    ).toMatch(/load\.ts$/);
  });

  it('sends from the given source addresses with --local-ips', () => {
    const cmd = buildK6Command({
      scenario,
      targetUrl: 'http://127.0.0.1:1',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: '/r',
      fixturesDir: '/f',
      sourceAddresses: ['127.0.0.2', '127.0.0.3'],
    });
    expect(cmd.args.slice(cmd.args.indexOf('--local-ips'), cmd.args.indexOf('--local-ips') + 2)).toEqual([
      '--local-ips',
      '127.0.0.2,127.0.0.3',
    ]);
    expect(
      buildK6Command({
        scenario,
        targetUrl: 'http://127.0.0.1:1',
        runId: 'a1b2c3d4e5f6',
        phases: [],
        runDir: '/r',
        fixturesDir: '/f',
      }).args,
    ).not.toContain('--local-ips');
  });

  it('streams k6 JSON output to an absolute file and never binds the fixed REST API port (two k6 at once)', () => {
    const cmd = buildK6Command({
      scenario,
      targetUrl: 'http://127.0.0.1:1',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: 'reports/runs/r',
      fixturesDir: '/f',
      mockUrl: 'http://127.0.0.1:2',
    });
    expect(cmd.args.slice(cmd.args.indexOf('--address'), cmd.args.indexOf('--address') + 2)).toEqual([
      '--address',
      '127.0.0.1:0',
    ]);
    expect(cmd.args).toContain(`json=${join(process.cwd(), 'reports/runs/r/k6-samples.json')}`);
    expect(cmd.config).toMatchObject({ samples: true, mockUrl: 'http://127.0.0.1:2' });
  });

  it('reads the version from `k6 version` output', () => {
    expect(parseK6Version('k6 v1.3.0 (commit/abc, go1.24.4, linux/amd64)')).toBe('v1.3.0');
    expect(parseK6Version('command not found')).toBeNull();
  });
});

describe('secret headers on the k6 engine', () => {
  it('keep their values out of the config file and still send them: k6 reads them back from WA_SECRET_HEADERS', () => {
    const withHeaders = scenarioSchema.parse({
      name: 'smoke',
      load: { profile: 'constant', rate: 1, durationS: 1 },
      target: {
        headers: { Authorization: 'Bearer real', 'X-Tenant': 't-1', Accept: 'json' },
        secretHeaders: ['X-Tenant'],
      },
    });
    const cmd = buildK6Command({
      scenario: withHeaders,
      targetUrl: 'http://127.0.0.1:3000',
      runId: 'a1b2c3d4e5f6',
      phases: [],
      runDir: '/tmp/run',
      fixturesDir: '/tmp/fixtures',
    });
    const file = JSON.stringify(cmd.config);
    expect(file).not.toContain('Bearer real');
    expect(file).not.toContain('t-1');
    const inK6 = resolveK6RunConfig(cmd.env, '{}', (path) => {
      if (path !== cmd.configPath) throw new Error(`unexpected read ${path}`);
      return file;
    });
    expect(inK6.scenario.target.headers).toEqual({ Authorization: 'Bearer real', 'X-Tenant': 't-1', Accept: 'json' });
    expect(inK6.scenario.target.appSecret).toBe(withHeaders.target.appSecret);
  });
});
