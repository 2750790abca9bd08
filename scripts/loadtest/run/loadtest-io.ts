import type { EnvMap } from '../../../common/node/index.ts';

/** Where loadtest writes: process streams, or a collector in tests and calibration. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface LoadtestIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Aborted on Ctrl-C / SIGTERM: the load stops and a partial record is still written. */
  signal: AbortSignal;
  /** Folder holding scripts/connector.ts and scripts/mock.ts. */
  scriptsDir: string;
  /** Print the terminal verdict table (calibration turns it off). */
  printSummary?: boolean;
  /** The environment children take their platform variables (PATH, HOME, …) from; default process.env. Nothing else of it reaches a child. */
  env?: EnvMap;
}

export interface LoadtestResult {
  exitCode: number;
  runDir: string;
}
