import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rehearseExample, type RehearsalResult, type RehearseOptions } from '../../targets/examples/rehearse/index.ts';

export interface Rehearsal extends RehearsalResult {
  log: string;
  json<T = Record<string, unknown>>(file: string): T;
  /** One gate of summary.json. */
  gate(id: string): { verdict: string; threshold: number } | undefined;
  check(id: string): { verdict: string; observed?: number } | undefined;
}

/** `npm run rehearse -- <example>` in process, quiet, into a temp out folder; short by default (4 s). */
export async function rehearse(options: Omit<RehearseOptions, 'outDir'>): Promise<Rehearsal> {
  let log = '';
  const collect = { write: (text: string) => ((log += text), true) };
  const result = await rehearseExample(
    { durationS: 4, ...options, outDir: mkdtempSync(join(tmpdir(), 'wa-rehearse-test-')) },
    { stdout: collect, stderr: collect },
  );
  const json = <T>(file: string): T => {
    if (!result.runDir) throw new Error(`no run folder; the log:\n${log}`);
    return JSON.parse(readFileSync(join(result.runDir, file), 'utf8')) as T;
  };
  return {
    ...result,
    log,
    json,
    gate: (id) =>
      json<{ gates: { id: string; verdict: string; threshold: number }[] }>('summary.json').gates.find(
        (g) => g.id === id,
      ),
    check: (id) => result.checks.find((c) => c.id === id),
  };
}
