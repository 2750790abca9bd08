/**
 * Preloaded into every child loadtest starts (`node --import tsx --import lib/exit-with-parent.ts`):
 * children run in their own process group, so nothing else would stop them if loadtest were
 * SIGKILLed. When the parent is gone (we get re-parented), the child sends itself SIGTERM and
 * shuts down as it would on a normal stop, leaving no orphan process or port.
 */
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 500).unref();
