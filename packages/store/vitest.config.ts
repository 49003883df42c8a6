import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'store',
          include: ['src/**/*.test.ts'],
          exclude: ['src/postgres/**'],
          // The thread, CommonJS and boundary tests run the built package: build it first when it is missing
          // or older than its sources (a failed build fails the run, with tsup's output).
          globalSetup: ['./src/__fixtures__/ensure-built.ts'],
          // Tests wait on state and events, never on the clock; this only bounds a test that is stuck.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['src/postgres/**/*.test.ts'],
          // A throwaway PostgreSQL cluster for the run (scripts/postgres/postgres-cluster.sh); when it cannot
          // start, the run fails with the reason (never a silent skip).
          globalSetup: ['./src/__fixtures__/postgres-server.ts'],
          // Pools and a server restart: room for a slow machine, not a hidden timing assumption.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
