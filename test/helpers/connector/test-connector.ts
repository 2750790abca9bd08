import { startConnector, type ConnectorConfigInput } from '../../../targets/reference/index.ts';

export const TEST_APP_SECRET = 'test-app-secret-0123456789';
export const TEST_ACCESS_TOKEN = 'test-access-token-abcdef';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

/** A silent connector sending to the given Graph URL, with fast retry timings for tests. */
export async function startTestConnector(
  graphBaseUrl: string,
  overrides: Partial<ConnectorConfigInput> = {},
  options: { now?: () => number } = {},
) {
  const connector = await startConnector(
    {
      appSecret: TEST_APP_SECRET,
      accessToken: TEST_ACCESS_TOKEN,
      verifyToken: TEST_VERIFY_TOKEN,
      graphBaseUrl,
      logLevel: 'silent',
      retryBaseMs: 10,
      retryMaxDelayMs: 50,
      rateLimitBaseMs: 20,
      rateLimitMaxDelayMs: 2_000,
      breakerOpenMs: 200,
      sendTimeoutMs: 2_000,
      ...overrides,
    },
    options,
  );
  const path = (overrides.pathTemplate ?? '/webhook').replace('{phone_number_id}', '106540352242922');
  return { ...connector, webhookUrl: connector.url + path };
}

/** Polls until the check passes (bounded), for state reached asynchronously. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
