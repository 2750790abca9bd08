import type { HealthProbe } from '../../common/contracts/index.ts';

export interface HealthSummary {
  probes: number;
  ok: number;
  /** Probes that were not 2xx or took longer than the timeout. */
  failures: number;
  availabilityPct: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  firstFailures: HealthProbe[];
}

const isOk = (p: HealthProbe, timeoutMs: number) =>
  p.status !== null && p.status >= 200 && p.status < 300 && p.ms <= timeoutMs;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Availability and latency of the health probes taken during the load. Pure. */
export function summarizeHealth(probes: readonly HealthProbe[], timeoutMs: number): HealthSummary {
  const ok = probes.filter((p) => isOk(p, timeoutMs));
  const failed = probes.filter((p) => !isOk(p, timeoutMs));
  const ms = probes.map((p) => p.ms).sort((a, b) => a - b);
  const r = (x: number) => Number(x.toFixed(2));
  return {
    probes: probes.length,
    ok: ok.length,
    failures: failed.length,
    availabilityPct: probes.length ? r((ok.length / probes.length) * 100) : null,
    p50Ms: ms.length ? r(quantile(ms, 0.5)) : null,
    p99Ms: ms.length ? r(quantile(ms, 0.99)) : null,
    maxMs: ms.length ? r(ms.at(-1) as number) : null,
    firstFailures: failed.slice(0, 5),
  };
}
