import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { lessonsPlugin } from './src/lessons/vitePlugin.ts';
import NodeFirstSequencer from './test/e2e-setup/sequencer.ts';

export default defineConfig({
  // lessonsPlugin: the lesson catalog (`virtual:lessons`), parsed, checked and rendered at build time.
  plugins: [
    react(),
    lessonsPlugin(),
    // Offline and installable: Workbox precaches every file of the build (lessons are compiled into the
    // chunks; the app uses system fonts, so there are no font files), and a new version waits until the
    // learner accepts the update prompt (src/ui/pwa/), so a workshop is never reloaded under anyone's feet.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icon.svg'],
      manifest: {
        name: 'Eventually — an event-driven order playground',
        short_name: 'Eventually',
        description: 'Watch what really happens to orders in an event-driven system, one message at a time.',
        theme_color: '#1e1b4b',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
        navigateFallback: 'index.html',
        // Take charge of the page that installed it, so going offline right after the first visit still works.
        clientsClaim: true,
      },
    }),
  ],
  base: './',
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Two files run side by side on two cores now, so a browser test gets about half the CPU it had alone.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Browser tests share one built bundle and one Chromium; keep files in one worker pool.
    fileParallelism: true,
    // One worker per core. Vitest's default (cores - 1) ran one file at a time on the 2-core machines
    // this project is tested on, and a browser test's worker mostly waits on Chromium anyway.
    maxWorkers: availableParallelism(),
    // Node tests first while the app builds in the background for the browser tests that follow.
    sequence: { sequencer: NodeFirstSequencer },
    // Builds (into node_modules/.cache/e2e-dist) and serves the app for the browser tests in test/e2e, and starts their one Chromium.
    globalSetup: ['test/e2e-setup/globalSetup.ts'],
    setupFiles: ['test/setup/fastcheck.ts'],
  },
});
