/**
 * Node-only helpers shared by every CLI and server: errors and exit codes, validation with
 * file/path-named messages, the loopback guard, secret redaction, compact byte codecs.
 *
 * @example
 * import { validate, UserError } from '../lib/index.ts';
 * const scenario = validate(scenarioSchema, data, { thing: 'scenario', filePath: 'x.json' });
 */
export { UserError, InfraError, handleError, runCli } from './errors.ts';
export { validate, readJsonFile, formatPath } from './validate.ts';
export { isLoopbackHost, isLoopbackAddress, assertTargetAllowed, assertUrlAllowed, type ResolveHost, type UrlGuardOptions } from './loopback.ts';
export { redactSecrets, scrubText, REDACTED } from './redact.ts';
export { encodeBytes, decodeBytes, BitSet } from './byte-codec.ts';
