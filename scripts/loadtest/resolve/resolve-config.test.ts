import { describe, expect, it } from 'vitest';
import { parseLoadtestFlags } from './flags.ts';
import { resolveLoadtest } from './resolve-config.ts';

const definitions: Record<string, unknown> = {
  demo: { name: 'demo', load: { profile: 'constant', rate: 20, durationS: 60 }, chaos: 'mild' },
  ramp: {
    name: 'ramp',
    load: {
      profile: 'ramping',
      startRate: 0,
      stages: [
        { durationS: 30, targetRate: 50 },
        { durationS: 30, targetRate: 100 },
      ],
    },
  },
};
const loadDefinition = (name: string) => {
  const d = definitions[name];
  if (!d) throw new Error(`unknown ${name}`);
  return d;
};
const resolve = (argv: string[], env = {}, configFile?: { path: string; data: unknown }) =>
  resolveLoadtest({ flags: parseLoadtestFlags(argv), env, loadDefinition, configFile });

describe('loadtest config resolution', () => {
  it('runs the demo scenario on the builtin target when given nothing', () => {
    const r = resolve([]);
    expect(r.scenario.name).toBe('demo');
    expect(r.target).toBe('builtin');
    expect(r.engine).toBe('auto');
    expect(r.scenario.chaos).toBe('mild');
    expect(r.mock).toEqual({ mode: 'spawn', port: 0 });
  });

  it('layers defaults < config file < environment < flags', () => {
    const file = {
      path: 'c.json',
      data: { chaos: 'flaky-5xx', target: { verifyToken: 'from-file', appSecret: 'file-secret' }, seed: 7 },
    };
    const r = resolve(['--chaos', 'meltdown'], { WA_CHAOS: 'timeouts', WA_VERIFY_TOKEN: 'from-env' }, file);
    expect(r.scenario.chaos).toBe('meltdown');
    expect(r.scenario.target.verifyToken).toBe('from-env');
    expect(r.scenario.target.appSecret).toBe('file-secret');
    expect(r.scenario.seed).toBe(7);
  });

  it('takes the base scenario from the config file when no flag names one', () => {
    expect(resolve([], {}, { path: 'c.json', data: { scenario: 'ramp' } }).scenario.name).toBe('ramp');
  });

  it('applies --rate and --duration to a constant profile', () => {
    const r = resolve(['--rate', '35', '--duration', '2m']);
    expect(r.scenario.load).toEqual({ profile: 'constant', rate: 35, durationS: 120 });
  });

  it('scales a ramp to the requested peak and length, keeping its shape', () => {
    const r = resolve(['--scenario', 'ramp', '--rate', '200', '--duration', '30']);
    expect(r.scenario.load).toEqual({
      profile: 'ramping',
      startRate: 0,
      stages: [
        { durationS: 15, targetRate: 100 },
        { durationS: 15, targetRate: 200 },
      ],
    });
  });

  it('collects allowed hosts from flags and the environment', () => {
    const r = resolve(['--allow-host', 'a.internal,b.internal', '--target', 'http://a.internal:8080'], {
      WA_ALLOW_HOSTS: 'c.internal',
    });
    expect(r.scenario.target.allowHosts).toEqual(['c.internal', 'a.internal', 'b.internal']);
    expect(r.target).toBe('http://a.internal:8080');
  });

  it('names the field and file of an invalid config', () => {
    expect(() => resolve([], {}, { path: 'bad.json', data: { delivery: { duplicateRatio: 3 } } })).toThrow(
      /Invalid scenario config in bad.json:\n  \.delivery\.duplicateRatio/,
    );
  });

  it('rejects a bad rate, duration and engine with a usage message', () => {
    expect(() => parseLoadtestFlags(['--rate', 'fast'])).toThrow(/--rate "fast": not a number/);
    expect(() => parseLoadtestFlags(['--rate', '-3'])).toThrow(
      'Could not read --rate "-3": out of range, it must be a number above 0. Pass e.g. --rate 50.',
    );
    expect(() => parseLoadtestFlags(['-r', '-5'])).toThrow(/--rate "-5": out of range/);
    expect(() => parseLoadtestFlags(['--engine', 'nod'])).toThrow(/\(did you mean "node"\?\)/);
    expect(() => parseLoadtestFlags(['--mock-port', '70000'])).toThrow(
      /--mock-port "70000": out of range, it must be an integer from 0 to 65535/,
    );
    expect(() => resolve([], { WA_RATE: 'lots' })).toThrow(
      'Could not read WA_RATE "lots": not a number. Pass a number, e.g. WA_RATE=50.',
    );
    expect(() => parseLoadtestFlags(['--duration', 'soon'])).toThrow(/--duration "soon": not a positive duration/);
    expect(() => parseLoadtestFlags(['--engine', 'jmeter'])).toThrow(/--engine/);
    expect(() => parseLoadtestFlags(['--frobnicate'])).toThrow(/Unknown option '--frobnicate'/);
  });

  it('uses an external mock when WA_MOCK_URL is set', () => {
    expect(resolve([], { WA_MOCK_URL: 'http://127.0.0.1:8089' }).mock).toEqual({
      mode: 'external',
      url: 'http://127.0.0.1:8089',
    });
  });
});

describe('unknown keys in a config file', () => {
  it('rejects a misspelled top-level key and a misspelled gate, naming the nearest valid key', () => {
    const file = {
      path: 'typo.json',
      data: { laod: { profile: 'constant', rate: 5, durationS: 5 }, gates: { ackP99ms: 100 } },
    };
    let message = '';
    try {
      resolve([], {}, file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('typo.json');
    expect(message).toContain('unknown key "laod" (did you mean "load"?)');
    expect(message).toMatch(/\.gates: unknown key "ackP99ms" \(did you mean "ackP99Ms"\?\)/);
  });

  it('names the nearest key inside a load profile variant and a nested delivery block', () => {
    const file = {
      path: 'c.json',
      data: {
        load: { profile: 'constant', rate: 5, durationS: 5, duraton: 3 },
        delivery: { redelivery: { maxAtempts: 2 } },
      },
    };
    expect(() => resolve([], {}, file)).toThrow(
      /\.load: unknown key "duraton" \(did you mean "durationS"\?\)[\s\S]*\.delivery\.redelivery: unknown key "maxAtempts" \(did you mean "maxAttempts"\?\)/,
    );
  });

  it('still lets a config file switch the load profile kind of its base scenario', () => {
    const r = resolve(
      [],
      {},
      { path: 'c.json', data: { load: { profile: 'ramping', stages: [{ durationS: 10, targetRate: 30 }] } } },
    );
    expect(r.scenario.load).toEqual({ profile: 'ramping', startRate: 0, stages: [{ durationS: 10, targetRate: 30 }] });
  });
});
