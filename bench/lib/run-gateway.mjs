// Benchmark entry for the gateway: the built app (apps/gateway/dist), plain node (no tsx), so the start-up
// time measured is the one a user gets. Usage: node bench/lib/run-gateway.mjs <config file> [thread|event-loop]
import { closeOnSignals } from '../../apps/gateway/dist/close-on-signals.js';
import { startGateway } from '../../apps/gateway/dist/start-gateway.js';

const gateway = await startGateway({
  configPath: process.argv[2],
  storeThread: process.argv[3] !== 'event-loop',
});
await closeOnSignals(gateway);
