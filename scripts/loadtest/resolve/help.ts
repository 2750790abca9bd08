/** `loadtest --help`; the README's flag table says the same. */
export const LOADTEST_HELP = `Usage: npm run loadtest -- [flags]      (or: wa-loadtest [flags])

Replays signed WhatsApp webhook fixtures against a target while a mock Graph API
injects chaos, then writes a report and exits with the gate verdict.

  -s, --scenario <name>     scenario definition (default: demo). See scenarios/README.md
      --preset <name|file>  target preset: generic-redis, wappa, fastapi-bot, rate-limited-bot,
                            voice-bridge, or a preset file (path, endpoints, SLOs). See targets/presets/README.md
  -t, --target <url|builtin> connector base URL, or builtin = the reference connector (default)
  -r, --rate <n>            deliveries per second (peak for ramp/spike shapes)
  -d, --duration <d>        run length: 90, 90s, 5m, 1h (chaos phases scale with it)
      --chaos-timing <scale|fixed> chaos phase lengths follow --duration (scale, default) or not
  -e, --engine <auto|k6|node> load engine (auto = k6 when on PATH, else node)
  -c, --chaos <profile>     mock Graph API chaos profile: none, mild, flaky-5xx,
                            rate-limit-storm, timeouts, brownout, meltdown, calibration, or a file
      --config <file>       JSON scenario config (any scenario field; "scenario": "<base name>")
  -o, --out <dir>           run folders go to <dir>/<run-id> (default: reports/runs)
      --allow-host <host>   allow a non-loopback host (target, mock, metrics, Redis; repeatable, or comma-separated)
      --mock-url <url>      use a mock Graph API already running there (else one is started)
      --mock-port <port>    port for the started mock (default: any free port); point your
                            connector's Graph base URL at it
      --mock <harness|in-target> in-target: no mock of the harness's own; the msw preload is
                            loaded into the --target-cmd Node connector and judged there
      --metrics-url <url>   target's Prometheus /metrics, scraped before and after the run
      --defect <mode>       builtin target only: run the reference connector with a seeded defect
      --redis-url <url>     builtin target only: dedupe in Redis instead of memory
      --redis-proxy         start redis-server + the Redis fault proxy (the chaos profile's
                            redis faults); the builtin connector dedupes through it
      --redis-upstream <url> with the proxy: stand in front of this Redis instead of starting one
      --baseline <file>     compare with a previous summary.json; regressions fail the run
      --seed <n>            seed for the traffic mix and chaos dice
      --no-handshake        skip the GET verify handshake before loading
      --metrics-port <port> node engine: serve live Prometheus metrics on
                            127.0.0.1:<port>/metrics during the run (0 = any free port)
      --dashboard           serve a live page on 127.0.0.1 during the run (URL printed)
      --dashboard-port <port> port of the live page (implies --dashboard; default any free)
      --emit k6-operator    write archive.tar (k6 archive) + k6-operator TestRun instead of running
                            (see scripts/loadtest/emit/README.md)
      --parallelism <n>     with --emit: number of k6 runner pods (default 1)
      --target-cmd "<cmd>"  the harness starts your connector: runs <cmd> with PORT,
                            WHATSAPP_* and GRAPH_BASE_URL set (docs/targets.md, "Supervised targets")
      --replicas <n>        supervised: n instances behind a round-robin loopback balancer
      --drill <kind>@<t>    supervised: drain@20s (SIGTERM) or restart@20s (SIGKILL + restart)
  -h, --help                this help

Environment: WA_SCENARIO, WA_PRESET, WA_TARGET_URL, WA_APP_SECRET, WA_VERIFY_TOKEN, WA_RATE,
WA_DURATION, WA_ENGINE, WA_CHAOS, WA_ALLOW_HOSTS, WA_MOCK_URL, GITHUB_STEP_SUMMARY.
Precedence: scenario defaults < --preset < --config file < environment < flags.

Exit codes: 0 all gates pass, 99 a gate failed, 2 usage or config error (checked before
anything starts), 3 infrastructure error, a child process died, or aborted run (Ctrl-C/SIGTERM).
`;

/** The names `--scenario`, `--preset` and `--chaos` accept on this install, appended to --help. Pure. */
export function formatNamesHelp(names: { scenarios: string[]; presets: string[]; profiles: string[] }): string {
  return [
    '',
    `Scenarios (--scenario): ${names.scenarios.join(', ')}`,
    `Presets (--preset):     ${names.presets.join(', ')}`,
    `Chaos profiles (--chaos): ${names.profiles.join(', ')}`,
    '',
  ].join('\n');
}
