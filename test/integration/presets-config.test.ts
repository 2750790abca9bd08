import { describe, expect, it } from 'vitest';
import { loadScenarioDefinition } from '../../scenarios/definitions/index.ts';
import { LOADTEST_HELP, parseLoadtestFlags, resolveLoadtest } from '../../scripts/loadtest/index.ts';

const resolve = (argv: string[], env = {}, configFile?: { path: string; data: unknown }) =>
  resolveLoadtest({ flags: parseLoadtestFlags(argv), env, loadDefinition: loadScenarioDefinition, configFile });

describe('--preset in the loadtest config', () => {
  it('selects a preset by name: its path, gates and runtime options', () => {
    const r = resolve(['--preset', 'wappa']);
    expect(r.scenario.target.pathTemplate).toBe('/webhook/messenger/{phone_number_id}/whatsapp');
    expect(r.scenario.gates.ackP99Ms).toBe(1000);
    expect(r.preset).toMatchObject({
      name: 'wappa',
      endpoints: { health: '/health', healthDetailed: '/health/detailed', metrics: null },
    });
    // What the preset does not name still comes from the scenario defaults (demo).
    expect(r.scenario.delivery.duplicateRatio).toBe(0.03);
    expect(r.scenario.chaos).toBe('mild');
  });

  it("starts the preset's example connector unless the user names a target (--target <url>, --target builtin) or gives --target-cmd", () => {
    expect(resolve(['--preset', 'fastapi-bot']).supervised).toMatchObject({
      command: { command: 'exec /usr/bin/python3 app.py', cwd: expect.stringMatching(/examples\/fastapi-bot$/) },
      reference: false,
    });
    expect(resolve(['--preset', 'fastapi-bot']).target).toBe('supervised');
    expect(resolve(['--preset', 'fastapi-bot', '--target', 'builtin']).supervised).toBeUndefined();
    expect(resolve(['--preset', 'fastapi-bot', '--target', 'http://127.0.0.1:8000']).supervised).toBeUndefined();
    expect(resolve(['--preset', 'fastapi-bot'], { WA_TARGET_URL: 'http://127.0.0.1:8000' }).supervised).toBeUndefined();
    const own = resolve(['--preset', 'fastapi-bot', '--target-cmd', 'uvicorn main:app']).supervised?.command;
    expect(own).toMatchObject({ command: 'uvicorn main:app', healthPath: '/health' });
    expect(own?.cwd).toBeUndefined();
    expect(resolve(['--preset', 'generic-redis']).supervised).toBeUndefined();
  });

  it('layers defaults < preset < config file < environment < flags', () => {
    const file = { path: 'c.json', data: { gates: { replyP99Ms: 1500, ackP99Ms: 400 }, chaos: 'flaky-5xx' } };
    const r = resolve(['--preset', 'fastapi-bot', '--chaos', 'none'], { WA_CHAOS: 'timeouts' }, file);
    expect(r.scenario.gates).toMatchObject({ replyP99Ms: 1500, ackP99Ms: 400, errorRate: 0.01 });
    expect(r.scenario.chaos).toBe('none');
    expect(resolve(['--preset', 'fastapi-bot'], { WA_CHAOS: 'timeouts' }, file).scenario.chaos).toBe('timeouts');
  });

  it('names the nearest valid key of a misspelled preset field, and of every built-in scenario definition key', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'preset-')), 'typo.json');
    writeFileSync(file, JSON.stringify({ name: 'typo', scenario: { gates: { replyP99MS: 100 } }, endpionts: {} }));
    expect(() => resolve(['--preset', file])).toThrow(
      /unknown key "endpionts" \(did you mean "endpoints"\?\)[\s\S]*\.scenario\.gates: unknown key "replyP99MS" \(did you mean "replyP99Ms"\?\)|\.scenario\.gates: unknown key "replyP99MS"[\s\S]*unknown key "endpionts"/,
    );
    for (const name of [
      'demo',
      'smoke',
      'load',
      'ramp',
      'spike',
      'soak',
      'chaos',
      'dedupe-storm',
      'forged-signatures',
      'calibration',
    ])
      expect(() => resolve(['--scenario', name])).not.toThrow();
  });

  it('takes the preset from WA_PRESET or the config file when no flag names one', () => {
    expect(resolve([], { WA_PRESET: 'voice-bridge' }).scenario.mix).toEqual({
      'calls-connect': 1,
      'calls-terminate': 1,
    });
    expect(resolve([], {}, { path: 'c.json', data: { preset: 'rate-limited-bot' } }).preset?.name).toBe(
      'rate-limited-bot',
    );
    expect(resolve(['--preset', 'wappa'], { WA_PRESET: 'voice-bridge' }).preset?.name).toBe('wappa');
  });

  it('spreads a rate-limited run over ceil(rate/10)+1 loopback addresses, only for a loopback target', () => {
    const quiet = { path: 'c.json', data: { delivery: { duplicateRatio: 0, forgedRatio: 0 } } };
    expect(resolve(['--preset', 'rate-limited-bot', '--rate', '40'], {}, quiet).sourceAddresses).toEqual([
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.4',
      '127.0.0.5',
      '127.0.0.6',
    ]);
    expect(
      resolve(['--preset', 'rate-limited-bot', '--rate', '40', '--target', 'http://127.0.0.1:8000'], {}, quiet)
        .sourceAddresses,
    ).toHaveLength(5);
    expect(
      resolve(['--preset', 'rate-limited-bot', '--target', 'http://bot.internal:8000', '--allow-host', 'bot.internal'])
        .sourceAddresses,
    ).toEqual([]);
    expect(resolve([]).sourceAddresses).toBeUndefined();
  });

  it('uses the preset Redis URL for the builtin target unless --redis-url names another', () => {
    expect(resolve(['--preset', 'generic-redis']).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(resolve(['--preset', 'generic-redis', '--redis-url', 'redis://127.0.0.1:7000']).redisUrl).toBe(
      'redis://127.0.0.1:7000',
    );
    expect(resolve([]).redisUrl).toBeUndefined();
  });

  it('fails with the valid names on an unknown preset, and documents the flag', () => {
    expect(() => resolve(['--preset', 'nope'])).toThrow(
      /Could not find preset "nope": no such built-in preset\. Use one of: fastapi-bot, generic-redis, rate-limited-bot, voice-bridge, wappa/,
    );
    expect(LOADTEST_HELP).toContain('--preset <name|file>');
    expect(LOADTEST_HELP).toContain('scenario defaults < --preset < --config file < environment < flags');
  });
});
