import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** One step of `npm test`: a label and the command line. */
export interface TestStep {
  label: string;
  command: string;
}

/** `npm test`: what a contributor runs before every commit, minutes on a 2-core machine. */
export const NPM_TEST_STEPS: TestStep[] = [
  { label: 'type-check', command: 'npm run typecheck' },
  { label: 'format', command: 'npm run format:check' },
  { label: 'unit', command: 'npm run test:unit' },
  { label: 'integration', command: 'npm run test:integration' },
];

/** `npm run test:all` (and `.ci/run`): every tier, the whole-CLI runs and the calibration matrix too. */
export const ALL_TEST_STEPS: TestStep[] = [
  ...NPM_TEST_STEPS,
  { label: 'e2e', command: 'npm run test:e2e' },
  { label: 'calibration', command: 'npm run test:calibration' },
];

/** Runs every step even after one fails (a type error must not hide a failing tier), then returns 1 if any failed. */
export function runSteps(
  steps: TestStep[],
  run: (command: string) => number | null,
  write: (line: string) => void,
  now: () => number = Date.now,
): number {
  const failed: string[] = [];
  for (const step of steps) {
    const started = now();
    const code = run(step.command);
    write(`npm test: ${step.label} ${code === 0 ? 'passed' : 'FAILED'} in ${((now() - started) / 1000).toFixed(0)} s`);
    if (code !== 0) failed.push(step.label);
  }
  if (failed.length) write(`npm test: failed: ${failed.join(', ')} (every step ran)`);
  return failed.length ? 1 : 0;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const steps = process.argv.includes('--all') ? ALL_TEST_STEPS : NPM_TEST_STEPS;
  process.exitCode = runSteps(
    steps,
    (c) => spawnSync(c, { shell: true, stdio: 'inherit' }).status,
    (l) => process.stderr.write(l + '\n'),
  );
}
