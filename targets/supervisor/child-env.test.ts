import { describe, expect, it } from 'vitest';
import { buildTargetEnv } from './child-env.ts';
import { targetCommandSchema } from './target-command.ts';

const values = {
  port: 4100,
  host: '127.0.0.1',
  appSecret: 'app-s3cret',
  verifyToken: 'verify-t0ken',
  accessToken: 'access-t0ken',
  graphBaseUrl: 'http://127.0.0.1:4010',
};
const parent = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  LANG: 'C.UTF-8',
  TMPDIR: '/tmp',
  TZ: 'UTC',
  REDIS_URL: 'redis://shell:6379',
  AWS_SECRET_ACCESS_KEY: 'leak',
  WA_APP_SECRET: 'other',
  NODE_OPTIONS: '--inspect',
};

describe('buildTargetEnv', () => {
  it('hands over only the platform variables (PATH, HOME, LANG, TMPDIR, TZ…) and the contract variables, never the rest of the shell', () => {
    const env = buildTargetEnv(targetCommandSchema.parse({ command: 'x' }), values, parent);
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      LANG: 'C.UTF-8',
      TMPDIR: '/tmp',
      TZ: 'UTC',
      PORT: '4100',
      HOST: '127.0.0.1',
      WHATSAPP_APP_SECRET: 'app-s3cret',
      WHATSAPP_VERIFY_TOKEN: 'verify-t0ken',
      WHATSAPP_ACCESS_TOKEN: 'access-t0ken',
      GRAPH_BASE_URL: 'http://127.0.0.1:4010',
    });
  });

  it('renames variables per envNames and adds REDIS_URL only when the run has a Redis', () => {
    const command = targetCommandSchema.parse({
      command: 'x',
      envNames: { port: 'LISTEN_PORT', appSecret: 'META_APP_SECRET' },
    });
    const env = buildTargetEnv(command, { ...values, redisUrl: 'redis://127.0.0.1:6379' }, {});
    expect(env['LISTEN_PORT']).toBe('4100');
    expect(env['META_APP_SECRET']).toBe('app-s3cret');
    expect(env['PORT']).toBeUndefined();
    expect(env['REDIS_URL']).toBe('redis://127.0.0.1:6379');
    expect(buildTargetEnv(command, values, {})['REDIS_URL']).toBeUndefined();
  });

  it('lets the command add variables but not shadow the harness ones', () => {
    const command = targetCommandSchema.parse({
      command: 'x',
      env: { LOG_LEVEL: 'debug', PORT: '80', WHATSAPP_APP_SECRET: 'mine' },
    });
    const env = buildTargetEnv(command, values, {});
    expect(env).toMatchObject({ LOG_LEVEL: 'debug', PORT: '4100', WHATSAPP_APP_SECRET: 'app-s3cret' });
  });

  it('rejects an unknown envNames role and a bad variable name', () => {
    expect(targetCommandSchema.safeParse({ command: 'x', envNames: { secret: 'S' } }).success).toBe(false);
    expect(targetCommandSchema.safeParse({ command: 'x', envNames: { port: 'my-port' } }).success).toBe(false);
    expect(targetCommandSchema.safeParse({ command: '  ' }).success).toBe(false);
  });
});
