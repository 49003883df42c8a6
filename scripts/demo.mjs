/**
 * @module scripts/demo
 * README command 1 (after scripts/demo.sh has installed and built): the sandbox plays Twilio on loopback and
 * the gateway runs on its embedded defaults (echo assistant, dmPolicy "pairing"), wired to each other. It
 * prints the dev phone URL and, when a pairing code goes out, the exact command that approves it.
 * Ctrl-C stops both. Two processes, talking HTTP only, as Twilio and a gateway do.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const demoDir = join(root, '.cache', 'demo');
const configFile = join(demoDir, 'config.json5');
const sandboxPort = Number(process.env.DEMO_SANDBOX_PORT ?? 7677);
const gatewayPort = Number(process.env.DEMO_GATEWAY_PORT ?? 8790);
const webhookUrl = `http://127.0.0.1:${gatewayPort}/webhooks/sms`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const cli = relative(process.cwd(), join(root, 'apps/gateway/dist/cli.js'));
const children = new Set();
let stopping = false;

/** The demo's fake Twilio account, handed to the sandbox and written into the gateway's config (not a secret). */
const SANDBOX = {
  accountSid: 'AC5a4db0c05a4db0c05a4db0c05a4db0c0',
  authToken: 'f4cec0def4cec0def4cec0def4cec0de',
  number: '+12025550100',
  handset: '+12025550142',
};

function writeDemoConfig() {
  mkdirSync(demoDir, { recursive: true, mode: 0o700 });
  const config = {
    channels: {
      sms: {
        accountSid: SANDBOX.accountSid,
        authToken: SANDBOX.authToken,
        fromNumber: SANDBOX.number,
        publicWebhookUrl: webhookUrl,
        twilioApiBaseUrl: sandboxUrl,
        dmPolicy: 'pairing',
      },
    },
    agent: { kind: 'echo' },
    gateway: { host: '127.0.0.1', port: gatewayPort, stateDir: join(demoDir, 'state') },
  };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

function start(name, args, onLine) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', (line) => console.error(`[${name}] ${line}`));
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`[${name}] stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the demo`);
      stop(1);
    }
  });
  return child;
}

/** Gateway log lines are JSON (pino); the demo shows them as one readable line each. */
function showGatewayLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    console.log(`[gateway] ${line}`);
    return;
  }
  const { level, msg, time: _time, name: _name, ...fields } = entry;
  const details = Object.entries(fields)
    .filter(([, value]) => typeof value !== 'object')
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.log(
    `[gateway] ${level === 'info' ? '' : `${String(level).toUpperCase()} `}${msg}${details ? `  (${details})` : ''}`,
  );
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Follows the sandbox's event stream and points at the approve command when a pairing code goes out. */
async function watchPairingCodes() {
  const response = await fetch(`${sandboxUrl}/_sandbox/events`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (!block.startsWith('event: message.created') || data === undefined) continue;
      const { message } = JSON.parse(data.slice(6));
      const code = /pairing code is ([A-Z0-9]{8})/.exec(message.body ?? '')?.[1];
      if (code === undefined) continue;
      console.log(`\n  Pairing code ${code} sent to ${message.to}. Approve it (in another terminal):`);
      console.log(
        `    node ${cli} --config ${relative(process.cwd(), configFile)} pairing approve sms ${code}\n`,
      );
    }
  }
}

function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 5_000);
  force.unref();
  const wait = setInterval(() => {
    if (children.size > 0) return;
    clearInterval(wait);
    process.exit(exitCode);
  }, 50);
}

async function main() {
  writeDemoConfig();
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  start(
    'sandbox',
    [
      'apps/sandbox/dist/cli.js',
      ...['--port', String(sandboxPort), '--webhook-url', webhookUrl, '--quiet'],
      ...['--account-sid', SANDBOX.accountSid, '--auth-token', SANDBOX.authToken],
      ...['--number', SANDBOX.number, '--handset', SANDBOX.handset],
    ],
    () => {},
  );
  await waitForHttp(`${sandboxUrl}/`, 15_000);
  start('gateway', [cli, '--config', configFile, 'gateway'], showGatewayLine);
  await waitForHttp(`http://127.0.0.1:${gatewayPort}/healthz`, 15_000);
  watchPairingCodes().catch(() => {
    if (!stopping)
      console.error('[demo] lost the sandbox event stream; pairing codes still show on the dev phone');
  });
  console.log(`
  SMS channel demo: the sandbox plays Twilio, the gateway answers with the echo assistant.

    Dev phone      ${sandboxUrl}/          (open it in a browser; the handset is ${SANDBOX.handset})
    Gateway        ${webhookUrl}
    Config, state  ${relative(process.cwd(), demoDir)}/

  1. Text anything from the dev phone: an unknown sender gets a pairing code (dmPolicy "pairing").
  2. Approve it with the command printed below when the code goes out.
  3. Text again: the echo assistant answers "You said: ...".

  Ctrl-C stops both.
`);
}

main().catch((error) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  stop(1);
});
