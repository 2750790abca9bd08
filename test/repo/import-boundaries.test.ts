import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The tree reads as the data flow, and each component's index.ts is its whole public face:
// another component imports only that, and never one that contains it (no import climbs back up).
// The exceptions, and why:
// - k6 loads `scenarios/*.ts`, `scenarios/k6/**` and `scenarios/model/**` file by file, so they
//   import explicit runtime-free `.ts` files (common/core, common/contracts types); only the
//   model's internals stay behind scenarios/model/index.ts, which is k6-safe.
// - Tests (`*.test.ts`, everything under `test/`) may reach the internals of what they test, and
//   test support (test/helpers, test/doubles) is no component's public face.
// - `scripts/*.ts` are CLI entry files, not a library: only `scripts/wa-loadtest.mjs` launches them.
// - `targets/examples/<name>` are one component each.
// A component is one of these folders (the longest that contains the file):
export const COMPONENTS = [
  'common/core',
  'common/contracts',
  'common/node',
  'fixtures',
  'scenarios',
  'scenarios/model',
  'scenarios/k6',
  'scenarios/definitions',
  'scenarios/engines',
  'mock-graph-api',
  'targets/reference',
  'targets/supervisor',
  'targets/redis-proxy',
  'targets/presets',
  'targets/examples/*',
  'reports',
  'scripts',
  'scripts/loadtest',
  'scripts/loadtest/live/dashboard',
  'scripts/loadtest/live/metrics',
  'scripts/calibrate',
  'scripts/bench',
  'test',
];

const ROOT = join(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.git', 'runs']);

function listSources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, out);
    else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      out.push(relative(ROOT, path).split(sep).join('/'));
  }
  return out;
}

/** The component a repo path belongs to (the longest listed folder holding it), or undefined at the root. */
export function componentOf(path: string): string | undefined {
  let best: string | undefined;
  for (const c of COMPONENTS) {
    const root = c.endsWith('/*') ? c.slice(0, -1) + path.slice(c.length - 1).split('/')[0] : c;
    if (path.startsWith(root + '/') && (!best || root.length > best.length)) best = root;
  }
  return best;
}

const isTest = (path: string) => path.endsWith('.test.ts') || path.startsWith('test/');
const isTestSupport = (path: string) => path.startsWith('test/');
const isK6Loaded = (path: string) => /^scenarios\/([^/]+\.ts$|k6\/|model\/)/.test(path) && !isTest(path);

// import/export … from '<spec>' (type-only and multi-line included) and import('<spec>').
const SPECIFIER =
  /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Edge {
  file: string;
  spec: string;
  target: string;
  kind: 'import' | 'export';
  typeOnly: boolean;
}

function edges(file: string, text: string): Edge[] {
  const out: Edge[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[3] ?? m[4]!;
    if (!spec.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(file), spec));
    out.push({ file, spec, target, kind: m[1] === 'export' ? 'export' : 'import', typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** Why a cross-component import is wrong, or undefined when it is fine. */
function judgeEdge({ file, target, kind }: Edge): string | undefined {
  const from = componentOf(file);
  const owner = componentOf(target);
  if (from === undefined || owner === undefined || owner === from) return undefined;
  if (owner === 'test' && !isTest(file) && !file.startsWith('scripts/bench/'))
    return `imports test support ${target}; production code must not depend on tests`;
  if (isTest(file) || isTestSupport(target)) return undefined;
  if (owner === 'scripts' && file !== 'scripts/wa-loadtest.mjs')
    return 'imports a CLI entry file; move what it needs into a component';
  if (from.startsWith(owner + '/'))
    return `climbs back up into ${owner}, which contains ${from}; move what both need down into a component of its own`;
  if (kind === 'export')
    return `re-exports ${target}, which ${from} does not own; import it from ${owner}/index.ts where it is used`;
  if (target === `${owner}/index.ts`) return undefined;
  if (isK6Loaded(file) && owner !== 'scenarios/model') return undefined;
  return `bypasses ${owner}/index.ts`;
}

/** Import loops between files (type-only imports do not run, so they do not count), each as a path. */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

// This file's own samples below are strings, not imports.
const SELF = 'test/repo/import-boundaries.test.ts';

function violations(files: readonly string[], read: (file: string) => string): string[] {
  return files
    .filter((file) => file !== SELF)
    .flatMap((file) =>
      edges(file, read(file)).flatMap((e) => {
        const why = judgeEdge(e);
        return why ? [`${e.file}: '${e.spec}' ${why}`] : [];
      }),
    );
}

function loops(files: readonly string[], read: (file: string) => string): string[] {
  const graph = new Map(
    files.map((f) => [
      f,
      edges(f, read(f))
        .filter((e) => !e.typeOnly)
        .map((e) => e.target),
    ]),
  );
  return cycles(graph).map((c) => c.join(' → '));
}

describe('imports between components', () => {
  const files = listSources(ROOT);
  const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

  it('go through the target folder’s index.ts, never climb back up, except where k6 or tests need a file', () => {
    expect(violations(files, read)).toEqual([]);
  });

  it('form no loop between files', () => {
    expect(loops(files, read)).toEqual([]);
  });

  it('name the file and the import that bypasses an index.ts or climbs up, and allow the documented exceptions', () => {
    const tree: Record<string, string> = {
      'scenarios/engines/a.ts':
        "import { x } from '../../reports/judge/reconcile.ts';\nimport type { Y } from '../../common/contracts/index.ts';",
      'scenarios/engines/b.ts':
        "import {\n  a,\n  type B,\n} from '../../common/node/errors.ts';\nconst later = await import('../../reports/render/render-html.ts');",
      'scenarios/engines/index.ts': "export { phaseAt } from '../model/phases.ts';",
      'scenarios/smoke.ts':
        "import { compileTemplate } from '../common/core/template.ts';\nimport { judge } from './model/judge-attempt.ts';",
      'scenarios/model/c.ts': "import type { Counters } from '../../common/contracts/run-record.ts';",
      'scripts/loadtest/live/dashboard/d.ts': "import { runLoadtest } from '../../index.ts';",
      'reports/e.ts': "import { build } from '../test/helpers/reports/test-builders.ts';",
      'test/x.test.ts': "import { internal } from '../reports/schema/summary-schema.ts';",
      'reports/judge/y.test.ts': "import { z } from '../../scenarios/engines/record/run-stats.ts';",
      'scripts/bench/z.ts':
        "import { build } from '../../test/helpers/reports/test-builders.ts';\nimport { run } from '../../scenarios/engines/node/run-node-engine.ts';",
      'scripts/wa-loadtest.mjs': "await import('./loadtest.ts');",
      'scripts/calibrate/f.ts': "import { x } from '../loadtest.ts';",
      'scripts/rehearse.ts':
        "import { EXAMPLES } from '../targets/examples/rehearse/index.ts';\nimport { x } from '../targets/examples/rehearse/rehearse.ts';",
    };
    expect(violations(Object.keys(tree), (f) => tree[f]!)).toEqual([
      "scenarios/engines/a.ts: '../../reports/judge/reconcile.ts' bypasses reports/index.ts",
      "scenarios/engines/b.ts: '../../common/node/errors.ts' bypasses common/node/index.ts",
      "scenarios/engines/b.ts: '../../reports/render/render-html.ts' bypasses reports/index.ts",
      "scenarios/engines/index.ts: '../model/phases.ts' re-exports scenarios/model/phases.ts, which scenarios/engines does not own; import it from scenarios/model/index.ts where it is used",
      "scenarios/smoke.ts: './model/judge-attempt.ts' bypasses scenarios/model/index.ts",
      "scripts/loadtest/live/dashboard/d.ts: '../../index.ts' climbs back up into scripts/loadtest, which contains scripts/loadtest/live/dashboard; move what both need down into a component of its own",
      "reports/e.ts: '../test/helpers/reports/test-builders.ts' imports test support test/helpers/reports/test-builders.ts; production code must not depend on tests",
      "scripts/bench/z.ts: '../../scenarios/engines/node/run-node-engine.ts' bypasses scenarios/engines/index.ts",
      "scripts/calibrate/f.ts: '../loadtest.ts' imports a CLI entry file; move what it needs into a component",
      "scripts/rehearse.ts: '../targets/examples/rehearse/rehearse.ts' bypasses targets/examples/rehearse/index.ts",
    ]);
  });

  it('find a loop through value imports and ignore one closed only by a type import', () => {
    const tree: Record<string, string> = {
      'a/x.ts': "import { y } from './y.ts';",
      'a/y.ts': "import { z } from './z.ts';",
      'a/z.ts': "import { x } from './x.ts';",
      'b/p.ts': "import { q } from './q.ts';",
      'b/q.ts': "import type { P } from './p.ts';",
    };
    expect(loops(Object.keys(tree), (f) => tree[f]!)).toEqual(['a/x.ts → a/y.ts → a/z.ts → a/x.ts']);
  });
});
