import { parseArgs } from 'node:util';
import { UserError } from '../lib/index.ts';
import type { MockConfigInput } from './config.ts';

export const MOCK_USAGE = `Usage: npm run mock -- [--port 8089] [--host 127.0.0.1] [--profile none|flaky-5xx|…|file.json]
  [--token T] [--throughput 80|off] [--pair-rate on|off] [--limit-status 400|429]
  [--correlation context|read|recipient] [--run-id <12 hex>] [--seed 1]`;

export interface MockCliOptions {
  port: number;
  host: string;
  profile: string;
  config: MockConfigInput;
}

function fail(reason: string): never {
  throw new UserError(`Could not start the mock: ${reason}.\n${MOCK_USAGE}`);
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max) fail(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

/** Parses the mock CLI's flags into server options; any mistake is a UserError (exit 2). */
export function parseMockArgs(args: readonly string[]): MockCliOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        profile: { type: 'string' },
        token: { type: 'string' },
        throughput: { type: 'string' },
        'pair-rate': { type: 'string' },
        'limit-status': { type: 'string' },
        correlation: { type: 'string' },
        'run-id': { type: 'string' },
        seed: { type: 'string' },
      },
    }).values as Record<string, string | undefined>;
  } catch (error) {
    fail((error as Error).message.replace(/\.$/, ''));
  }
  const config: MockConfigInput = {};
  if (values.token !== undefined) config.accessToken = values.token;
  if (values.throughput !== undefined) config.throughputPerS = values.throughput === 'off' ? 'off' : parseInteger('throughput', values.throughput, 1, 1000);
  if (values['pair-rate'] !== undefined) {
    if (values['pair-rate'] !== 'on' && values['pair-rate'] !== 'off') fail(`--pair-rate must be on or off, got "${values['pair-rate']}"`);
    if (values['pair-rate'] === 'off') config.pairRate = 'off';
  }
  if (values['limit-status'] !== undefined) {
    const status = values['limit-status'];
    if (status !== '400' && status !== '429') fail(`--limit-status must be 400 or 429, got "${status}"`);
    config.limitHttpStatus = status === '400' ? 400 : 429;
  }
  if (values.correlation !== undefined) {
    const mode = values.correlation;
    if (mode !== 'context' && mode !== 'read' && mode !== 'recipient') fail(`--correlation must be context, read or recipient, got "${mode}"`);
    config.correlation = mode;
  }
  if (values['run-id'] !== undefined) config.runId = values['run-id'];
  if (values.seed !== undefined) config.seed = parseInteger('seed', values.seed, -(2 ** 31), 2 ** 31 - 1);
  return {
    port: values.port === undefined ? 0 : parseInteger('port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    profile: values.profile ?? 'none',
    config,
  };
}
