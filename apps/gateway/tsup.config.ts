import { defineConfig } from 'tsup';

/**
 * The standalone gateway is an application, not a library: one ESM build of the `sms-channel` command
 * (`dist/cli.js`), plus `dist/start-gateway.js` and `dist/close-on-signals.js` for the benchmarks that start it in-process. Neither is in the
 * package's `exports`: other channels import the libraries, not this app.
 */
export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    'start-gateway': 'src/runtime/start-gateway.ts',
    'close-on-signals': 'src/runtime/close-on-signals.ts',
  },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
