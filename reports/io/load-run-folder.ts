import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  LEDGER_STATS_SCHEMA_VERSION,
  ledgerStatsSchema,
  type LedgerStats,
  RUN_RECORD_SCHEMA_VERSION,
  runRecordSchema,
  type RunRecord,
  gatesSchema,
  type Gates,
  REDIS_PROXY_STATS_SCHEMA_VERSION,
  redisProxyStatsSchema,
  type RedisProxyStats,
} from '../../common/contracts/index.ts';
import { UserError, readJsonFile, validate } from '../../common/node/index.ts';
import { readVersionedJson } from './read-versioned.ts';
import { SUMMARY_SCHEMA_VERSION, summarySchema, type Summary } from '../schema/summary-schema.ts';

export interface RunFolder {
  runRecords: RunRecord[];
  ledgers: LedgerStats[];
  metricsBefore?: string;
  metricsAfter?: string;
  gates: Gates;
  /** redis-proxy-stats.json, in runs with the Redis proxy. */
  redisProxy?: RedisProxyStats;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(
      `Could not load run folder ${dir}: no such directory. Pass a folder written by \`npm run loadtest\`, e.g. reports/runs/<run-id>.`,
    );
  }
  return readdirSync(dir).sort();
}

const matching = (files: readonly string[], stem: string): string[] =>
  files.filter((f) => f.startsWith(stem) && f.endsWith('.json'));

function readOptionalText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Gates come from the resolved scenario; without scenario.json, from the run record's copy of it. */
function readGates(dir: string, files: readonly string[], runRecords: readonly RunRecord[]): Gates {
  if (files.includes('scenario.json')) {
    const path = join(dir, 'scenario.json');
    const scenario = readJsonFile(path, 'scenario');
    const gates = scenario && typeof scenario === 'object' ? (scenario as { gates?: unknown }).gates : undefined;
    return validate(gatesSchema, gates ?? {}, { thing: 'gates (the scenario\'s "gates" field)', filePath: path });
  }
  return validate(gatesSchema, runRecords[0]?.config.gates ?? {}, {
    thing: 'gates in the run record config',
    filePath: join(dir, 'run-record.json'),
  });
}

/**
 * Reads a run folder: every run-record*.json (one per engine instance), every
 * ledger-stats*.json (one per mock replica), the optional Prometheus scrapes and the gates.
 */
export function loadRunFolder(dir: string): RunFolder {
  const files = listFiles(dir);
  const recordFiles = matching(files, 'run-record');
  if (recordFiles.length === 0) {
    throw new UserError(
      `Could not load run folder ${dir}: it has no run-record.json. Pass a folder written by \`npm run loadtest\` (reports/runs/<run-id>).`,
    );
  }
  const runRecords = recordFiles.map((f) =>
    readVersionedJson(join(dir, f), 'run record', runRecordSchema, RUN_RECORD_SCHEMA_VERSION),
  );
  const ledgers = matching(files, 'ledger-stats').map((f) =>
    readVersionedJson(join(dir, f), 'ledger stats', ledgerStatsSchema, LEDGER_STATS_SCHEMA_VERSION),
  );
  const folder: RunFolder = { runRecords, ledgers, gates: readGates(dir, files, runRecords) };
  const before = readOptionalText(join(dir, 'metrics-before.prom'));
  const after = readOptionalText(join(dir, 'metrics-after.prom'));
  if (before !== undefined) folder.metricsBefore = before;
  if (after !== undefined) folder.metricsAfter = after;
  const redisStats = join(dir, 'redis-proxy-stats.json');
  if (existsSync(redisStats))
    folder.redisProxy = readVersionedJson(
      redisStats,
      'Redis proxy stats',
      redisProxyStatsSchema,
      REDIS_PROXY_STATS_SCHEMA_VERSION,
    );
  return folder;
}

/** Reads a summary.json from an earlier run (last night's) to compare against. */
export function loadBaseline(path: string): Summary {
  return readVersionedJson(path, 'baseline summary', summarySchema, SUMMARY_SCHEMA_VERSION);
}
