import { describe, expect, it } from 'vitest';
import { formatCommandHelp, type CommandHelp } from '../../common/node/index.ts';
import { parseGenerateArgs } from '../../fixtures/index.ts';
import { parseMockArgs } from '../../mock-graph-api/index.ts';
import { parseReportArgs } from '../../reports/index.ts';
import { parseRedisProxyArgs } from '../../targets/redis-proxy/index.ts';
import { expectHelpShape } from '../../test/helpers/help-shape.ts';
import { formatLoadtestHelp, LOADTEST_HELP, parseLoadtestFlags } from '../loadtest/index.ts';
import {
  CALIBRATE_HELP,
  CAPTURE_HELP,
  CONNECTOR_HELP,
  GENERATE_HELP,
  MOCK_HELP,
  REDIS_PROXY_HELP,
  REHEARSE_HELP,
  REPORT_HELP,
} from './index.ts';

/** The long flags a help lists, each as the parser would see it (`--port=x`, or `--flag` for a switch). */
function helpFlags(help: CommandHelp): string[][] {
  return help.flags.map(({ flag }) => {
    const [name, value] = /--([a-z0-9-]+)(\s.*)?$/.exec(flag)!.slice(1);
    return value ? [`--${name}=x`] : [`--${name}`];
  });
}

/** Fails when the parser does not know a flag the help lists (a bad value of a known flag is fine). */
function expectParserKnowsEveryFlag(help: CommandHelp, parse: (argv: string[]) => unknown, extra: string[] = []) {
  for (const argv of helpFlags(help)) {
    try {
      parse([...argv, ...extra]);
    } catch (error) {
      expect((error as Error).message, argv[0]).not.toMatch(/Unknown option|Unexpected argument/);
    }
  }
}

const COMMANDS: [string, CommandHelp, string[]][] = [
  ['mock', MOCK_HELP, ['--port <n>', '--profile <name|file>', '--throughput <n|off>', '(default: 0)']],
  ['capture', CAPTURE_HELP, ['listen', 'import <file.jsonl|file.har>', '--verify-token-file <file>', '--scrub-text']],
  ['generate', GENERATE_HELP, ['--count <n>', '(default: 50)', '--out <dir>', '--mix <type=w,…>']],
  ['redis-proxy', REDIS_PROXY_HELP, ['--upstream <redis://…>', '--stats <file>', '(default: none)']],
  ['connector', CONNECTOR_HELP, ['--app-secret <value>', 'WA_APP_SECRET', '--port <n>']],
  ['report', REPORT_HELP, ['<run folder>', '--baseline <summary.json>', '(default: 20)']],
  ['calibrate', CALIBRATE_HELP, ['--modes <a,b,…>', '--parallel <n>', '(default: 2)']],
  ['rehearse', REHEARSE_HELP, ['<example>', 'fastapi-bot', '--defect <name>']],
];

describe('every command answers --help in one shape', () => {
  for (const [command, help, mentions] of COMMANDS)
    it(`${command}: usage, flags with defaults, -h/--help and exit codes`, () => {
      const text = formatCommandHelp(help);
      expectHelpShape(text, command);
      for (const mention of mentions) expect(text).toContain(mention);
    });

  it("loadtest: the same shape, with this install's scenario, preset and chaos profile names", () => {
    const text = formatLoadtestHelp({
      scenarios: ['demo', 'load'],
      presets: ['wappa'],
      profiles: ['none', 'redis-outage'],
    });
    expectHelpShape(text, 'loadtest');
    expect(text).toContain('Chaos profiles (--chaos): none, redis-outage');
    expect(text).toContain('--redis-upstream <url>');
    expect(LOADTEST_HELP).toContain('-r, --rate <n>');
  });

  it("lists only flags the commands' parsers know", () => {
    expectParserKnowsEveryFlag(MOCK_HELP, parseMockArgs);
    expectParserKnowsEveryFlag(REDIS_PROXY_HELP, parseRedisProxyArgs);
    expectParserKnowsEveryFlag(GENERATE_HELP, parseGenerateArgs);
    expectParserKnowsEveryFlag(REPORT_HELP, parseReportArgs, ['run-folder']);
    // loadtest's flags, read from its help text (its data is private to help.ts).
    for (const [, name, value] of LOADTEST_HELP.matchAll(/^ {2}(?:-\w, )?(?: {4})?--([a-z0-9-]+)( \S+)?/gm)) {
      const argv = value ? [`--${name}=x`] : [`--${name}`];
      try {
        parseLoadtestFlags(argv);
      } catch (error) {
        expect((error as Error).message, name).not.toMatch(/Unknown option|Unexpected argument/);
      }
    }
  });
});
