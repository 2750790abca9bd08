import { randomBytes } from 'node:crypto';
import { InfraError } from '../../../common/node/index.ts';

/**
 * Sends Meta's GET verification handshake and checks the challenge comes back: proves the
 * target is up, the path is right and the verify token matches, before any load is sent.
 */
export async function checkHandshake(webhookUrl: string, verifyToken: string, timeoutMs = 5000): Promise<void> {
  const challenge = randomBytes(8).toString('hex');
  const url = new URL(webhookUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.verify_token', verifyToken);
  url.searchParams.set('hub.challenge', challenge);
  let response: Response;
  try {
    // Never follow a redirect: it would carry hub.verify_token to wherever Location points.
    response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason =
      (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    throw new InfraError(
      `Could not reach the target at ${webhookUrl}: ${reason}. Start your connector, check --target and the path template, or pass --no-handshake to skip this check.`,
    );
  }
  const body = (await response.text()).trim();
  if (response.status !== 200 || body !== challenge) {
    throw new InfraError(
      `Could not verify the webhook at ${webhookUrl}: the handshake answered ${response.status}${response.status === 200 ? ' without echoing hub.challenge' : describeRedirect(response)}. Check that the verify token (WA_VERIFY_TOKEN or target.verifyToken) matches the connector's, and the path template.`,
    );
  }
}

/** " (a redirect to …, not followed)" for a 3xx, so the user sees where the target points; else "". */
export function describeRedirect(response: Response): string {
  if (response.status < 300 || response.status > 399) return '';
  const location = response.headers.get('location');
  return ` (a redirect${location ? ` to ${location.replace(/[?#].*$/, '').slice(0, 200)}…` : ''}, not followed)`;
}
