import { describe, expect, it } from 'vitest';
import { classifyStopSignal, FORCE_QUIT_AFTER_MS, onStopSignals, type SignalHost } from './stop-signals.ts';

/** A process stand-in: signals are delivered by hand at clock times we choose. */
function fakeHost() {
  const handlers = new Map<string, () => void>();
  const lines: string[] = [];
  const exits: number[] = [];
  let nowMs = 0;
  const host: SignalHost = {
    on: (signal, handler) => void handlers.set(signal, handler),
    off: (signal) => void handlers.delete(signal),
    now: () => nowMs,
    write: (line) => void lines.push(line),
    exit: (code) => void exits.push(code),
  };
  const deliver = (signal: 'SIGINT' | 'SIGTERM', atMs: number) => {
    nowMs = atMs;
    handlers.get(signal)?.();
  };
  return { host, handlers, lines, exits, deliver };
}

describe('the stop-signal rule', () => {
  it('stops gracefully on the first signal', () => {
    expect(classifyStopSignal(undefined, 5_000)).toBe('stop');
  });

  it('treats a signal within the grace window as an echo of the same Ctrl-C (npm, a wrapper or the process group relaying it)', () => {
    expect(classifyStopSignal(5_000, 5_000)).toBe('echo');
    expect(classifyStopSignal(5_000, 5_030)).toBe('echo');
    expect(classifyStopSignal(5_000, 5_000 + FORCE_QUIT_AFTER_MS - 1)).toBe('echo');
  });

  it('forces quit on a signal that arrives after the grace window, a distinct press', () => {
    expect(classifyStopSignal(5_000, 5_000 + FORCE_QUIT_AFTER_MS)).toBe('force');
  });
});

describe('onStopSignals', () => {
  it('aborts once, names the signal and how to force quit, and ignores the relayed copies of the same press', () => {
    const { host, lines, exits, deliver } = fakeHost();
    const controller = new AbortController();
    onStopSignals({ prefix: 'loadtest', stopping: 'stopping the load and writing a partial report', controller }, host);
    deliver('SIGINT', 1_000);
    deliver('SIGINT', 1_011);
    deliver('SIGTERM', 1_040);
    expect(controller.signal.aborted).toBe(true);
    expect((controller.signal.reason as Error).message).toBe('SIGINT');
    expect(lines).toEqual([
      '\nloadtest: SIGINT: stopping the load and writing a partial report (Ctrl-C again after 1 s to force quit)\n',
    ]);
    expect(exits).toEqual([]);
  });

  it('force-quits with exit 3 on a second press after the grace window', () => {
    const { host, lines, exits, deliver } = fakeHost();
    onStopSignals({ prefix: 'rehearse', stopping: 'stopping', controller: new AbortController() }, host);
    deliver('SIGTERM', 0);
    deliver('SIGINT', 2_500);
    expect(exits).toEqual([3]);
    expect(lines.at(-1)).toBe('rehearse: SIGINT again: force quit, the partial report is not written\n');
  });

  it('stops listening when disposed', () => {
    const { host, handlers } = fakeHost();
    const dispose = onStopSignals({ prefix: 'x', stopping: 'stopping', controller: new AbortController() }, host);
    expect([...handlers.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    dispose();
    expect(handlers.size).toBe(0);
  });
});
