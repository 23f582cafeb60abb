import { defineConfig } from 'vitest/config';

const integration = { environment: 'node' as const, testTimeout: 60_000, hookTimeout: 90_000 };

/**
 * Unit tests (pure, fast), then integration tests (a real server process, real sockets, real SQLite), then the
 * guarantee suites (security and fuzz together, then faults alone: they kill servers and time screens), then the
 * tests against a real OBS Studio, one file at a time: two headless OBS instances rendering at once on two cores
 * starve each other's UI thread (a pause OBS acknowledged landed seconds late).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/obs-*.test.ts'],
          ...integration,
          // Each file starts its own servers; two cores are enough for two at a time.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      // The guarantee suites (docs/guarantees.md): black-box tests against the built server.
      {
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          ...integration,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: { name: 'fuzz', include: ['tests/fuzz/**/*.test.ts'], ...integration, maxWorkers: 2, sequence: { groupOrder: 2 } },
      },
      {
        // They kill servers, fill disks and time screens: one file at a time, with nothing else running.
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          ...integration,
          maxWorkers: 1,
          sequence: { groupOrder: 3 },
        },
      },
      {
        test: {
          name: 'obs',
          include: ['tests/integration/obs-*.test.ts'],
          ...integration,
          maxWorkers: 1,
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});
