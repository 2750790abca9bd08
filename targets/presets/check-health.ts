import { InfraError } from '../../common/node/index.ts';

/**
 * GETs a target's health endpoint before any load and wants a 2xx: a target that calls itself
 * unhealthy would only produce a report about its outage. Returns the body for the run folder.
 */
export async function checkHealth(url: string, timeoutMs = 5000): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as Error).cause;
    throw new InfraError(
      `Could not reach the target's health endpoint ${url}: ${cause instanceof Error ? cause.message : (error as Error).message}. Start the target, check --target and the preset's endpoints.health, or pass --no-handshake to skip the checks before the load.`,
    );
  }
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) {
    throw new InfraError(
      `Could not start the load: the target's health endpoint ${url} answered ${response.status} (${text.slice(0, 200)}). Fix the target first, or pass --no-handshake to skip the checks before the load.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 2000);
  }
}
