import { formatCommandHelp, type CommandHelp } from '../../../common/node/index.ts';

/** `loadtest --help`; the flag table in docs/command-line.md says the same. */
const LOADTEST_HELP_DATA: CommandHelp = {
  usage: ['npm run loadtest -- [flags]      (or: wa-loadtest [flags])'],
  about:
    'Replays signed WhatsApp webhook fixtures against a target while a mock Graph API injects chaos, then writes a report and exits with the gate verdict.',
  flags: [
    {
      flag: '-s, --scenario <name>',
      help: 'scenario definition, names below; see scenarios/README.md',
      default: 'demo',
    },
    {
      flag: '--preset <name|file>',
      help: 'target preset, names below, or a preset file of path, endpoints and SLOs; see targets/presets/README.md',
    },
    {
      flag: '-t, --target <url|builtin>',
      help: 'connector base URL, or builtin = the reference connector',
      default: 'builtin',
    },
    {
      flag: '-r, --rate <n>',
      help: 'deliveries per second, the peak for ramp and spike shapes',
      default: "the scenario's",
    },
    {
      flag: '-d, --duration <d>',
      help: 'run length: 90, 90s, 5m, 1h; chaos phases scale with it',
      default: "the scenario's",
    },
    {
      flag: '--chaos-timing <scale|fixed>',
      help: 'chaos phase lengths follow --duration (scale) or not',
      default: 'scale',
    },
    { flag: '-e, --engine <auto|k6|node>', help: 'load engine; auto = k6 when on PATH, else node', default: 'auto' },
    {
      flag: '-c, --chaos <profile>',
      help: 'mock Graph API chaos profile, names below, or a file',
      default: "the scenario's",
    },
    { flag: '--config <file>', help: 'JSON scenario config (any scenario field; "scenario": "<base name>")' },
    { flag: '-o, --out <dir>', help: 'run folders go to <dir>/<run-id>', default: 'reports/runs' },
    {
      flag: '--allow-host <host>',
      help: 'allow a non-loopback host (target, mock, metrics, Redis; repeatable, or comma-separated)',
    },
    { flag: '--mock-url <url>', help: 'use a mock Graph API already running there', default: 'one is started' },
    {
      flag: '--mock-port <port>',
      help: "port of the started mock; point your connector's Graph base URL at it",
      default: 'any free port',
    },
    {
      flag: '--mock <harness|in-target>',
      help: "in-target: no mock of the harness's own; the msw preload is loaded into the --target-cmd Node connector and judged there",
      default: 'harness',
    },
    { flag: '--metrics-url <url>', help: "target's Prometheus /metrics, scraped before and after the run" },
    { flag: '--defect <mode>', help: 'builtin target only: run the reference connector with a seeded defect' },
    { flag: '--redis-url <url>', help: 'builtin target only: dedupe in Redis instead of memory' },
    {
      flag: '--redis-proxy',
      help: "start redis-server + the Redis fault proxy (the chaos profile's redis faults); the builtin connector dedupes through it",
    },
    { flag: '--redis-upstream <url>', help: 'with the proxy: stand in front of this Redis instead of starting one' },
    {
      flag: '--redis-proxy-port <n>',
      help: "with the proxy: listen on this port (configure a URL target's Redis before the run); the load waits for its first connection",
    },
    { flag: '--baseline <file>', help: 'compare with a previous summary.json; regressions fail the run' },
    { flag: '--seed <n>', help: 'seed for the traffic mix and chaos dice' },
    { flag: '--no-handshake', help: 'skip the GET verify handshake before loading' },
    {
      flag: '--metrics-port <port>',
      help: 'node engine: serve live Prometheus metrics on 127.0.0.1:<port>/metrics during the run (0 = any free port)',
    },
    { flag: '--dashboard', help: 'serve a live page on 127.0.0.1 during the run (URL printed)' },
    { flag: '--dashboard-port <port>', help: 'port of the live page; implies --dashboard', default: 'any free' },
    {
      flag: '--emit k6-operator',
      help: 'write archive.tar (k6 archive) + k6-operator TestRun instead of running (scripts/loadtest/emit/README.md)',
    },
    { flag: '--parallelism <n>', help: 'with --emit: number of k6 runner pods', default: '1' },
    {
      flag: '--mock-image <ref>',
      help: 'with --emit: image of the mock Graph API Deployment written beside the TestRun (docs/staging.md)',
      default: 'wa-mock-graph-api:0.1.0',
    },
    {
      flag: '--target-cmd "<cmd>"',
      help: 'the harness starts your connector: runs <cmd> with PORT, WHATSAPP_* and GRAPH_BASE_URL set (docs/targets.md, "Supervised targets")',
    },
    { flag: '--replicas <n>', help: 'supervised: n instances behind a round-robin loopback balancer' },
    { flag: '--drill <kind>@<t>', help: 'supervised: drain@20s (SIGTERM) or restart@20s (SIGKILL + restart)' },
  ],
  notes: [
    `Environment: WA_SCENARIO, WA_PRESET, WA_TARGET_URL, WA_APP_SECRET, WA_VERIFY_TOKEN, WA_RATE,
WA_DURATION, WA_ENGINE, WA_CHAOS, WA_ALLOW_HOSTS, WA_MOCK_URL, GITHUB_STEP_SUMMARY.
Precedence: scenario defaults < --preset < --config file < environment < flags.

Ctrl-C or SIGTERM stops the load and still writes the partial report, marked aborted (exit 3);
a second Ctrl-C, a second or more later, quits at once.`,
  ],
  exitCodes: [
    [0, 'all gates pass'],
    [99, 'a gate failed'],
    [2, 'usage or config error (checked before anything starts)'],
    [
      3,
      'infrastructure error, a child process died, aborted run (Ctrl-C/SIGTERM), or load not delivered (> 1 % of planned deliveries dropped or never started)',
    ],
  ],
};

/** `loadtest --help` without this install's names (tests read it). */
export const LOADTEST_HELP = formatCommandHelp(LOADTEST_HELP_DATA);

/** `loadtest --help` with the scenario, preset and chaos profile names of this install. Pure. */
export function formatLoadtestHelp(names: { scenarios: string[]; presets: string[]; profiles: string[] }): string {
  return formatCommandHelp({
    ...LOADTEST_HELP_DATA,
    notes: [
      [
        `Scenarios (--scenario): ${names.scenarios.join(', ')}`,
        `Presets (--preset): ${names.presets.join(', ')}`,
        `Chaos profiles (--chaos): ${names.profiles.join(', ')}`,
      ].join('\n'),
      ...(LOADTEST_HELP_DATA.notes ?? []),
    ],
  });
}
