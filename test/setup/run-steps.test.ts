import { describe, expect, it } from 'vitest';
import { NPM_TEST_STEPS, runSteps } from './run-steps.ts';

describe('npm test steps', () => {
  it('still runs the calibration matrix after the type-check and the suite failed, and exits 1', () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const code = runSteps(NPM_TEST_STEPS, (c) => (ran.push(c), c.includes('calibration') ? 0 : 1), (l) => lines.push(l));
    expect(ran).toEqual(['npm run typecheck', 'vitest run', 'vitest run --config vitest.calibration.config.ts']);
    expect(code).toBe(1);
    expect(lines).toEqual(['npm test: failed: type-check, test suite (every step ran)']);
  });

  it('exits 0 when every step passes', () => {
    expect(runSteps(NPM_TEST_STEPS, () => 0, () => {})).toBe(0);
  });
});
