import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

const web = {
  include: ['src/web/**/*.test.tsx', 'src/web/**/*.test.ts'],
  environment: 'happy-dom',
  setupFiles: ['src/web/testing/setup.ts'],
  // Rendering Mantine in happy-dom takes a second or two per test when the machine is loaded
  // (seen: load 22 on 2 cores); 5 s timed out there. Not a speed assertion.
  testTimeout: 20_000,
};
/** Web tests that replace a module with vi.mock (see the `web` project's isolate). */
const WEB_TESTS_WITH_MODULE_MOCKS = ['src/web/components/TimeZoneSelect/TimeZoneSelect.test.tsx', 'src/web/pages/session/video/SessionCall.test.tsx'];

// Projects: the server (real database per test file, see src/server/testing/), the production
// build (scripts/), and the web components (happy-dom; those with module mocks apart). Browser
// flows are Playwright's, under test/e2e.
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
          // Each file starts its own app on its own database copy (testing/harness.ts); sharing
          // the module registry per worker saves importing the server ~90 times, and found a
          // real leak between documents (a parsed PDF font shared across them: documents/pdf-fonts.ts).
          isolate: false,
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
          ...web,
          name: 'web',
          exclude: [...configDefaults.exclude, ...WEB_TESTS_WITH_MODULE_MOCKS],
          // One module registry per worker, not per file: importing React, Mantine and the app
          // again for each of ~45 files was most of this project's time (import 434 s of 677 s at
          // load 17; 50 s in all without). Spies are restored after every test so none leaks into
          // the next file.
          isolate: false,
          restoreMocks: true,
        },
      },
      {
        plugins: [react()],
        // vi.mock replaces a module for its file only when the file has a registry of its own.
        test: { ...web, name: 'web-module-mocks', include: WEB_TESTS_WITH_MODULE_MOCKS },
      },
    ],
  },
});
