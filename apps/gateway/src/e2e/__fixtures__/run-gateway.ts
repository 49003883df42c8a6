/**
 * Test-only entry: runs the gateway from source (with tsx) the way `sms-channel gateway` does, for end-to-end
 * tests that need a separate process to SIGKILL. Usage: node --import tsx run-gateway.ts <config file>
 */
import { closeOnSignals, startGateway } from '../../index.js';

const configPath = process.argv[2];
if (configPath === undefined) throw new Error('usage: run-gateway.ts <config file>');
const gateway = await startGateway({ configPath });
await closeOnSignals(gateway);
