import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../common/contracts/index.ts';
import { UserError } from '../../common/node/index.ts';
import { listScenarios, loadScenarioDefinition } from '../../scenarios/definitions/index.ts';
import { rateAt, totalDurationS } from '../../scenarios/model/index.ts';

const REQUIRED = [
  'smoke',
  'load',
  'ramp',
  'spike',
  'soak',
  'chaos',
  'dedupe-storm',
  'forged-signatures',
  'demo',
  'calibration',
];

describe('named scenario definitions', () => {
  it('names the nearest scenario for a typo, and none for a name far from all', () => {
    expect(() => loadScenarioDefinition('demoo')).toThrow(
      'Could not find scenario "demoo": no such built-in scenario. Did you mean demo? Use one of:',
    );
    expect(() => loadScenarioDefinition('zzz')).toThrow(/no such built-in scenario\. Use one of:/);
  });

  it('lists every built-in scenario', () => {
    expect(listScenarios()).toEqual([...REQUIRED].sort());
  });

  it('parses every definition with the scenario schema under its own name', () => {
    for (const name of listScenarios()) {
      const scenario = scenarioSchema.parse(loadScenarioDefinition(name));
      expect(scenario.name).toBe(name);
      expect(scenario.description.length).toBeGreaterThan(20);
    }
  });

  it('keeps replies under the mock Graph API limit of 80 msg/s per number (about 25 % of deliveries)', () => {
    for (const name of listScenarios()) {
      const { load } = scenarioSchema.parse(loadScenarioDefinition(name));
      let peak = 0;
      for (let t = 0; t < totalDurationS(load); t += 0.5) peak = Math.max(peak, rateAt(load, t));
      expect(peak * 0.25, name).toBeLessThanOrEqual(80);
    }
  });

  it('shapes the demo and calibration runs as the quick start and calibrator expect', () => {
    const demo = scenarioSchema.parse(loadScenarioDefinition('demo'));
    expect(totalDurationS(demo.load)).toBe(60);
    expect(demo.chaos).toBe('mild');
    const calibration = scenarioSchema.parse(loadScenarioDefinition('calibration'));
    expect(calibration).toMatchObject({
      chaos: 'calibration',
      delivery: { duplicateDelayMs: 0, duplicateRatio: 0.1, unsignedRatio: 0.02, forgedRatio: 0.02 },
    });
    expect(totalDurationS(calibration.load)).toBe(20);
  });

  it('names the valid scenarios when asked for an unknown one', () => {
    expect(() => loadScenarioDefinition('nope')).toThrow(UserError);
    expect(() => loadScenarioDefinition('nope')).toThrow(/Could not find scenario "nope".*smoke/);
  });
});
