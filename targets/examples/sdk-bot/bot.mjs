// A WhatsApp Cloud API bot built the way the npm SDK's README shows: @great-detail/whatsapp
// (fetch, through ky) checks the webhook signature and sends the replies to graph.facebook.com.
// There is no Graph base URL setting on purpose: under loadtest it runs with the mock's msw
// preload, which intercepts those fetches (see README.md beside this file).
import { createServer } from 'node:http';
import Client from '@great-detail/whatsapp';

const env = process.env;
function fail(reason, fix) {
  console.error(`sdk-bot: Could not start: ${reason}. ${fix}.`);
  process.exit(2);
}
const appSecret = env.WHATSAPP_APP_SECRET || fail('WHATSAPP_APP_SECRET is not set', 'Set it to the Meta app secret');
const accessToken =
  env.WHATSAPP_ACCESS_TOKEN || fail('WHATSAPP_ACCESS_TOKEN is not set', 'Set it to the Graph API access token');
const verifyToken = env.WHATSAPP_VERIFY_TOKEN;
const defect = env.EXAMPLE_DEFECT || 'none';
if (!['none', 'no-dedupe'].includes(defect)) fail(`EXAMPLE_DEFECT "${defect}" is unknown`, 'Use none or no-dedupe');
const port = Number(env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT "${env.PORT}" is not a port`, 'Use 0–65535');
const host = env.HOST || '127.0.0.1';

const sdk = new Client({
  request: {
    headers: { Authorization: `Bearer ${accessToken}` },
    // Graph's transient answers are retried (Retry-After wins); any other 4xx never is.
    retry: { limit: 5, methods: ['post'], statusCodes: [429, 500, 502, 503, 504], backoffLimit: 5000 },
  },
});

const MAX_BODY_BYTES = 1024 * 1024;
const DEDUPE_TTL_MS = 24 * 3600_000;
const DEDUPE_MAX_IDS = 200_000;
/** Message id → first seen (ms). Oldest ids are forgotten first beyond DEDUPE_MAX_IDS. */
const seen = new Map();
const counts = { received: 0, duplicates: 0, replied: 0, failedSends: 0, forged: 0 };
const pending = new Set();

function isNewMessage(id, nowMs) {
  if (defect === 'no-dedupe') return true;
  const first = seen.get(id);
  if (first !== undefined && nowMs - first < DEDUPE_TTL_MS) return false;
  seen.set(id, nowMs);
  if (seen.size > DEDUPE_MAX_IDS) seen.delete(seen.keys().next().value);
  return true;
}

function log(event, fields = {}) {
  console.error(JSON.stringify({ event, ...fields }));
}

async function answer(phoneNumberID, message) {
  try {
    await sdk.message.createStatus({ phoneNumberID, status: 'read', message_id: message.id });
    await sdk.message.createMessage({
      phoneNumberID,
      to: message.from,
      type: 'text',
      text: { body: 'Thanks, we got your message.' },
      context: { message_id: message.id },
    });
    counts.replied++;
  } catch (error) {
    counts.failedSends++;
    log('send-failed', { id: message.id, status: error?.response?.status ?? null, error: error?.name ?? 'Error' });
  }
}

function handleEvent(event) {
  for (const entry of event?.entry ?? []) {
    for (const change of entry?.changes ?? []) {
      const value = change?.value;
      const phoneNumberID = value?.metadata?.phone_number_id;
      for (const message of value?.messages ?? []) {
        if (!phoneNumberID || typeof message?.id !== 'string' || typeof message?.from !== 'string') continue;
        counts.received++;
        if (!isNewMessage(message.id, Date.now())) {
          counts.duplicates++;
          continue;
        }
        const work = answer(phoneNumberID, message).finally(() => pending.delete(work));
        pending.add(work);
      }
    }
  }
}

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return resolve(null);
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

async function onWebhook(request, response) {
  const url = new URL(request.url ?? '/', 'http://bot.invalid');
  // For a supervisor (loadtest --target-cmd waits for it): up once the server listens.
  if (url.pathname === '/health' && request.method === 'GET')
    return response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  if (url.pathname !== '/webhook') return response.writeHead(404).end();
  if (request.method === 'GET') {
    try {
      const registration = await sdk.webhook.register({
        method: 'GET',
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
      });
      if (!verifyToken || registration.verifyToken !== verifyToken) return response.writeHead(403).end();
      return response.writeHead(200, { 'content-type': 'text/plain' }).end(registration.accept());
    } catch {
      return response.writeHead(403).end();
    }
  }
  if (request.method !== 'POST') return response.writeHead(405).end();
  const body = await readBody(request);
  if (body === null) return response.writeHead(413).end();
  let notification;
  try {
    notification = await sdk.webhook.eventNotification({ method: 'POST', headers: request.headers, body });
  } catch (error) {
    // The SDK parses the body before any signature check: unsigned → 401, unparseable → 400.
    if (error instanceof sdk.webhook.errors.InvalidHubSignatureWebhookError) return response.writeHead(401).end();
    return response.writeHead(400).end();
  }
  if (!(await notification.checkSignature(appSecret))) {
    counts.forged++;
    return response.writeHead(401).end();
  }
  response.writeHead(200).end();
  handleEvent(notification.eventNotification);
}

const server = createServer((request, response) => {
  onWebhook(request, response).catch(() => {
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});
server.listen(port, host, () => {
  const address = server.address();
  log('listening', { url: `http://${host}:${address.port}`, defect });
});

process.on('SIGTERM', () => {
  server.close();
  const deadline = setTimeout(() => process.exit(1), 30_000);
  deadline.unref();
  Promise.allSettled([...pending]).then(() => {
    log('stopped', counts);
    process.exit(0);
  });
});
