import { describe, expect, it } from 'vitest';
import { UserError } from '../../common/node/index.ts';
import { resolveCliConfig } from './cli-config.ts';

const env = { WA_APP_SECRET: 'env-secret', WA_ACCESS_TOKEN: 'env-token' };

describe('resolveCliConfig', () => {
  it('merges defaults < environment < flags', () => {
    const config = resolveCliConfig(['--defect', 'slow-ack', '--port', '0'], {
      ...env,
      WA_DEFECT: 'no-dedupe',
      GRAPH_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(config).toMatchObject({
      defect: 'slow-ack',
      graphBaseUrl: 'http://127.0.0.1:9',
      appSecret: 'env-secret',
      graphVersion: 'v23.0',
      slowAckMs: 6_000,
      port: 0,
    });
  });

  it('rejects unknown flags, non-numeric ports and unknown defects with a usage error naming the flag', () => {
    expect(() => resolveCliConfig(['--nope'], env)).toThrow(/Unknown option '--nope'/);
    expect(() => resolveCliConfig(['--port', 'abc'], env)).toThrow(/--port/);
    expect(() => resolveCliConfig(['--defect', 'typo'], env)).toThrow(/--defect \(or WA_DEFECT\)/);
    expect(() => resolveCliConfig(['--port', '-5'], env)).toThrow(/--port \(or PORT\)/);
    expect(() => resolveCliConfig([], { ...env, WA_SEED: 'x' })).toThrow(
      'Could not read WA_SEED "x": not an integer. Pass a whole number, e.g. WA_SEED=1.',
    );
    expect(() => resolveCliConfig(['--prot', '80'], env)).toThrow(
      /Unknown option '--prot' \(did you mean --port\?\)\. Run `npm run connector -- --help`/,
    );
    let caught: unknown;
    try {
      resolveCliConfig([], {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).exitCode).toBe(2);
    expect((caught as Error).message).toMatch(/--app-secret \(or WA_APP_SECRET\): the Meta app secret is required/);
  });

  it('accepts only path templates with the phone_number_id placeholder', () => {
    expect(resolveCliConfig(['--path-template', '/webhook/messenger/{phone_number_id}/whatsapp'], env)).toMatchObject({
      pathTemplate: '/webhook/messenger/{phone_number_id}/whatsapp',
    });
    expect(() => resolveCliConfig(['--path-template', '/webhook/{other}'], env)).toThrow(/--path-template/);
  });
});

describe('supervised-target variable names', () => {
  it('reads WHATSAPP_* when the WA_* variables are unset, and WA_* wins when both are set', () => {
    const config = resolveCliConfig([], {
      WHATSAPP_APP_SECRET: 'contract-secret',
      WHATSAPP_ACCESS_TOKEN: 'contract-token',
      WHATSAPP_VERIFY_TOKEN: 'v',
    });
    expect(config).toMatchObject({ appSecret: 'contract-secret', accessToken: 'contract-token', verifyToken: 'v' });
    expect(
      resolveCliConfig([], { WA_APP_SECRET: 'wa', WHATSAPP_APP_SECRET: 'contract', WA_ACCESS_TOKEN: 't' }),
    ).toMatchObject({ appSecret: 'wa' });
  });
});
