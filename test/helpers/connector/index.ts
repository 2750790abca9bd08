/**
 * Test helpers for the connector (and for anything that drives it, such as calibration): a
 * recording fake Graph API, Meta-shaped signed webhooks, and a quiet connector on loopback.
 *
 * @example
 * const graph = await startFakeGraph();
 * const connector = await startTestConnector(graph.url, { defect: 'no-dedupe' });
 * await postWebhook(connector.webhookUrl, buildMessagesWebhook({ messages: [{ id: 'wamid.A' }] }), { appSecret: TEST_APP_SECRET });
 */
export {
  startFakeGraph,
  graphError,
  ANSWER_OK,
  type FakeGraph,
  type FakeReply,
  type RecordedSend,
  type Responder,
} from './fake-graph.ts';
export { buildMessagesWebhook, signBody, postWebhook, readDedupeDuration, type TestMessage } from './webhooks.ts';
export {
  startTestConnector,
  waitFor,
  TEST_APP_SECRET,
  TEST_ACCESS_TOKEN,
  TEST_VERIFY_TOKEN,
} from './test-connector.ts';
export { spawnConnectorCli } from './cli-process.ts';
