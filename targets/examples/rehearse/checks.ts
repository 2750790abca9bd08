import type { LedgerStats } from '../../../common/contracts/index.ts';
import type { CheckId, ExampleSpec } from './catalog.ts';

/** What the rehearsal saw of the target besides loadtest's own record. */
export interface CheckInputs {
  /** Peak resident memory of the target process (VmHWM), MB; undefined where /proc is missing. */
  peakRssMb: number | undefined;
  /** ledger-stats.json of the run, when loadtest wrote one. */
  ledger: LedgerStats | undefined;
  /** How the target ended after SIGTERM. */
  stop: { exitCode: number | null; signal: string | null; afterMs: number; killed: boolean };
}

export interface CheckResult {
  id: CheckId;
  verdict: 'pass' | 'fail' | 'not-measured';
  observed?: number;
  threshold?: number;
  unit?: string;
  note: string;
}

/** Judges the example's rehearsal checks (pure). */
export function judgeChecks(checks: ExampleSpec['checks'], inputs: CheckInputs): CheckResult[] {
  return checks.map(({ id, threshold }) => JUDGES[id](inputs, threshold));
}

const JUDGES: Record<CheckId, (inputs: CheckInputs, threshold: number | undefined) => CheckResult> = {
  'peak-rss': ({ peakRssMb }, threshold = Infinity) =>
    peakRssMb === undefined
      ? {
          id: 'peak-rss',
          verdict: 'not-measured',
          threshold,
          unit: 'MB',
          note: 'No /proc/<pid>/status on this system.',
        }
      : {
          id: 'peak-rss',
          verdict: peakRssMb < threshold ? 'pass' : 'fail',
          observed: peakRssMb,
          threshold,
          unit: 'MB',
          note: 'Peak resident memory (VmHWM) of the target process.',
        },

  // Until loadtest judges calls itself: every call the bridge pre-accepted must be accepted too.
  'calls-answered': ({ ledger }) => {
    if (!ledger)
      return {
        id: 'calls-answered',
        verdict: 'not-measured',
        threshold: 0,
        unit: 'calls',
        note: 'No ledger-stats.json in the run folder.',
      };
    const preAccepted = ledger.committedByType['call_pre_accept'] ?? 0;
    const accepted = ledger.committedByType['call_accept'] ?? 0;
    const unanswered = preAccepted - accepted;
    const note = `${preAccepted} pre_accept and ${accepted} accept committed at the mock's calls endpoint.`;
    if (preAccepted === 0)
      return {
        id: 'calls-answered',
        verdict: 'fail',
        observed: 0,
        threshold: 0,
        unit: 'calls',
        note: `No call was answered: ${note}`,
      };
    return {
      id: 'calls-answered',
      verdict: unanswered === 0 ? 'pass' : 'fail',
      observed: unanswered,
      threshold: 0,
      unit: 'calls',
      note: `Calls pre-accepted but never accepted. ${note}`,
    };
  },

  'stops-on-sigterm': ({ stop }, threshold = 10_000) => {
    const how = stop.killed
      ? `still running ${threshold} ms after SIGTERM (killed)`
      : stop.exitCode !== null
        ? `exited ${stop.exitCode}`
        : `ended by ${stop.signal}`;
    const ok = !stop.killed && stop.exitCode === 0 && stop.afterMs <= threshold;
    return {
      id: 'stops-on-sigterm',
      verdict: ok ? 'pass' : 'fail',
      observed: Math.round(stop.afterMs),
      threshold,
      unit: 'ms',
      note: `Drained and ${how} after SIGTERM.`,
    };
  },
};
