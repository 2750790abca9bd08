import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listScenarios } from '../../scenarios/definitions/index.ts';
import { parseLoadtestFlags, type LoadtestFlags } from '../../scripts/loadtest/index.ts';
import { buildSummary, loadBaseline, writeReportArtifacts } from '../../reports/index.ts';
import { buildLedgerStats, buildRunRecord, RUN_ID } from '../helpers/reports/test-builders.ts';
import { gatesSchema } from '../../common/contracts/index.ts';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
};
const tmp = mkdtempSync(join(tmpdir(), 'ci-workflows-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Env = Record<string, string>;
interface Command {
  tool: 'wa-loadtest' | 'npm-run';
  script?: string;
  args: string[];
}

/** Shell words of one command line: quotes removed, $VAR / ${VAR} / ${{ env.VAR }} expanded, stops at ; && || | #. */
function splitWords(line: string, env: Env): string[] {
  const expanded = expand(line, env);
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(;|&&|\|\||\||#.*)|(\S+)/g;
  for (let m = re.exec(expanded); m; m = re.exec(expanded)) {
    if (m[3] !== undefined) break;
    words.push(m[1] ?? m[2] ?? (m[4] as string));
  }
  return words;
}

function expand(text: string, env: Env): string {
  return text
    .replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (_, k: string) => env[k] ?? `<${k}>`)
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a?: string, b?: string) => env[(a ?? b) as string] ?? `<${a ?? b}>`);
}

/** Every `wa-loadtest …` and `npm run <x> -- …` command in a script. */
function findCommands(script: string, env: Env): Command[] {
  const commands: Command[] = [];
  for (const line of script.replace(/\\\n/g, ' ').split('\n')) {
    const words = splitWords(line, env);
    const bin = words.indexOf('wa-loadtest');
    if (bin >= 0) commands.push({ tool: 'wa-loadtest', args: words.slice(bin + 1) });
    const run = words.findIndex((w, i) => w === 'run' && words[i - 1] === 'npm');
    if (run >= 0) {
      const rest = words.slice(run + 2);
      commands.push({ tool: 'npm-run', script: words[run + 1], args: rest[0] === '--' ? rest.slice(1) : rest });
    }
  }
  return commands;
}

interface Workflow {
  env: Env;
  scripts: string[];
  junitPath: string;
  uploads: { name?: string; path: string; always: boolean }[];
  baselineDownload: { name?: string; dir: string };
}

function readGithub(): Workflow {
  const doc = parse(readFileSync(join(ROOT, 'docs/ci/github-actions/nightly-loadtest.yml'), 'utf8'));
  const job = doc.jobs.loadtest;
  const env: Env = { ...doc.env, ...job.env };
  const steps = job.steps as { uses?: string; run?: string; if?: string; with?: Record<string, string>; env?: Env }[];
  const using = (action: string) => steps.filter((s) => s.uses?.startsWith(action));
  const junit = using('mikepenz/action-junit-report')[0];
  const download = using('dawidd6/action-download-artifact')[0];
  expect(download?.with?.workflow_conclusion).toBe('success');
  expect(using('grafana/setup-k6-action')).toHaveLength(1);
  expect(String(using('actions/setup-node')[0]?.with?.['node-version'])).toBe('20');
  return {
    env,
    scripts: steps.flatMap((s) => (s.run ? [s.run] : [])),
    junitPath: expand(junit?.with?.report_paths ?? '', env),
    uploads: using('actions/upload-artifact').map((s) => ({
      name: s.with?.name,
      path: expand(s.with?.path ?? '', env),
      always: s.if === 'always()',
    })),
    baselineDownload: { name: download?.with?.name, dir: expand(download?.with?.path ?? '', env) },
  };
}

function readGitlab(): Omit<Workflow, 'baselineDownload'> & { artifactPaths: string[] } {
  const doc = parse(readFileSync(join(ROOT, 'docs/ci/gitlab/nightly-loadtest.gitlab-ci.yml'), 'utf8'));
  const job = doc['nightly-loadtest'];
  const scripts = [...job.before_script, ...job.script, ...job.after_script] as string[];
  expect(scripts.some((s) => /apt-get install .*\bk6\b/.test(s))).toBe(true);
  expect(job.artifacts.when).toBe('always');
  return {
    env: job.variables,
    scripts,
    junitPath: job.artifacts.reports.junit,
    uploads: [],
    artifactPaths: job.artifacts.paths,
  };
}

function loadtestRuns(workflow: { scripts: string[]; env: Env }): LoadtestFlags[] {
  const commands = workflow.scripts.flatMap((s) => findCommands(s, workflow.env));
  for (const c of commands.filter((c) => c.tool === 'npm-run'))
    expect(Object.keys(pkg.scripts), `npm run ${c.script}`).toContain(c.script);
  return commands
    .filter((c) => c.tool === 'wa-loadtest' || c.script === 'loadtest')
    .map((c) => parseLoadtestFlags(c.args));
}

/** Turns a CI glob like `dir/*\/junit.xml` into a RegExp over real paths. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(
    '^' +
      glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+') +
      '$',
  );
}

/** Writes a real report the way loadtest does: <out>/<runId>/… */
async function writeRealRun(out: string): Promise<string> {
  const summary = buildSummary({
    runRecords: [buildRunRecord()],
    ledgers: [buildLedgerStats()],
    gates: gatesSchema.parse({}),
  });
  const runDir = join(out, RUN_ID);
  await writeReportArtifacts(summary, runDir);
  return runDir;
}

describe('docs/ci/github-actions/nightly-loadtest.yml', () => {
  const workflow = readGithub();
  const runs = loadtestRuns(workflow);

  it('runs wa-loadtest only with flags the CLI accepts, on a real scenario with k6, into a fresh --out folder', () => {
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(pkg.bin['wa-loadtest']).toBeDefined();
    for (const flags of runs) {
      expect(listScenarios()).toContain(flags.scenario);
      expect(flags.engine).toBe('k6');
      expect(flags.out).toBe(workflow.env.LOADTEST_OUT);
    }
    expect(runs.map((f) => f.baseline).filter(Boolean)).toEqual([`${workflow.env.BASELINE_DIR}/summary.json`]);
  });

  it('publishes the junit.xml and uploads the run folder the reporter writes, even when the gate fails', async () => {
    const out = workflow.env.LOADTEST_OUT as string;
    expect(workflow.junitPath).toBe(`${out}/*/junit.xml`);
    expect(workflow.uploads.find((u) => u.name === 'loadtest-report')).toEqual({
      name: 'loadtest-report',
      path: `${out}/`,
      always: true,
    });
    const runDir = await writeRealRun(join(tmp, 'gh'));
    const junit = join(runDir, 'junit.xml');
    expect(globToRegExp(workflow.junitPath.replace(out, join(tmp, 'gh'))).test(junit)).toBe(true);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite');
  });

  it('downloads as baseline exactly the summary.json it uploads after a green run, and loadtest can read it', async () => {
    const upload = workflow.uploads.find((u) => u.name === workflow.baselineDownload.name);
    expect(upload?.always).toBe(false);
    expect(upload?.path).toBe('baseline-next/summary.json');
    expect(workflow.scripts.join('\n')).toContain('cp "$LOADTEST_OUT"/*/summary.json baseline-next/summary.json');
    expect(workflow.baselineDownload.dir).toBe(workflow.env.BASELINE_DIR);
    const runDir = await writeRealRun(join(tmp, 'gh-baseline'));
    expect(readdirSync(runDir)).toContain('summary.json');
    expect(loadBaseline(join(runDir, 'summary.json')).scenario).toBe('smoke');
  });
});

describe('docs/ci/gitlab/nightly-loadtest.gitlab-ci.yml', () => {
  const job = readGitlab();
  const runs = loadtestRuns(job);

  it('runs wa-loadtest only with flags the CLI accepts, with k6, into the folder it keeps as artifacts', () => {
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const flags of runs) {
      expect(listScenarios()).toContain(flags.scenario);
      expect(flags.engine).toBe('k6');
      expect(flags.out).toBe(job.env.LOADTEST_OUT);
    }
    expect(job.artifactPaths).toContain(`${job.env.LOADTEST_OUT}/`);
    expect(runs.map((f) => f.baseline).filter(Boolean)).toEqual([`${job.env.BASELINE_DIR}/summary.json`]);
  });

  it('reports the junit.xml the reporter writes and fetches the baseline it keeps', async () => {
    const out = job.env.LOADTEST_OUT as string;
    expect(job.junitPath).toBe(`${out}/*/junit.xml`);
    expect(job.artifactPaths).toContain('baseline-next/');
    expect(job.scripts.join('\n')).toContain('/raw/baseline-next/summary.json?job=');
    const runDir = await writeRealRun(join(tmp, 'gl'));
    expect(existsSync(join(runDir, 'junit.xml'))).toBe(true);
    expect(globToRegExp(job.junitPath.replace(out, join(tmp, 'gl'))).test(join(runDir, 'junit.xml'))).toBe(true);
  });
});

describe('the command extraction this test relies on', () => {
  it('rejects a workflow flag the CLI does not know', () => {
    const [command] = findCommands('npx wa-loadtest --scenario smoke --no-such-flag 1', {});
    expect(() => parseLoadtestFlags(command?.args ?? [])).toThrow(/no-such-flag/);
  });

  it('expands variables and quotes, and stops at shell operators', () => {
    expect(findCommands('npm run loadtest -- --out "$OUT" --seed 3 && echo done # note', { OUT: 'a b' })).toEqual([
      { tool: 'npm-run', script: 'loadtest', args: ['--out', 'a b', '--seed', '3'] },
    ]);
  });
});
