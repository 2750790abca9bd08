import type { ProgressSnapshot as Progress } from '../../../scenarios/engines/index.ts';

/** One progress line: elapsed, target vs achieved rate, errors, p99 so far. Pure. */
export function formatProgress(p: Progress, phase?: string): string {
  const elapsed = `${Math.round(p.elapsedS)}s/${Math.round(p.durationS)}s`.padStart(9);
  const rate = `${p.achievedRate.toFixed(1)}/${p.targetRate.toFixed(1)} msg/s`;
  const p99 = p.p99Ms >= 1000 ? `${(p.p99Ms / 1000).toFixed(2)}s` : `${Math.round(p.p99Ms)}ms`;
  return `[${elapsed}] rate ${rate}  sent ${p.sent}  errors ${p.errors}  dropped ${p.dropped}  p99 ${p99}${phase ? `  phase ${phase}` : ''}`;
}

/** On a TTY: one line rewritten in place every second; otherwise a plain line every `everyS` seconds. */
export function createProgressPrinter(stream: { write(text: string): unknown; isTTY?: boolean }, everyS = 10) {
  const tty = Boolean(stream.isTTY);
  let lastPlain = -Infinity;
  return {
    update(p: Progress, phase?: string) {
      const line = formatProgress(p, phase);
      if (tty) stream.write(`\r\x1b[2K${line}`);
      else if (p.elapsedS - lastPlain >= everyS) {
        lastPlain = p.elapsedS;
        stream.write(line + '\n');
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
