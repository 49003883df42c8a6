/**
 * @module bench/lib/fake-model-server
 * An OpenAI-compatible `POST /v1/chat/completions` on loopback that answers `You said: <last user message>` after
 * a latency drawn uniformly from [ms, ms + jitterMs]: the I/O-bound turn of a hosted model, without the model.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModelServer {
  /** `http://127.0.0.1:port/v1`, the agent's `baseUrl`. */
  baseUrl: string;
  /** Completions answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

export async function startFakeModelServer(latency: {
  ms: number;
  jitterMs: number;
}): Promise<FakeModelServer> {
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        messages: { role: string; content: string }[];
      };
      const last = request.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
      const body = JSON.stringify({
        choices: [{ message: { role: 'assistant', content: `You said: ${last}` } }],
      });
      setTimeout(
        () => {
          answered += 1;
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
        },
        latency.ms + Math.random() * latency.jitterMs,
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    get answered() {
      return answered;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
