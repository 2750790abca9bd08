import type { ChildProcess } from 'node:child_process';

/**
 * Children run in their own process group (`spawn(..., { detached: true })`), so a terminal's
 * Ctrl-C (SIGINT to the foreground group) reaches only the orchestrator, which then stops the load,
 * pulls what it needs from them, and stops them itself. These helpers signal a child's whole group
 * and make sure no group outlives the orchestrator.
 */

const groups = new Set<ChildProcess>();
let hooked = false;

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Sends a signal to the child's process group (falls back to the child alone). */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!isAlive(child) || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Registers a detached child: its group is SIGKILLed if the orchestrator exits first (e.g. a forced quit). */
export function adoptGroup(child: ChildProcess): void {
  groups.add(child);
  child.once('exit', () => groups.delete(child));
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of groups) signalGroup(c, 'SIGKILL');
    });
  }
}

/** How many adopted groups are still running (tests check nothing is left). */
export function liveGroupCount(): number {
  return [...groups].filter(isAlive).length;
}
