/**
 * Vitest globalSetup for the browser tests: serves a production build of the app (built into
 * node_modules/.cache/e2e-dist, so it cannot race `npm run build` over dist/) on a free
 * 127.0.0.1 port and hands its URL to the tests (`inject('baseUrl')`). The build runs once, on
 * the first page request, so a run of only the unit tests does not pay for it.
 */
import type { TestProject } from 'vitest/node';
import { E2E_DIST, serveBuiltApp } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the built playground, e.g. http://127.0.0.1:41234/ */
    baseUrl: string;
  }
}

/** Starts the server; the returned function stops it after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await serveBuiltApp({ lazy: true, outDir: E2E_DIST });
  project.provide('baseUrl', server.url);
  return () => server.close();
}
