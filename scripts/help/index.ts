/**
 * The `--help` of every command, as data in the one shape `formatCommandHelp` prints
 * (loadtest's lives in scripts/loadtest/resolve/help.ts). Each command imports its own file, not
 * this index: the index pulls in every stage (the fixture generator's locales, the mock), which
 * cost the reference connector ~70 MB of RSS.
 *
 * @example
 * if (wantsHelp(argv)) process.stdout.write(formatCommandHelp(MOCK_HELP));
 */
export { CALIBRATE_HELP } from './calibrate.ts';
export { CAPTURE_HELP } from './capture.ts';
export { CONNECTOR_HELP } from './connector.ts';
export { GENERATE_HELP } from './generate.ts';
export { MOCK_HELP } from './mock.ts';
export { REDIS_PROXY_HELP } from './redis-proxy.ts';
export { REHEARSE_HELP } from './rehearse.ts';
export { REPORT_HELP } from './report.ts';
