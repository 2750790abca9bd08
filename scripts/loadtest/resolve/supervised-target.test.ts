import { describe, expect, it } from 'vitest';
import { UserError } from '../../../common/node/index.ts';
import { targetCommandSchema } from '../../../targets/supervisor/index.ts';
import { presetSchema } from '../../../targets/presets/index.ts';
import { parseLoadtestFlags } from './flags.ts';
import { resolveLoadtest } from './resolve-config.ts';
import { resolveSupervised } from './supervised-target.ts';

const base = {
  drills: [],
  durationS: 60,
  targetUrl: 'builtin',
  builtinReference: () => targetCommandSchema.parse({ command: 'reference' }),
};

describe('resolveSupervised', () => {
  it('stays off for a plain builtin or URL run', () => {
    expect(resolveSupervised(base)).toBeUndefined();
    expect(resolveSupervised({ ...base, targetUrl: 'http://127.0.0.1:8080' })).toBeUndefined();
  });

  it('layers --target-cmd over the config file over the preset command', () => {
    const s = resolveSupervised({
      ...base,
      targetCmd: 'uvicorn app:app',
      presetCommand: { command: 'preset', envNames: { port: 'APP_PORT' }, healthPath: '/healthz' },
      fileCommand: { command: 'file', cwd: 'examples/fastapi' },
      replicas: 2,
      drills: ['drain@20s'],
    });
    expect(s).toMatchObject({
      command: {
        command: 'uvicorn app:app',
        cwd: 'examples/fastapi',
        healthPath: '/healthz',
        envNames: { port: 'APP_PORT' },
      },
      replicas: 2,
      drills: [{ kind: 'drain', atS: 20 }],
      reference: false,
    });
  });

  it('uses a preset command unless the user names a target: a URL, or builtin for the reference connector', () => {
    const presetCommand = { command: 'go run .', cwd: '/repo/examples/voice-bridge', env: { GOPROXY: 'off' } };
    expect(resolveSupervised({ ...base, presetCommand })?.command).toMatchObject({
      command: 'go run .',
      cwd: '/repo/examples/voice-bridge',
      env: { GOPROXY: 'off' },
    });
    expect(resolveSupervised({ ...base, presetCommand, targetUrl: 'http://127.0.0.1:9' })).toBeUndefined();
    expect(resolveSupervised({ ...base, presetCommand, targetNamed: true })).toBeUndefined();
    expect(resolveSupervised({ ...base, presetCommand, targetNamed: true, drills: ['restart@5s'] })).toMatchObject({
      command: { command: 'reference' },
      reference: true,
    });
  });

  it("keeps only the preset command's shape (names, health path, timeouts) under the user's own --target-cmd, never its folder or variables", () => {
    const presetCommand = {
      command: 'exec /usr/bin/python3 app.py',
      cwd: '/repo/examples/wappa-app',
      env: { X: '1' },
      envNames: { port: 'APP_PORT' },
      healthPath: '/healthz',
      startTimeoutS: 90,
    };
    const s = resolveSupervised({ ...base, presetCommand, targetCmd: 'node server.js' });
    expect(s?.command).toMatchObject({
      command: 'node server.js',
      env: {},
      envNames: { port: 'APP_PORT' },
      healthPath: '/healthz',
      startTimeoutS: 90,
    });
    expect(s?.command.cwd).toBeUndefined();
    expect(() => resolveSupervised({ ...base, presetCommand, targetCmd: 'x', targetNamed: true })).toThrow(
      /Drop --target builtin/,
    );
  });

  it('runs the reference connector as a command for --replicas or --drill on the builtin target', () => {
    expect(resolveSupervised({ ...base, replicas: 3 })).toMatchObject({
      command: { command: 'reference' },
      replicas: 3,
      reference: true,
    });
  });

  it('refuses a URL together with a command or with drills, naming the fix', () => {
    expect(() => resolveSupervised({ ...base, targetUrl: 'http://127.0.0.1:9', targetCmd: 'x' })).toThrow(
      /Drop --target/,
    );
    expect(() => resolveSupervised({ ...base, targetUrl: 'http://127.0.0.1:9', drills: ['drain@5s'] })).toThrow(
      UserError,
    );
    expect(() =>
      resolveSupervised({ ...base, fileCommand: { command: 'x', healthPath: 'health' }, filePath: 'run.json' }),
    ).toThrow(/target.command in run.json/);
  });
});

describe('target.command through loadtest config resolution', () => {
  const loadDefinition = () => ({ name: 'demo', load: { profile: 'constant', rate: 20, durationS: 60 } });
  const presetLayer = (command: unknown) => () => ({
    name: 'p',
    file: 'p.json',
    scenario: {},
    preset: presetSchema.parse({
      name: 'p',
      description: 'd',
      scenario: {},
      endpoints: { health: '/health', metrics: null },
      sideEffects: {},
      target: { command },
    }),
  });

  it('takes target.command out of the config file, keeps it out of the scenario and runs it supervised', () => {
    const configFile = {
      path: 'run.json',
      data: { target: { command: { command: 'python3 app.py', healthPath: '/healthz' }, verifyToken: 'v-from-file' } },
    };
    const r = resolveLoadtest({
      flags: parseLoadtestFlags(['--drill', 'restart@30s']),
      env: {},
      loadDefinition,
      configFile,
    });
    expect(r.target).toBe('supervised');
    expect(r.supervised).toMatchObject({
      command: { command: 'python3 app.py', healthPath: '/healthz' },
      replicas: 1,
      drills: [{ kind: 'restart', atS: 30 }],
    });
    expect(r.scenario.target).not.toHaveProperty('command');
    expect(r.scenario.target.verifyToken).toBe('v-from-file');
  });

  it("gives --target-cmd the preset's names and health path, and a URL beats the preset's command", () => {
    const loadPreset = presetLayer({ command: 'go run .', envNames: { port: 'LISTEN_PORT' }, healthPath: '/ready' });
    const r = resolveLoadtest({
      flags: parseLoadtestFlags(['--preset', 'p', '--target-cmd', './bin/bot']),
      env: {},
      loadDefinition,
      loadPreset,
    });
    expect(r.supervised?.command).toMatchObject({
      command: './bin/bot',
      envNames: { port: 'LISTEN_PORT' },
      healthPath: '/ready',
    });
    const url = resolveLoadtest({
      flags: parseLoadtestFlags(['--preset', 'p', '--target', 'http://127.0.0.1:8080']),
      env: {},
      loadDefinition,
      loadPreset,
    });
    expect(url.supervised).toBeUndefined();
    expect(url.target).toBe('http://127.0.0.1:8080');
  });

  it('rejects a preset whose target.command has a typo, naming the field', () => {
    expect(() => presetLayer({ command: 'x', healthpath: '/h' })()).toThrow();
    expect(
      presetSchema.safeParse({
        name: 'p',
        description: 'd',
        scenario: {},
        endpoints: { health: null, metrics: null },
        sideEffects: {},
        target: { command: { command: 'x', healthpath: '/h' } },
      }).error?.issues[0]?.path,
    ).toEqual(['target', 'command']);
  });
});
