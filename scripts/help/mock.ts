import type { CommandHelp } from '../../common/node/index.ts';
import { BUILTIN_PROFILES } from '../../mock-graph-api/index.ts';

/** `npm run mock -- --help`. */
export const MOCK_HELP: CommandHelp = {
  usage: ['npm run mock -- [flags]'],
  about:
    'The mock Graph API on its own: prints {"event":"listening","url":…} once ready, keeps a ledger of every side effect, injects the chaos profile, and closes on SIGTERM or Ctrl-C.',
  flags: [
    { flag: '--port <n>', help: 'port to listen on; 0 lets the OS choose', default: '0' },
    {
      flag: '--host <address>',
      help: 'address to listen on; off loopback the tokens below are required',
      default: '127.0.0.1',
    },
    {
      flag: '--profile <name|file>',
      help: `chaos profile: ${[...BUILTIN_PROFILES.keys()].join(', ')}, or a JSON file`,
      default: 'none',
    },
    { flag: '--token <token>', help: 'the only Bearer token accepted (else 401, code 190)', default: 'any non-empty' },
    { flag: '--throughput <n|off>', help: 'sends/s per phone number before 130429 (up to 1000)', default: '80' },
    {
      flag: '--pair-rate <on|off>',
      help: 'about 1 message / 6 s per recipient (bursts allowed) before 131056',
      default: 'on',
    },
    { flag: '--limit-status <400|429>', help: 'HTTP status of rate-limit errors', default: '429' },
    {
      flag: '--correlation <auto|context|read|recipient>',
      help: 'how sends are tied to inbound messages: the quoted context.message_id, else the `to` (auto)',
      default: 'auto',
    },
    { flag: '--run-id <12 hex>', help: 'run id of the recipients in recipient mode' },
    { flag: '--seed <n>', help: 'seed of the fault dice and latency samples', default: '1' },
  ],
  notes: [
    'Environment (never argv, where ps shows it): WA_MOCK_ADMIN_TOKEN (or WA_MOCK_ADMIN_TOKEN_FILE): /__admin/* then needs Authorization: Bearer <token> (401 otherwise); required, 16+ characters, when --host is not loopback. WA_MOCK_ACCESS_TOKENS (or WA_MOCK_ACCESS_TOKENS_FILE): the Graph access tokens accepted, comma-separated; required off loopback. GET /healthz answers 200 without a token.',
  ],
  exitCodes: [
    [0, 'closed on a signal'],
    [2, 'bad flag, profile or config'],
    [3, 'infrastructure error (port in use)'],
  ],
};
