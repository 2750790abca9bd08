import type { HealthProbe } from '../../common/contracts/index.ts';

/** One GET of a health URL: status and time, or the error; never throws, aborts after `abortMs`. */
export async function probeHealth(url: string, abortMs: number): Promise<Pick<HealthProbe, 'status' | 'ms' | 'error'>> {
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(abortMs), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, ms: Number((performance.now() - started).toFixed(2)) };
  } catch (error) {
    const e = error as Error;
    return {
      status: null,
      ms: Number((performance.now() - started).toFixed(2)),
      error: e.name === 'TimeoutError' ? `no answer within ${abortMs} ms` : e.message,
    };
  }
}
