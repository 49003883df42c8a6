import { defineConfig } from 'tsup';

export default defineConfig({
  // `testing` is a separate entry so the main one never imports vitest; `thread` so that only it starts a
  // worker; `store-worker` is the module that worker runs, found next to the built `thread` module.
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    thread: 'src/thread/index.ts',
    'store-worker': 'src/thread/store-worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // `import.meta.url` in the CommonJS build (the thread module locates its worker file with it).
  shims: true,
});
