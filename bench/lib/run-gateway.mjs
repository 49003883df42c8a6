// Benchmark entry for the gateway: the built library (apps/gateway/dist), plain node (no tsx), so the start-up
// time measured is the one a user gets. Usage: node bench/lib/run-gateway.mjs <config file> [thread|event-loop]
import { closeOnSignals, startGateway } from '../../apps/gateway/dist/index.js';

const gateway = await startGateway({
  configPath: process.argv[2],
  storeThread: process.argv[3] !== 'event-loop',
});
await closeOnSignals(gateway);
