import { describe, expect, it } from 'vitest';
import { UserError } from '../lib/index.ts';
import { targetCommandSchema } from '../supervisor/index.ts';
import { resolveSupervised } from './supervised-target.ts';

const base = { drills: [], durationS: 60, targetUrl: 'builtin', builtinReference: () => targetCommandSchema.parse({ command: 'reference' }) };

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
    expect(s).toMatchObject({ command: { command: 'uvicorn app:app', cwd: 'examples/fastapi', healthPath: '/healthz', envNames: { port: 'APP_PORT' } }, replicas: 2, drills: [{ kind: 'drain', atS: 20 }], reference: false });
  });

  it('uses a preset command unless the user gives a target URL', () => {
    const presetCommand = { command: 'go run .' };
    expect(resolveSupervised({ ...base, presetCommand })?.command.command).toBe('go run .');
    expect(resolveSupervised({ ...base, presetCommand, targetUrl: 'http://127.0.0.1:9' })).toBeUndefined();
  });

  it('runs the reference connector as a command for --replicas or --drill on the builtin target', () => {
    expect(resolveSupervised({ ...base, replicas: 3 })).toMatchObject({ command: { command: 'reference' }, replicas: 3, reference: true });
  });

  it('refuses a URL together with a command or with drills, naming the fix', () => {
    expect(() => resolveSupervised({ ...base, targetUrl: 'http://127.0.0.1:9', targetCmd: 'x' })).toThrow(/Drop --target/);
    expect(() => resolveSupervised({ ...base, targetUrl: 'http://127.0.0.1:9', drills: ['drain@5s'] })).toThrow(UserError);
    expect(() => resolveSupervised({ ...base, fileCommand: { command: 'x', healthPath: 'health' }, filePath: 'run.json' })).toThrow(/target.command in run.json/);
  });
});
