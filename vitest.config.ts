import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three projects: the server (real database per test file, see src/server/testing/), the
// production build (scripts/), and the web components (happy-dom). Browser flows are Playwright's, under test/e2e.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'src/shared/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['src/server/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm run build` and the production server started from it: slow, one file.
        test: {
          name: 'build',
          include: ['scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['src/web/**/*.test.tsx', 'src/web/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['src/web/testing/setup.ts'],
          // Rendering Mantine in happy-dom takes a second or two per test when the machine is
          // loaded (seen: load 22 on 2 cores); 5 s timed out there. Not a speed assertion.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
