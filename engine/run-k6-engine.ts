import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { RunRecord } from '../contracts/run-record.ts';
import { runRecordSchema } from '../contracts/run-record.ts';
import { InfraError } from '../lib/errors.ts';
import { validate } from '../lib/validate.ts';
import { adoptGroup, signalGroup } from '../lib/process-group.ts';
import { buildK6Command, type K6CommandInput } from './k6-command.ts';
import { isK6Available } from './k6-available.ts';
import { listScenarios } from './scenario-definitions.ts';

/** What buildK6Command needs (runDir receives k6-config.json and run-record.k6.json), plus an abort signal. */
export interface K6EngineOptions extends Omit<K6CommandInput, 'baseEnv' | 'knownScripts'> {
  signal?: AbortSignal;
}

/** k6's exit code when thresholds failed: the run still wrote its record. */
const K6_THRESHOLDS_FAILED = 99;

/**
 * Runs a scenario with k6: writes the resolved config into runDir, spawns `k6 run`, and reads
 * the run record handleSummary wrote. On abort k6 gets SIGINT (it still runs handleSummary);
 * the record is then marked aborted.
 */
export async function runK6Engine(options: K6EngineOptions): Promise<RunRecord> {
  const version = (await isK6Available()) ?? 'unknown';
  const cmd = buildK6Command({ ...options, baseEnv: process.env, knownScripts: listScenarios() });
  mkdirSync(options.runDir, { recursive: true });
  writeFileSync(cmd.configPath, JSON.stringify(cmd.config, null, 2));
  const exitCode = await spawnK6(cmd.command, cmd.args, cmd.env, options.signal);
  if (exitCode !== 0 && exitCode !== K6_THRESHOLDS_FAILED && !options.signal?.aborted) {
    throw new InfraError(`Could not complete the k6 run: k6 exited with code ${exitCode}. Read k6's output above; run "k6 run ${cmd.args.at(-1)}" with WA_CONFIG=${cmd.configPath} to reproduce.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(cmd.outFile, 'utf8'));
  } catch {
    throw new InfraError(`Could not read k6's run record ${cmd.outFile}: handleSummary did not write it. Check that the scenario file exports handleSummary.`);
  }
  const record = validate(runRecordSchema, data, { thing: 'k6 run record', filePath: cmd.outFile });
  record.engine.version = version;
  if (options.signal?.aborted) {
    record.status = 'aborted';
    record.abortReason = options.signal.reason instanceof Error ? options.signal.reason.message : 'aborted';
  }
  return record;
}

function spawnK6(command: string, args: string[], env: NodeJS.ProcessEnv, signal: AbortSignal | undefined): Promise<number> {
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
