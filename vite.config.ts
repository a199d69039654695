import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { lessonsPlugin } from './src/lessons/vitePlugin.ts';

export default defineConfig({
  // lessonsPlugin: the lesson catalog (`virtual:lessons`), parsed, checked and rendered at build time.
  plugins: [react(), lessonsPlugin()],
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
