// Benchmark baseline: a bare node:http server that reads the body and answers the same empty TwiML the gateway
// does, with no signature check, no parsing and no store. Prints "listening <url>" once it listens.
import { createServer } from 'node:http';

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, {
      'Content-Type': 'text/xml; charset=utf-8',
      'Content-Length': Buffer.byteLength(TWIML),
    });
    res.end(TWIML);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
