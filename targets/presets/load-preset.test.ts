import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../common/node/index.ts';
import { listPresets, loadPresetLayer } from './load-preset.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wa-preset-'));
function writePreset(name: string, data: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}
const minimal = {
  name: 'mine',
  description: 'x',
  scenario: {},
  endpoints: { health: null, metrics: null },
  sideEffects: {},
};

describe('target presets', () => {
  it('ships the five field shapes, each valid and named like its file', () => {
    expect(listPresets()).toEqual(['fastapi-bot', 'generic-redis', 'rate-limited-bot', 'voice-bridge', 'wappa']);
    for (const name of listPresets()) expect(loadPresetLayer(name).name).toBe(name);
  });

  it('sets each shape: path, endpoints, builtin settings and gates', () => {
    expect(loadPresetLayer('wappa').preset).toMatchObject({
      scenario: { target: { pathTemplate: '/webhook/messenger/{phone_number_id}/whatsapp' } },
      endpoints: { health: '/health', healthDetailed: '/health/detailed' },
    });
    const fastapi = loadPresetLayer('fastapi-bot').preset.scenario.gates;
    expect(fastapi?.replyP99Ms).toBe(2000);
    expect(fastapi?.ackP99Ms).toBeLessThan(2000);
    expect(loadPresetLayer('rate-limited-bot').preset).toMatchObject({
      builtin: { rateLimitPerIp: 10, rateLimitBurst: 20 },
      engine: { sourceAddresses: { spread: 'loopback', maxRatePerAddress: 10 } },
    });
    expect(loadPresetLayer('voice-bridge').preset).toMatchObject({
      builtin: { callsMode: 'answer' },
      sideEffects: { 'calls-connect': ['call-pre_accept', 'call-accept'] },
    });
    expect(loadPresetLayer('generic-redis').preset.builtin.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it("gives each shape with a runnable connector in the repo that connector's command, run in its folder (relative to the preset file)", () => {
    const examples = resolve(import.meta.dirname, '../examples');
    const commands = Object.fromEntries(
      listPresets().map((name) => [name, loadPresetLayer(name).preset.target?.command]),
    );
    expect(commands['fastapi-bot']).toMatchObject({
      command: 'exec /usr/bin/python3 app.py',
      cwd: join(examples, 'fastapi-bot'),
      healthPath: '/health',
    });
    expect(commands['wappa']).toMatchObject({
      command: 'exec /usr/bin/python3 app.py',
      cwd: join(examples, 'wappa-app'),
    });
    expect(commands['rate-limited-bot']).toMatchObject({
      command: 'exec /usr/bin/python3 app.py',
      cwd: join(examples, 'memoapp-bot'),
    });
    expect(commands['voice-bridge']).toMatchObject({
      command: 'exec go run .',
      cwd: join(examples, 'voice-bridge'),
      env: { GOPROXY: 'off' },
    });
    // generic-redis is the reference connector's own shape: --target builtin (the default) is its command.
    expect(commands['generic-redis']).toBeUndefined();
    for (const command of Object.values(commands))
      if (command?.cwd) expect(existsSync(command.cwd), command.cwd).toBe(true);
    const mine = writePreset('with-command.json', {
      ...minimal,
      target: { command: { command: 'node app.js', cwd: 'app' } },
    });
    expect(loadPresetLayer(mine).preset.target?.command?.cwd).toBe(join(tmp, 'app'));
  });

  it('layers only what the file names: no scenario defaults sneak in', () => {
    expect(loadPresetLayer('wappa').scenario).toEqual({
      target: { pathTemplate: '/webhook/messenger/{phone_number_id}/whatsapp', handshake: true },
      gates: {
        ackP99Ms: 1000,
        errorRate: 0.01,
        dedupeP99Ms: 100,
        replyP99Ms: 5000,
        duplicateSideEffects: 0,
        lostMessages: 0,
      },
    });
  });

  it('refuses an unknown name with a usage error listing the valid ones', () => {
    let caught: unknown;
    try {
      loadPresetLayer('django-bot');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).exitCode).toBe(2);
    expect((caught as Error).message).toBe(
      'Could not find preset "django-bot": no such built-in preset. Use one of: fastapi-bot, generic-redis, rate-limited-bot, voice-bridge, wappa, or the path to a preset file (see targets/presets/README.md).',
    );
  });

  it('suggests the nearest preset for a typo', () => {
    expect(() => loadPresetLayer('fastapi-bott')).toThrow(
      'no such built-in preset. Did you mean fastapi-bot? Use one of:',
    );
  });

  it('reads a preset file by path', () => {
    const file = writePreset('mine.json', { ...minimal, scenario: { gates: { ackP99Ms: 800 } } });
    expect(loadPresetLayer(file)).toMatchObject({ name: 'mine', file, scenario: { gates: { ackP99Ms: 800 } } });
  });

  it('names the file and the field of an invalid preset, typos included', () => {
    const file = writePreset('bad.json', {
      ...minimal,
      scenario: { gates: { ackP99ms: 800 }, delivery: { duplicateRatio: 2 }, load: { rate: 5 } },
      endpoints: { health: 'health', metrics: null },
      sideEffects: { message: ['reply', 'email'] },
      engine: { sourceAddresses: ['127.0.0.300'] },
    });
    const message = (() => {
      try {
        loadPresetLayer(file);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain(`Invalid preset in ${file}:`);
    expect(message).toMatch(/\.scenario: unknown key "load" \(valid keys: /);
    expect(message).toMatch(/\.scenario\.gates: unknown key "ackP99ms" \(did you mean "ackP99Ms"\?\)/);
    expect(message).toMatch(/\.scenario\.delivery\.duplicateRatio: Too big/);
    expect(message).toMatch(/\.endpoints\.health: expected a path such as \/health/);
    expect(message).toMatch(/\.sideEffects\.message\[1\]: Invalid option/);
    expect(message).toMatch(/\.engine\.sourceAddresses/);
  });

  it('names the file of a preset that is not JSON or does not exist', () => {
    expect(() => loadPresetLayer(writePreset('broken.json', '{ nope'))).toThrow(
      /Invalid preset in .*broken\.json: not valid JSON/,
    );
    expect(() => loadPresetLayer(join(tmp, 'absent.json'))).toThrow(
      /Could not read preset .*absent\.json: no such file/,
    );
  });
});
