// A minimal supervised target for tests: reads the contract's environment, logs like a careless app.
import { createServer } from 'node:http';

const env = process.env;
if (env.FAIL_AT_START) {
  console.error('cannot connect to database: refused');
  process.exit(1);
}
const server = createServer((req, res) => {
  if (req.url === '/health') return res.writeHead(env.HEALTH_STATUS ? Number(env.HEALTH_STATUS) : 200).end('ok');
  if (req.url === '/whoami')
    return res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ port: env.PORT, envKeys: Object.keys(env).sort() }));
  if (req.url === '/redirect') return res.writeHead(302, { location: 'http://example.com/' }).end();
  if (req.url === '/crash') {
    res.writeHead(200).end('bye');
    setTimeout(() => process.exit(7), 20);
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    console.log(`got ${body} with secret ${env.WHATSAPP_APP_SECRET}`);
    res.writeHead(200).end('{}');
  });
});
server.listen(Number(env.PORT), env.HOST, () => console.log('listening'));
process.on('SIGTERM', () => {
  console.log('draining');
  // DRAIN_MS: finishing in-flight work takes this long after the signal.
  setTimeout(() => server.close(() => (console.log('drained'), process.exit(0))), Number(env.DRAIN_MS ?? 0));
});
