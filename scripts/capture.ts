/**
 * `npm run capture -- listen --port P --verify-token T [--app-secret S] --out <dir> [--scrub-text]`
 * `npm run capture -- import <file.jsonl|file.har> --out <dir> [--app-secret S] [--scrub-text] [--url-contains /webhook]`
 * Secrets also come from WA_VERIFY_TOKEN / WA_APP_SECRET or --verify-token-file / --app-secret-file
 * (flag > file > environment), so they need not sit in argv where `ps` shows them.
 * Exit codes: 0 ok, 2 bad input (flags, JSON, schema, signature), 3 cannot listen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Capture, parseHar, parseJsonl, runListen, writeFixtureFiles } from '../fixtures/index.ts';
import { EXIT } from '../common/core/index.ts';
import {
  parseFlags,
  printHelpIfAsked,
  readInteger,
  runCli,
  UserError,
  type NumberBounds,
} from '../common/node/index.ts';
import { CAPTURE_HELP } from './help/capture.ts';
import { scrubText } from '../scenarios/model/index.ts';

const USAGE =
  'Usage: npm run capture -- listen --port 8090 --verify-token T --out ./captured | npm run capture -- import traffic.jsonl --out ./captured';

function parseCli(argv: string[]) {
  return parseFlags(
    argv,
    {
      options: {
        port: { type: 'string', default: '8090' },
        host: { type: 'string', default: '127.0.0.1' },
        'verify-token': { type: 'string' },
        'app-secret': { type: 'string' },
        'verify-token-file': { type: 'string' },
        'app-secret-file': { type: 'string' },
        out: { type: 'string' },
        'scrub-text': { type: 'boolean', default: false },
        'url-contains': { type: 'string' },
        'max-records': { type: 'string' },
        'duration-s': { type: 'string' },
      },
      allowPositionals: true,
    },
    USAGE,
  );
}

const readCount = (value: string | undefined, flag: string, bounds: NumberBounds): number | undefined =>
  value === undefined ? undefined : readInteger(flag, value, { min: 0, ...bounds });

/** A secret from its flag, else its file (trimmed), else its environment variable. */
function readSecret(
  flag: string | undefined,
  file: string | undefined,
  fromEnv: string | undefined,
  fileFlag: string,
): string | undefined {
  if (flag !== undefined) return flag;
  if (file !== undefined) {
    try {
      return readFileSync(file, 'utf8').trim() || undefined;
    } catch (error) {
      throw new UserError(
        `Could not read ${fileFlag} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Check the path.`,
      );
    }
  }
  return fromEnv === '' ? undefined : fromEnv;
}

function runImport(
  file: string,
  out: string,
  options: { appSecret?: string; scrubText: boolean; urlContains?: string },
  log: (line: string) => void,
): number {
  if (existsSync(join(out, 'manifest.json')))
    throw new UserError(
      `Could not import into ${out}: it already holds a manifest.json. Pass a new --out folder so an earlier capture is not overwritten.`,
    );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `Could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Check the path.`,
    );
  }
  const isHar = file.toLowerCase().endsWith('.har');
  const { records, ignored } = isHar
    ? parseHar(text, file, options.urlContains)
    : { records: parseJsonl(text, file), ignored: 0 };
  if (records.length === 0)
    throw new UserError(
      `Could not import ${file}: it holds no webhook deliveries${isHar ? ' (no POST requests with a body' + (options.urlContains ? ` whose URL contains "${options.urlContains}"` : '') + ')' : ''}. Check the file.`,
    );
  const capture = new Capture({
    kind: 'import',
    appSecret: options.appSecret,
    scrubText: options.scrubText,
    onWarning: (w) => log(`capture: warning: ${w}`),
  });
  // All or nothing: a bad record stops the import before anything is written.
  capture.addAll(records);
  writeFixtureFiles(out, capture.render().files);
  process.stdout.write(
    `capture: imported ${records.length} deliveries from ${file} into ${out}${ignored ? ` (${ignored} HAR entries were not POSTs with a body${options.urlContains ? ' to a matching URL' : ''})` : ''}\n`,
  );
  return 0;
}

await runCli('capture', async () => {
  if (printHelpIfAsked(process.argv.slice(2), CAPTURE_HELP)) return EXIT.ok;
  const { values, positionals } = parseCli(process.argv.slice(2));
  const appSecret = readSecret(
    values['app-secret'],
    values['app-secret-file'],
    process.env.WA_APP_SECRET,
    '--app-secret-file',
  );
  const verifyToken = readSecret(
    values['verify-token'],
    values['verify-token-file'],
    process.env.WA_VERIFY_TOKEN,
    '--verify-token-file',
  );
  const secrets = [appSecret, verifyToken].filter((s): s is string => s !== undefined);
  const log = (line: string) => process.stderr.write(scrubText(line, secrets) + '\n');
  const [mode, file, ...extra] = positionals;
  if (!values.out) throw new UserError(`Could not capture: --out is missing. ${USAGE}.`);
  if (mode === 'import') {
    if (!file || extra.length > 0)
      throw new UserError(`Could not import: name exactly one .jsonl or .har file. ${USAGE}.`);
    return runImport(
      file,
      values.out,
      { appSecret: appSecret, scrubText: values['scrub-text'], urlContains: values['url-contains'] },
      log,
    );
  }
  if (mode === 'listen') {
    if (file !== undefined) throw new UserError(`Could not listen: unexpected argument "${file}". ${USAGE}.`);
    if (!verifyToken)
      throw new UserError(
        'Could not listen: the verify token is missing. Pass the token you configured in the Meta app dashboard in WA_VERIFY_TOKEN or --verify-token-file (or --verify-token).',
      );
    const port = readCount(values.port, '--port', { max: 65535, example: 8090 }) ?? 8090;
    return runListen(
      {
        port,
        host: values.host,
        verifyToken,
        appSecret,
        out: values.out,
        scrubText: values['scrub-text'],
        maxRecords: readCount(values['max-records'], '--max-records', { example: 100 }),
        durationS: readCount(values['duration-s'], '--duration-s', { example: 60 }),
      },
      log,
    );
  }
  throw new UserError(`Could not capture: unknown mode "${mode ?? ''}"; use listen or import. ${USAGE}.`);
});
