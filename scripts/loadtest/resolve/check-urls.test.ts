import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioDefinition } from '../../../scenarios/definitions/index.ts';
import { PRESETS_DIR } from '../../../targets/presets/index.ts';
import { assertRunUrlsAllowed } from './check-urls.ts';
import { parseLoadtestFlags } from './flags.ts';
import { resolveLoadtest, type LoadtestEnv } from './resolve-config.ts';

const resolve = async (host: string) => (host.endsWith('.localhost') ? ['192.0.2.44'] : ['127.0.0.1']);

function configFor(argv: string[], env: LoadtestEnv = {}, configFile?: unknown) {
  return resolveLoadtest({
    flags: parseLoadtestFlags(argv),
    env,
    loadDefinition: loadScenarioDefinition,
    configFile: configFile === undefined ? undefined : { path: 'cfg.json', data: configFile },
  });
}

function presetWithRedis(redisUrl: string): string {
  const preset = JSON.parse(readFileSync(join(PRESETS_DIR, 'generic-redis.json'), 'utf8')) as {
    builtin: { redisUrl: string };
  };
  preset.builtin.redisUrl = redisUrl;
  const file = join(mkdtempSync(join(tmpdir(), 'wa-guard-')), 'preset.json');
  writeFileSync(file, JSON.stringify(preset));
  return file;
}

describe('every URL a run contacts goes through the loopback guard', () => {
  it.each([
    [
      '--metrics-url',
      configFor(['--metrics-url', 'http://198.51.100.7/metrics']),
      /--metrics-url host "198\.51\.100\.7"/,
    ],
    [
      '--redis-url',
      configFor(['--redis-url', 'redis://:hunter2@198.51.100.8:6379']),
      /Redis .* host "198\.51\.100\.8"/,
    ],
    [
      "a preset's builtin.redisUrl",
      configFor(['--preset', presetWithRedis('redis://198.51.100.9:6379')]),
      /host "198\.51\.100\.9"/,
    ],
    [
      'WA_MOCK_URL',
      configFor([], { WA_MOCK_URL: 'http://198.51.100.10:8089' }),
      /mock Graph API host "198\.51\.100\.10"/,
    ],
    ['WA_TARGET_URL', configFor([], { WA_TARGET_URL: 'http://198.51.100.11:3000' }), /target host "198\.51\.100\.11"/],
    [
      "a config file's target.url",
      configFor([], {}, { target: { url: 'http://bot.localhost:3000' } }),
      /resolves to 192\.0\.2\.44/,
    ],
  ])('refuses a non-loopback %s', async (_source, config, message) => {
    await expect(assertRunUrlsAllowed(config, resolve)).rejects.toThrow(message);
  });

  it('accepts them once --allow-host names the host, and loopback names after resolution', async () => {
    await expect(
      assertRunUrlsAllowed(
        configFor(['--metrics-url', 'http://198.51.100.7/m', '--allow-host', '198.51.100.7']),
        resolve,
      ),
    ).resolves.toBeUndefined();
    await expect(
      assertRunUrlsAllowed(
        configFor(['--target', 'http://connector.internal:3000', '--redis-url', 'redis://cache.internal:6379']),
        resolve,
      ),
    ).resolves.toBeUndefined();
  });

  it('never prints a Redis password in the refusal', async () => {
    const error = await assertRunUrlsAllowed(
      configFor(['--redis-url', 'redis://:hunter2@198.51.100.8:6379']),
      resolve,
    ).catch((e: unknown) => e);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
