import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_FIXTURES_DIR,
  FIXTURE_TYPES,
  isInboundMessageType,
  loadFixtureSet,
  renderFixtureSet,
  validateFixtureSet,
} from '../../fixtures/index.ts';
import { CORPUS_ENTRIES } from '../../fixtures/corpus-source/index.ts';

const set = loadFixtureSet();
const validated = validateFixtureSet(set);

describe('built-in fixture corpus', () => {
  it('fills and validates every fixture against the webhook model', () => {
    expect(validated.length).toBe(set.fixtures.length);
    expect(validated.length).toBeGreaterThanOrEqual(30);
  });

  it('covers every documented fixture type at least once', () => {
    const types = new Set(set.fixtures.map((f) => f.type));
    expect(FIXTURE_TYPES.filter((t) => !types.has(t))).toEqual([]);
  });

  it('weights status callbacks about three to one over inbound messages', () => {
    let statuses = 0;
    let messages = 0;
    for (const f of validated) {
      statuses += f.weight * f.counts.statuses;
      messages += f.weight * f.counts.messages;
    }
    expect(statuses / messages).toBeGreaterThan(2.5);
    expect(statuses / messages).toBeLessThan(3.5);
  });

  it('keeps calls fixtures out of default mixes and rare types small', () => {
    const weightOf = (name: string) => set.fixtures.find((f) => f.name === name)?.weight;
    expect(set.fixtures.filter((f) => f.field === 'calls').map((f) => f.weight)).toEqual([0, 0, 0]);
    for (const rare of [
      'order',
      'system-number-change',
      'unsupported',
      'errors-rate-limit',
      'account-update-verified',
      'batch-statuses-120',
      'batch-large-60kb',
    ]) {
      expect(weightOf(rare)).toBeLessThanOrEqual(0.2);
    }
  });

  it('includes a delivery with 100+ updates and one body of about 60 KB', () => {
    expect(Math.max(...validated.map((f) => f.counts.statuses + f.counts.messages))).toBeGreaterThanOrEqual(100);
    const large = set.fixtures.find((f) => f.name === 'batch-large-60kb');
    expect(large?.raw.length).toBeGreaterThan(55_000);
    expect(large?.raw.length).toBeLessThan(70_000);
  });

  it('stores Portuguese, Arabic, Hindi and emoji text as lowercase \\uXXXX, pure ASCII, no trailing newline', () => {
    const raw = (name: string) => set.fixtures.find((f) => f.name === name)?.raw ?? '';
    expect(raw('text-pt-br')).toContain('Ol\\u00e1! Voc\\u00eas t\\u00eam');
    expect(raw('text-pt-br')).toContain('\\ud83d\\ude00');
    expect(raw('text-ar')).toContain('\\u0645\\u0631\\u062d\\u0628\\u0627');
    expect(raw('text-hi')).toContain('\\u0928\\u092e\\u0938\\u094d\\u0924\\u0947');
    expect(raw('image')).toContain('"mime_type":"image\\/jpeg"');
    for (const f of set.fixtures) {
      expect(f.raw).toMatch(/^[\x20-\x7e]*$/);
      expect(f.raw.endsWith('\n')).toBe(false);
    }
  });

  it('gives every inbound message a {{wamid:N}} slot and no other fixture any', () => {
    for (const f of validated) {
      const fixture = set.fixtures.find((x) => x.name === f.name);
      expect(fixture?.template.wamidParts).toBe(f.counts.messages);
      if (isInboundMessageType(f.type)) expect(f.counts.messages).toBe(1);
    }
  });

  it('matches its source byte for byte (run npx tsx fixtures/build-corpus.ts after editing it)', () => {
    const { files } = renderFixtureSet(CORPUS_ENTRIES);
    for (const [rel, content] of files)
      expect(readFileSync(join(BUILT_IN_FIXTURES_DIR, rel), 'utf8'), rel).toBe(content);
  });
});
