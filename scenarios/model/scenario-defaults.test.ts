import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { applyScenarioDefaults } from './scenario-defaults.ts';

const dir = new URL('../definitions/', import.meta.url);

describe('k6-side scenario defaults', () => {
  it('fills every named definition exactly as zod does', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const input = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      expect(applyScenarioDefaults(input), file).toEqual(scenarioSchema.parse(input));
    }
  });

  it('keeps nested overrides and defaults a ramp start rate to 0', () => {
    const input = {
      name: 'x',
      load: { profile: 'ramping' as const, stages: [{ durationS: 1, targetRate: 2 }] },
      delivery: { redelivery: { maxAttempts: 2 } },
      target: { headers: { 'x-a': 'b' } },
    };
    expect(applyScenarioDefaults(input)).toEqual(scenarioSchema.parse(input));
  });
});
