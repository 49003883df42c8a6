import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Keep `node:crypto` as written: runtimes other than Node (Deno, Bun, Workers) resolve only the prefixed name.
  removeNodeProtocol: false,
});
