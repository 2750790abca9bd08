/**
 * Waits until a counter stops moving: the target processes webhooks asynchronously and retries
 * Graph calls, so side effects keep arriving after the last delivery was acked.
 */
export async function waitUntilStable(
  read: () => Promise<number>,
  options: { quietMs: number; maxMs: number; pollMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.maxMs;
  let last = await read();
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    const now = await read();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= options.quietMs) return true;
  }
  return false;
}
