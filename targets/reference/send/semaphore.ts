/** Bounds concurrent Graph API attempts so a burst queues here, not inside the attempt timeout. */
export function createSemaphore(limit: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  return {
    async acquire(): Promise<() => void> {
      if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      else active += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const next = queue.shift();
        if (next)
          next(); // hand the slot over without decrementing
        else active -= 1;
      };
    },
  };
}
