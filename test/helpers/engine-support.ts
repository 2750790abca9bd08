import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileTemplate } from '../../common/core/index.ts';
import type { LoadedFixture } from '../../common/core/index.ts';

/** A loopback webhook sink whose answer each test decides; records bodies it saw. */
export interface Sink {
  url: string;
  received: { body: string; signature: string | undefined }[];
  close: () => Promise<void>;
}

export type SinkHandler = (req: IncomingMessage, body: string, res: ServerResponse, index: number) => void;

export async function startSink(handler: SinkHandler = (_req, _body, res) => res.end('ok')): Promise<Sink> {
  const received: Sink['received'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const index = received.push({ body, signature: req.headers['x-hub-signature-256'] as string | undefined }) - 1;
      handler(req, body, res, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TEXT = `{"object":"whatsapp_business_account","entry":[{"id":"{{waba_id}}","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{display_phone_number}}","phone_number_id":"{{phone_number_id}}"},"contacts":[{"profile":{"name":"{{profile_name}}"},"wa_id":"{{wa_id}}"}],"messages":[{"from":"{{wa_id}}","id":"{{wamid:0}}","timestamp":"{{timestamp}}","type":"text","text":{"body":"hi"}}]}}]}]}`;
const BATCH = `{"object":"whatsapp_business_account","entry":[{"id":"{{waba_id}}","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{display_phone_number}}","phone_number_id":"{{phone_number_id}}"},"messages":[{"from":"{{wa_id}}","id":"{{wamid:0}}","timestamp":"{{timestamp}}","type":"text","text":{"body":"a"}},{"from":"{{wa_id}}","id":"{{wamid:1}}","timestamp":"{{timestamp}}","type":"text","text":{"body":"b"}},{"from":"{{wa_id}}","id":"{{wamid:2}}","timestamp":"{{timestamp}}","type":"text","text":{"body":"c"}}]}}]}]}`;
const STATUS = `{"object":"whatsapp_business_account","entry":[{"id":"{{waba_id}}","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{display_phone_number}}","phone_number_id":"{{phone_number_id}}"},"statuses":[{"id":"{{status_id}}","status":"read","timestamp":"{{timestamp}}","recipient_id":"{{wa_id}}"}]}}]}]}`;

function fixture(name: string, type: string, weight: number, raw: string): LoadedFixture {
  return { name, field: 'messages', type, weight, raw, template: compileTemplate(raw) };
}

/** Three inline fixtures: a text (1 inbound), a batch (3 inbound), a read status (0 inbound). */
export function testFixtures(): LoadedFixture[] {
  return [
    fixture('text', 'text', 6, TEXT),
    fixture('batch', 'text', 1, BATCH),
    fixture('status', 'status-read', 3, STATUS),
  ];
}
