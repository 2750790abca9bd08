import { parseFlags, readEnum, readInteger, readSwitch } from '../common/node/index.ts';
import { CORRELATION_MODES } from '../common/contracts/index.ts';
import type { MockConfigInput } from './config.ts';

export const MOCK_USAGE = `Usage: npm run mock -- [--port 8089] [--host 127.0.0.1] [--profile none|flaky-5xx|…|file.json]
  [--token T] [--throughput 80|off] [--pair-rate on|off] [--limit-status 400|429]
  [--correlation auto|context|recipient|read] [--run-id <12 hex>] [--seed 1]`;

export interface MockCliOptions {
  port: number;
  host: string;
  profile: string;
  config: MockConfigInput;
}

const OPTIONS = {
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
} as const;

/** Parses the mock CLI's flags into server options; any mistake is a UserError (exit 2). */
export function parseMockArgs(args: readonly string[]): MockCliOptions {
  const { values } = parseFlags(args, { options: OPTIONS }, MOCK_USAGE);
  const config: MockConfigInput = {};
  if (values.token !== undefined) config.accessToken = values.token;
  if (values.throughput !== undefined)
    config.throughputPerS =
      values.throughput === 'off'
        ? 'off'
        : readInteger('--throughput', values.throughput, { min: 1, max: 1000, example: 80 });
  if (values['pair-rate'] !== undefined && !readSwitch('--pair-rate', values['pair-rate'])) config.pairRate = 'off';
  if (values['limit-status'] !== undefined)
    config.limitHttpStatus = readEnum('--limit-status', values['limit-status'], ['400', '429']) === '400' ? 400 : 429;
  if (values.correlation !== undefined)
    config.correlation = readEnum('--correlation', values.correlation, CORRELATION_MODES);
  if (values['run-id'] !== undefined) config.runId = values['run-id'];
  if (values.seed !== undefined)
    config.seed = readInteger('--seed', values.seed, { min: -(2 ** 31), max: 2 ** 31 - 1, example: 1 });
  return {
    port: values.port === undefined ? 0 : readInteger('--port', values.port, { min: 0, max: 65535, example: 8089 }),
    host: values.host ?? '127.0.0.1',
    profile: values.profile ?? 'none',
    config,
  };
}
