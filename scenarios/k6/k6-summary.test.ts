import { describe, expect, it } from 'vitest';
import { resolveK6RunConfig } from './k6-config.ts';
import { buildK6RunRecord, renderTextSummary, type K6SummaryData } from './k6-summary.ts';

const SECRETS = ['Bearer tok-4711', 'pw-0815', 'tenant-2342', 'app-secret-1234'];

const definition = JSON.stringify({
  name: 'load',
  load: { profile: 'constant', rate: 10, durationS: 5 },
  target: {
    appSecret: 'app-secret-1234',
    headers: {
      Authorization: 'Bearer tok-4711',
      'X-Db-Password': 'pw-0815',
      'X-Tenant': 'tenant-2342',
      Accept: 'json',
    },
    secretHeaders: ['X-Tenant'],
  },
});
const noFiles = (path: string): string => {
  throw new Error(`unexpected read ${path}`);
};
const data: K6SummaryData = { metrics: {}, state: { testRunDurationMs: 5000 } };

describe('the k6 summary', () => {
  it('never shows a secret header value, a password or the app secret in the record file or on stdout', () => {
    const config = resolveK6RunConfig({}, definition, noFiles);
    const record = buildK6RunRecord(data, config, 'a1b2c3d4e5f6', Date.parse('2026-12-01T20:00:05Z'));
    const output = JSON.stringify(record) + renderTextSummary(record);
    for (const secret of SECRETS) expect(output).not.toContain(secret);
  });

  it('redacts the config with the model redaction, as the Node engine record does, leaving other headers readable', () => {
    const config = resolveK6RunConfig({}, definition, noFiles);
    const record = buildK6RunRecord(data, config, 'a1b2c3d4e5f6', Date.parse('2026-12-01T20:00:05Z'));
    expect((record.config as { target: { headers: Record<string, string> } }).target.headers).toEqual({
      Authorization: '[redacted]',
      'X-Db-Password': '[redacted]',
      'X-Tenant': '[redacted]',
      Accept: 'json',
    });
  });
});
