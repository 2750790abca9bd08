import { scrubText } from '../../scenarios/model/index.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * Structured JSON lines on stderr (stdout is reserved for the one "listening" line). Every line
 * is scrubbed of the given secrets, so an error message quoting a token cannot leak it.
 */
export function createLogger(
  level: LogLevel,
  secrets: readonly string[],
  write = (line: string) => process.stderr.write(line + '\n'),
): Logger {
  const emit =
    (lvl: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (RANK[lvl] < RANK[level]) return;
      const line = JSON.stringify({
        time: new Date().toISOString(),
        level: lvl,
        component: 'connector',
        msg,
        ...fields,
      });
      write(scrubText(line, secrets));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
