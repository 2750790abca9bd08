import { describe, expect, it } from 'vitest';
import { ALL_TEST_STEPS, NPM_TEST_STEPS, runSteps } from './run-steps.ts';

describe('npm test steps', () => {
  it('runs type-check, format, unit and integration, and leaves e2e and calibration to test:all', () => {
    expect(NPM_TEST_STEPS.map((s) => s.command)).toEqual([
      'npm run typecheck',
      'npm run format:check',
      'npm run test:unit',
      'npm run test:integration',
    ]);
    expect(ALL_TEST_STEPS.map((s) => s.label)).toEqual([
      'type-check',
      'format',
      'unit',
      'integration',
      'e2e',
      'calibration',
    ]);
  });

  it('still runs the later tiers after the type-check failed, names the failures with their times, and exits 1', () => {
    const ran: string[] = [];
    const lines: string[] = [];
    let clock = 0;
    const code = runSteps(
      ALL_TEST_STEPS,
      (c) => (ran.push(c), (clock += 2000), c.includes('typecheck') || c.includes('e2e') ? 1 : 0),
      (l) => lines.push(l),
      () => clock,
    );
    expect(ran).toHaveLength(6);
    expect(code).toBe(1);
    expect(lines[0]).toBe('npm test: type-check FAILED in 2 s');
    expect(lines.at(-1)).toBe('npm test: failed: type-check, e2e (every step ran)');
  });

  it('exits 0 when every step passes', () => {
    expect(
      runSteps(
        NPM_TEST_STEPS,
        () => 0,
        () => {},
      ),
    ).toBe(0);
  });
});
