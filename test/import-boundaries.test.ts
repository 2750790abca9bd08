import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each top-level folder is a component and its index.ts is its whole public face: another folder
// imports only that. The exceptions, and why:
// - k6 loads `scenarios/**` and `load-core/**` file by file, so they import explicit runtime-free
//   `.ts` files (core/template.ts, contracts types); only load-core's internals stay behind
//   load-core/index.ts, which is k6-safe (it re-exports load-core files only).
// - Tests (`*.test.ts` reaching test support, and everything under `test/`) may reach the
//   internals of what they test; test support (`test/**`, `**/test-support/**`,
//   `*.test-support.ts`, `test-builders.ts`) is no component's public face, so tests and
//   benchmarks import it directly.
// - `scripts/` holds CLI entry files, not a library: only `bin/` launches them.
// - `examples/` groups several components: each `examples/<name>/index.ts` is one face.
// bench/ and scripts/ are shells and follow the rule like everyone else.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', '.git']);
const GROUPS = new Set(['examples']);

function listSources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, out);
    else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(ROOT, path).split(sep).join('/'));
  }
  return out;
}

/** The component a repo path belongs to (`examples/rehearse` for a grouped folder), or undefined at the root. */
function componentOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length < 2) return undefined;
  return GROUPS.has(parts[0]!) && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

const isTest = (path: string) => path.endsWith('.test.ts') || path.startsWith('test/');
const isTestSupport = (path: string) => path.startsWith('test/') || path.includes('/test-support/') || path.endsWith('.test-support.ts') || path.endsWith('/test-builders.ts');
const isK6Loaded = (path: string) => /^(scenarios|load-core)\//.test(path) && !isTest(path) && !isTestSupport(path);

// import/export … from '<spec>' (type-only and multi-line included) and import('<spec>').
const SPECIFIER = /(?:^|[\n;])\s*(import|export)\s+(?:type\s+)?(?:[\w*${}\s,]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Crossing {
  file: string;
  spec: string;
  target: string;
  kind: 'import' | 'export';
}

function crossings(file: string, text: string): Crossing[] {
  const out: Crossing[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[2] ?? m[3]!;
    if (!spec.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(file), spec));
    if (componentOf(target) === componentOf(file) || componentOf(file) === undefined) continue;
    out.push({ file, spec, target, kind: m[1] === 'export' ? 'export' : 'import' });
  }
  return out;
}

/** Why a cross-component import is wrong, or undefined when it is fine. */
function judgeCrossing({ file, target, kind }: Crossing): string | undefined {
  const owner = componentOf(target)!;
  if (kind === 'export' && !isTestSupport(file)) return `re-exports ${target}, which ${componentOf(file)} does not own; import it from ${owner}/index.ts where it is used`;
  if (target === `${owner}/index.ts`) return undefined;
  if (kind === 'export') return undefined;
  if (owner === 'scripts') return file.startsWith('bin/') ? undefined : 'imports a CLI entry file; move what it needs into a component';
  if (isTestSupport(target) && (isTest(file) || isTestSupport(file) || file.startsWith('bench/'))) return undefined;
  if (isTest(file) && file.startsWith('test/')) return undefined;
  if (isTestSupport(file)) return undefined;
  if (isK6Loaded(file) && owner !== 'load-core') return undefined;
  return `bypasses ${owner}/index.ts`;
}

// This file's own samples below are strings, not imports.
const SELF = 'test/import-boundaries.test.ts';

function violations(files: readonly string[], read: (file: string) => string): string[] {
  return files.filter((file) => file !== SELF).flatMap((file) =>
    crossings(file, read(file)).flatMap((c) => {
      const why = judgeCrossing(c);
      return why ? [`${c.file}: '${c.spec}' ${why}`] : [];
    }),
  );
}

describe('imports between components', () => {
  it('go through the target folder’s index.ts, except where k6 or tests need a file', () => {
    const found = violations(listSources(ROOT), (f) => readFileSync(join(ROOT, f), 'utf8'));
    expect(found).toEqual([]);
  });

  it('name the file and the import that bypasses an index.ts, and allow the documented exceptions', () => {
    const tree: Record<string, string> = {
      'engine/a.ts': "import { x } from '../reports/reconcile.ts';\nimport type { Y } from '../contracts/index.ts';",
      'engine/b.ts': "import {\n  a,\n  type B,\n} from '../lib/errors.ts';\nconst later = await import('../reports/render.ts');",
      'engine/index.ts': "export { phaseAt } from '../load-core/phases.ts';",
      'scenarios/smoke.ts': "import { compileTemplate } from '../core/template.ts';\nimport { judge } from '../load-core/judge-attempt.ts';",
      'load-core/c.ts': "import type { Counters } from '../contracts/run-record.ts';",
      'test/x.test.ts': "import { internal } from '../reports/summary-schema.ts';",
      'reports/y.test.ts': "import { build } from '../test/helpers/fuzz.ts';\nimport { z } from '../engine/run-stats.ts';",
      'bench/z.ts': "import { build } from '../reports/test-builders.ts';\nimport { run } from '../engine/run-node-engine.ts';",
      'bin/cli.mjs': "await import('../scripts/loadtest.ts');",
      'scripts/rehearse.ts': "import { EXAMPLES } from '../examples/rehearse/index.ts';\nimport { x } from '../examples/rehearse/rehearse.ts';",
    };
    expect(violations(Object.keys(tree), (f) => tree[f]!)).toEqual([
      "engine/a.ts: '../reports/reconcile.ts' bypasses reports/index.ts",
      "engine/b.ts: '../lib/errors.ts' bypasses lib/index.ts",
      "engine/b.ts: '../reports/render.ts' bypasses reports/index.ts",
      "engine/index.ts: '../load-core/phases.ts' re-exports load-core/phases.ts, which engine does not own; import it from load-core/index.ts where it is used",
      "scenarios/smoke.ts: '../load-core/judge-attempt.ts' bypasses load-core/index.ts",
      "reports/y.test.ts: '../engine/run-stats.ts' bypasses engine/index.ts",
      "bench/z.ts: '../engine/run-node-engine.ts' bypasses engine/index.ts",
      "scripts/rehearse.ts: '../examples/rehearse/rehearse.ts' bypasses examples/rehearse/index.ts",
    ]);
  });
});
