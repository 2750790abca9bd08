import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** One step of `npm test`: a label and the command line. */
export interface TestStep {
  label: string;
  command: string;
}

export const NPM_TEST_STEPS: TestStep[] = [
  { label: 'type-check', command: 'npm run typecheck' },
  { label: 'test suite', command: 'vitest run' },
  { label: 'calibration matrix', command: 'vitest run --config vitest.calibration.config.ts' },
];

/** Runs every step even after one fails (a type error must not hide the calibration matrix), then returns 1 if any failed. */
export function runSteps(steps: TestStep[], run: (command: string) => number | null, write: (line: string) => void): number {
  const failed = steps.filter((step) => run(step.command) !== 0).map((s) => s.label);
  if (failed.length) write(`npm test: failed: ${failed.join(', ')} (every step ran)`);
  return failed.length ? 1 : 0;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  process.exitCode = runSteps(NPM_TEST_STEPS, (c) => spawnSync(c, { shell: true, stdio: 'inherit' }).status, (l) => process.stderr.write(l + '\n'));
}
