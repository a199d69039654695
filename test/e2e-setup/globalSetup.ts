/**
 * Vitest globalSetup for the browser tests: serves a production build of the app (built into
 * node_modules/.cache/e2e-dist, so it cannot race `npm run build` over dist/) on a free
 * 127.0.0.1 port and hands its URL to the tests (`inject('baseUrl')`). The build runs once, on
 * the first page request, so a run of only the unit tests does not pay for it. It also starts the
 * run's one Chromium, which every browser test file connects to (see `launchChromium`).
 */
import type { BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { launchChromiumServer, SHARED_CHROMIUM_ENV } from './browser';
import { E2E_DIST, serveBuiltApp } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the built playground, e.g. http://127.0.0.1:41234/ */
    baseUrl: string;
  }
}

/** Starts the server and the shared Chromium; the returned function stops both after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await serveBuiltApp({ lazy: true, outDir: E2E_DIST });
  project.provide('baseUrl', server.url);
  let chromium: BrowserServer | null = null;
  try {
    chromium = await launchChromiumServer();
    // Workers are forked after globalSetup and inherit the main process's environment.
    process.env[SHARED_CHROMIUM_ENV] = chromium.wsEndpoint();
  } catch (e) {
    // Without a Chromium the unit tests still run; each browser test file then fails on its own launch with the reason.
    console.warn(`No shared Chromium for the browser tests: ${(e as Error).message.split('\n')[0]}`);
  }
  return async () => {
    delete process.env[SHARED_CHROMIUM_ENV];
    await chromium?.close();
    await server.close();
  };
}
