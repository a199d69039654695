import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  base: './',
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share one built bundle and one Chromium; keep files in one worker pool.
    fileParallelism: true,
    // Builds (into node_modules/.cache/e2e-dist) and serves the app for the browser tests in test/e2e, lazily: only when a page is opened.
    globalSetup: ['test/e2e-setup/globalSetup.ts'],
    setupFiles: ['test/setup/fastcheck.ts'],
  },
});
