import { chaosProfileSchema, type ChaosProfile, type ChaosProfileInput } from './profile-schema.ts';

const HEALTHY = { name: 'healthy', faults: [] };
const SENDS = { endpoints: ['messages' as const] };

const DEFINITIONS: ChaosProfileInput[] = [
  { name: 'none', description: 'Healthy all the time.', phases: [HEALTHY] },
  {
    name: 'flaky-5xx',
    description: 'Healthy 0–10 s, then ~12 % transient 5xx, some after commit (ambiguous).',
    phases: [
      { ...HEALTHY, durationS: 10 },
      {
        name: 'flaky',
        faults: [
          { kind: 'server-error', probability: 0.06, attributes: { httpStatus: 503, code: 2 } },
          { kind: 'server-error', probability: 0.02, attributes: { httpStatus: 502, code: 131016 } },
          { kind: 'server-error', probability: 0.02, commit: 'after', attributes: { httpStatus: 500, code: 131000 } },
          { kind: 'server-error', probability: 0.02, commit: 'after', attributes: { httpStatus: 504, code: 1 } },
        ],
      },
    ],
  },
  {
    name: 'rate-limit-storm',
    description: 'Healthy 0–10 s, 429 storm 10–40 s (130429 with Retry-After, 80007, 4), then recovery.',
    phases: [
      { ...HEALTHY, durationS: 10 },
      {
        name: 'storm',
        durationS: 30,
        faults: [
          { kind: 'rate-limit', probability: 0.4, attributes: { code: 130429, retryAfterS: 1 } },
          { kind: 'rate-limit', probability: 0.1, attributes: { code: 80007 } },
          { kind: 'rate-limit', probability: 0.05, attributes: { code: 4 } },
        ],
      },
      { name: 'recovery', faults: [] },
    ],
  },
  {
    name: 'timeouts',
    description: 'Healthy 0–10 s, 20 % requests held 10 s (half after commit) 10–40 s, then recovery.',
    phases: [
      { ...HEALTHY, durationS: 10 },
      {
        name: 'timeouts',
        durationS: 30,
        faults: [
          { kind: 'timeout', probability: 0.1, attributes: { holdMs: 10_000 } },
          { kind: 'timeout', probability: 0.1, commit: 'after', attributes: { holdMs: 10_000 } },
          { kind: 'latency', probability: 1, attributes: { distribution: 'lognormal', latencyMs: 150, sigma: 0.6 } },
        ],
      },
      { name: 'recovery', faults: [] },
    ],
  },
  {
    name: 'brownout',
    description: 'Healthy 0–5 s, then slow (lognormal, median 600 ms) with a few 503, 429 and resets.',
    phases: [
      { ...HEALTHY, durationS: 5 },
      {
        name: 'brownout',
        faults: [
          { kind: 'latency', probability: 1, attributes: { distribution: 'lognormal', latencyMs: 600, sigma: 0.5 } },
          { kind: 'server-error', probability: 0.05, attributes: { httpStatus: 503, code: 2 } },
          { kind: 'rate-limit', probability: 0.03, attributes: { code: 80007, retryAfterS: 2 } },
          { kind: 'reset', probability: 0.01, commit: 'after' },
        ],
      },
    ],
  },
  {
    name: 'meltdown',
    description: 'Healthy 0–10 s, full outage 10–30 s (every request 503 or reset), then recovery.',
    phases: [
      { ...HEALTHY, durationS: 10 },
      {
        name: 'outage',
        durationS: 20,
        faults: [
          { kind: 'server-error', probability: 0.8, attributes: { httpStatus: 503, code: 2 } },
          { kind: 'reset', probability: 0.2 },
        ],
      },
      { name: 'recovery', faults: [] },
    ],
  },
  {
    name: 'mild',
    description: 'For the 60 s demo: healthy, a wobble 15–35 s (~5 % 503, 2 % 429 with Retry-After), healthy again.',
    phases: [
      { ...HEALTHY, durationS: 15 },
      {
        name: 'wobble',
        durationS: 20,
        faults: [
          { kind: 'server-error', probability: 0.05, attributes: { httpStatus: 503, code: 2 } },
          { kind: 'rate-limit', probability: 0.02, attributes: { code: 130429, retryAfterS: 1 } },
        ],
      },
      { name: 'recovery', faults: [] },
    ],
  },
  {
    name: 'calibration',
    description:
      'About 20 s: healthy 0–5 s, 10 % 503 before commit 5–10 s, 5 % 500 after commit + 5 % 131026 rejections 10–15 s, healthy from 15 s. A correct connector with retries loses nothing.',
    phases: [
      { name: 'warmup', durationS: 5, faults: [] },
      {
        name: 'unavailable',
        durationS: 5,
        faults: [{ kind: 'server-error', probability: 0.1, scope: SENDS, attributes: { httpStatus: 503, code: 2 } }],
      },
      {
        name: 'ambiguous',
        durationS: 5,
        faults: [
          {
            kind: 'server-error',
            probability: 0.05,
            commit: 'after',
            scope: SENDS,
            attributes: { httpStatus: 500, code: 131000 },
          },
          { kind: 'reject', probability: 0.05, scope: SENDS, attributes: { code: 131026 } },
        ],
      },
      { name: 'cooldown', faults: [] },
    ],
  },
  {
    name: 'redis-outage',
    description:
      'Graph healthy; Redis (through --redis-proxy) healthy 0–5 s, +20 ms lognormal latency 5–10 s, -LOADING/-READONLY/-OOM on 30 % of writes 10–15 s, resets and slow-drip replies 15–20 s, full outage 20–25 s, freeze 25–30 s, recovery from 30 s. A fail-closed connector loses nothing and answers nothing twice.',
    phases: [
      { name: 'warmup', durationS: 5, faults: [] },
      {
        name: 'redis-slow',
        durationS: 5,
        faults: [],
        redis: { faults: [{ kind: 'latency', attributes: { distribution: 'lognormal', latencyMs: 20, sigma: 0.3 } }] },
      },
      {
        name: 'redis-errors',
        durationS: 5,
        faults: [],
        redis: {
          faults: [
            {
              kind: 'error',
              probability: 0.1,
              scope: { families: ['write', 'script'] },
              attributes: { reply: 'LOADING' },
            },
            {
              kind: 'error',
              probability: 0.1,
              scope: { families: ['write', 'script'] },
              attributes: { reply: 'READONLY' },
            },
            { kind: 'error', probability: 0.1, scope: { families: ['write', 'script'] }, attributes: { reply: 'OOM' } },
          ],
        },
      },
      {
        name: 'redis-flaky',
        durationS: 5,
        faults: [],
        redis: {
          faults: [
            { kind: 'reset', probability: 0.05 },
            { kind: 'slow-drip', probability: 0.2, attributes: { chunkBytes: 1, intervalMs: 3 } },
          ],
        },
      },
      { name: 'redis-down', durationS: 5, faults: [], redis: { faults: [{ kind: 'outage' }] } },
      { name: 'redis-hung', durationS: 5, faults: [], redis: { faults: [{ kind: 'freeze' }] } },
      { name: 'recovery', faults: [] },
    ],
  },
];

/** Built-in profiles by name, validated once at load so a typo here fails every test. */
export const BUILTIN_PROFILES: ReadonlyMap<string, ChaosProfile> = new Map(
  DEFINITIONS.map((d) => [d.name ?? '', chaosProfileSchema.parse(d)]),
);
