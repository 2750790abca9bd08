/** Reads a target's Prometheus /metrics text; undefined when it has none (not an error). */
export async function scrapeMetrics(metricsUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(metricsUrl, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}
