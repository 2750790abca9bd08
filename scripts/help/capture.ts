import type { CommandHelp } from '../../common/node/index.ts';

/** `npm run capture -- --help`. */
export const CAPTURE_HELP: CommandHelp = {
  usage: [
    'npm run capture -- listen --port 8090 --verify-token-file <file> --out <dir> [flags]',
    'npm run capture -- import <file.jsonl|file.har> --out <dir> [flags]',
  ],
  about:
    'Turns real webhook deliveries into a fixture set with PII scrubbed: listen receives them as your webhook URL would; import reads a JSONL or HAR log. Secrets come from a flag, else its file, else WA_VERIFY_TOKEN / WA_APP_SECRET (files and variables keep them out of argv).',
  flags: [
    { flag: '--out <dir>', help: 'new folder to write (one holding a manifest.json is refused; required)' },
    { flag: '--port <n>', help: 'listen: port', default: '8090' },
    { flag: '--host <address>', help: 'listen: address', default: '127.0.0.1' },
    { flag: '--verify-token <token>', help: 'listen: the GET handshake token (required for listen)' },
    { flag: '--verify-token-file <file>', help: 'listen: read the verify token from a file' },
    { flag: '--app-secret <secret>', help: 'check X-Hub-Signature-256; a mismatch names the record', default: 'none' },
    { flag: '--app-secret-file <file>', help: 'read the app secret from a file' },
    { flag: '--scrub-text', help: 'also replace message text, captions and filenames', default: 'off' },
    { flag: '--url-contains <text>', help: 'import of a HAR: keep POSTs whose URL contains this' },
    { flag: '--max-records <n>', help: 'listen: stop after this many deliveries', default: 'no limit' },
    { flag: '--duration-s <n>', help: 'listen: stop after this many seconds', default: 'until Ctrl-C' },
  ],
  exitCodes: [
    [0, 'written'],
    [2, 'bad input (flags, JSON, schema, signature, a used folder)'],
    [3, 'cannot listen'],
  ],
};
