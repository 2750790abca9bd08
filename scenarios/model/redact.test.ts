import { describe, expect, it } from 'vitest';
import { redactHeaders, redactSecrets, scrubText, secretValuesOf } from './redact.ts';

const scenario = {
  name: 'x',
  target: {
    appSecret: 'app-secret-value',
    verifyToken: 'verify-value',
    headers: {
      Authorization: 'Bearer a',
      'X-Tenant-Key': 'tenant-key',
      'X-Auth-User': 'auth-user',
      'X-Db-Password': 'pw',
      'X-Tenant': 'tenant',
      Accept: 'application/json',
    },
    secretHeaders: ['x-tenant'],
  },
  gates: { ackP99Ms: 5000 },
};

describe('the one redaction', () => {
  it('redacts secret fields, credential-looking headers and the scenario’s secretHeaders, and nothing else', () => {
    const out = redactSecrets(scenario);
    expect(out.target).toEqual({
      appSecret: '[redacted]',
      verifyToken: '[redacted]',
      headers: {
        Authorization: '[redacted]',
        'X-Tenant-Key': '[redacted]',
        'X-Auth-User': '[redacted]',
        'X-Db-Password': '[redacted]',
        'X-Tenant': '[redacted]',
        Accept: 'application/json',
      },
      secretHeaders: ['x-tenant'],
    });
    expect(out.gates).toEqual({ ackP99Ms: 5000 });
    expect(scenario.target.appSecret).toBe('app-secret-value');
  });

  it('redacts any field named like a password, token or secret, at any depth', () => {
    expect(redactSecrets({ db: { password: 'p', passwd: 'q', accessToken: 't', keyPrefix: 'k' } })).toEqual({
      db: { password: '[redacted]', passwd: '[redacted]', accessToken: '[redacted]', keyPrefix: 'k' },
    });
  });

  it('judges header names the same way in headers and in log scrubbing', () => {
    expect(redactHeaders({ Cookie: 'c', 'x-tenant': 't', Accept: 'a' }, ['X-Tenant'])).toEqual({
      Cookie: '[redacted]',
      'x-tenant': '[redacted]',
      Accept: 'a',
    });
    const secrets = secretValuesOf(scenario);
    expect(scrubText('sent Bearer a with tenant-key and tenant to app-secret-value', secrets)).toBe(
      'sent [redacted] with [redacted] and [redacted] to [redacted]',
    );
  });
});
