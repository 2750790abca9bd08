// A WhatsApp bot written the way tutorials write it, not like the reference connector: node:http,
// the signature checked over the raw body, a Set for dedupe, 200 at once, then one fetch per new
// message that answers with `to` only (no context.message_id, no mark-as-read, no retries).
// The supervised-target contract's environment (PORT, HOST, WHATSAPP_*, GRAPH_BASE_URL) configures it.
// BOT_DEDUPE=body-hash dedupes by a hash of the request body instead of the message id (a defect);
// BOT_REPLY_TO=<number> replies to that number instead of the sender (a defect: a leftover test number).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const env = process.env;
const graph = env.GRAPH_BASE_URL ?? 'https://graph.facebook.com';
const seen = new Set();

function signatureOk(raw, header) {
  const expected = Buffer.from(`sha256=${createHmac('sha256', env.WHATSAPP_APP_SECRET).update(raw).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function reply(phoneNumberId, message) {
  await fetch(`${graph}/v21.0/${phoneNumberId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.WHATSAPP_ACCESS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp',
      to: env.BOT_REPLY_TO || message.from,
      type: 'text',
      text: { body: 'Thanks for your message!' },
    }),
  }).catch(() => {});
}

createServer((req, res) => {
  const url = new URL(req.url, 'http://bot');
  if (url.pathname === '/health') return res.writeHead(200).end('ok');
  if (req.method === 'GET') {
    const ok = url.searchParams.get('hub.verify_token') === env.WHATSAPP_VERIFY_TOKEN;
    return ok ? res.writeHead(200).end(url.searchParams.get('hub.challenge')) : res.writeHead(403).end();
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (!signatureOk(raw, req.headers['x-hub-signature-256'])) return res.writeHead(401).end();
    res.writeHead(200).end('EVENT_RECEIVED');
    const bodyKey = env.BOT_DEDUPE === 'body-hash' ? createHash('sha256').update(raw).digest('hex') : undefined;
    if (bodyKey) {
      if (seen.has(bodyKey)) return;
      seen.add(bodyKey);
    }
    for (const entry of JSON.parse(raw.toString('utf8')).entry ?? []) {
      for (const change of entry.changes ?? []) {
        for (const message of change.value?.messages ?? []) {
          if (!bodyKey) {
            if (seen.has(message.id)) continue;
            seen.add(message.id);
          }
          reply(change.value.metadata.phone_number_id, message);
        }
      }
    }
  });
}).listen(Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => setTimeout(() => process.exit(0), 200));
