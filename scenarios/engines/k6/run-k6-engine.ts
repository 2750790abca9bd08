import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import type { RunRecord } from '../../../common/contracts/index.ts';
import { runRecordSchema } from '../../../common/contracts/index.ts';
import { InfraError, validate, adoptGroup, makeDirSync, signalGroup } from '../../../common/node/index.ts';
import { buildK6Command, type K6CommandInput } from './k6-command.ts';
import { isK6Available } from './k6-available.ts';
import { K6SampleStream } from './k6-samples.ts';
import type { ProgressSnapshot } from '../record/progress-snapshot.ts';
import { listScenarios } from '../../definitions/index.ts';
import { describeVuPool, k6VuPool } from '../../k6/index.ts';

/** What buildK6Command needs (runDir receives k6-config.json and run-record.k6.json), plus an abort signal. */
export interface K6EngineOptions extends Omit<K6CommandInput, 'baseEnv' | 'knownScripts'> {
  signal?: AbortSignal;
  /** Called about once a second while k6 runs, from the samples k6 has written so far. */
  onProgress?: (progress: ProgressSnapshot) => void;
  /** Told once, before k6 starts, how its VU pool is sized (late-copy VUs included). */
  log?: (line: string) => void;
}

/** k6's exit code when thresholds failed: the run still wrote its record. */
const K6_THRESHOLDS_FAILED = 99;
const POLL_MS = 1000;

/**
 * Runs a scenario with k6: writes the resolved config into runDir, spawns `k6 run` with
 * `--out json=<runDir>/k6-samples.json`, reads those samples while k6 runs (progress line) and
 * builds the exact run record from them (acknowledged set, timeline, HDR histograms, k6's
 * dropped_iterations), merged into the record handleSummary wrote. The samples file is removed
 * afterwards (it grows with the run; the record holds what it said). On abort k6 gets SIGINT
 * (it still runs handleSummary); the record is then marked aborted.
 */
export async function runK6Engine(options: K6EngineOptions): Promise<RunRecord> {
  const version = (await isK6Available()) ?? 'unknown';
  const cmd = buildK6Command({ ...options, baseEnv: process.env, knownScripts: listScenarios() });
  makeDirSync(options.runDir);
  writeFileSync(cmd.configPath, JSON.stringify(cmd.config, null, 2));
  writeFileSync(cmd.samplesFile, '');
  options.log?.(`loadtest: k6 VU pool: ${describeVuPool(k6VuPool(cmd.config))}`);
  const stream = new K6SampleStream(options.scenario, options.phases);
  const tail = tailFile(cmd.samplesFile, (text) => stream.push(text));
  const timer = setInterval(() => {
    tail.read();
    const progress = stream.progress(Date.now());
    if (progress) options.onProgress?.(progress);
  }, POLL_MS);
  let exitCode: number;
  try {
    exitCode = await spawnK6(cmd.command, cmd.args, cmd.env, options.signal);
  } finally {
    clearInterval(timer);
  }
  tail.read();
  tail.close();
  rmSync(cmd.samplesFile, { force: true });
  if (exitCode !== 0 && exitCode !== K6_THRESHOLDS_FAILED && !options.signal?.aborted) {
    throw new InfraError(
      `Could not complete the k6 run: k6 exited with code ${exitCode}. Read k6's output above. ${cmd.configPath} is kept so you can reproduce: WA_CONFIG=${cmd.configPath} WA_APP_SECRET=… k6 run ${cmd.args.at(-1)}.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(cmd.outFile, 'utf8'));
  } catch {
    throw new InfraError(
      `Could not read k6's run record ${cmd.outFile}: handleSummary did not write it. Check that the scenario file exports handleSummary; ${cmd.configPath} is kept to reproduce the run.`,
    );
  }
  const summaryRecord = validate(runRecordSchema, data, { thing: 'k6 run record', filePath: cmd.outFile });
  summaryRecord.engine.version = version;
  if (options.signal?.aborted) {
    summaryRecord.status = 'aborted';
    summaryRecord.abortReason = options.signal.reason instanceof Error ? options.signal.reason.message : 'aborted';
  }
  if (stream.startedAtMs === undefined) return summaryRecord; // aborted before setup() ended: nothing was sent
  const record = stream.finish(summaryRecord);
  writeFileSync(cmd.outFile, JSON.stringify(record));
  return record;
}

/** Reads what was appended to a file since the last read (k6 writes its JSON output in batches). */
function tailFile(path: string, onText: (text: string) => void): { read: () => void; close: () => void } {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let position = 0;
  let pending = Buffer.alloc(0);
  return {
    read() {
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, position);
        if (n <= 0) return;
        position += n;
        // Keep a UTF-8 sequence cut at the chunk end for the next read.
        const chunk = Buffer.concat([pending, buffer.subarray(0, n)]);
        let end = chunk.length;
        while (end > 0 && end > chunk.length - 4 && (chunk[end - 1]! & 0xc0) === 0x80) end--;
        if (end > 0 && chunk[end - 1]! >= 0xc0) end--;
        pending = Buffer.from(chunk.subarray(end));
        onText(chunk.subarray(0, end).toString('utf8'));
      }
    },
    close: () => closeSync(fd),
  };
}

function spawnK6(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    // Own process group: a terminal's Ctrl-C reaches loadtest only, which then asks k6 to stop (SIGINT, k6 still writes its summary).
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    adoptGroup(child);
    const stop = (): void => signalGroup(child, 'SIGINT');
    signal?.addEventListener('abort', stop, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', stop);
      reject(new InfraError(`Could not start k6: ${error.message}. Install k6 or use --engine node.`));
    });
    child.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      resolve(code ?? 1);
    });
  });
}
