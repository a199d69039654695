/**
 * Test order for a run: every Node test file first, then the browser tests (each group longest
 * first, as Vitest orders them). When the run holds browser tests, the app's production build is
 * started as soon as the order is known, so it is made while the Node tests run instead of
 * holding the first browser test files (and their workers) waiting for it.
 */
import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';

/** True for a file under test/e2e/, which drives the built app in Chromium. */
export function isBrowserTest(spec: TestSpecification): boolean {
  return /[\\/]test[\\/]e2e[\\/]/.test(spec.moduleId);
}

/** Vitest's own order, with the browser tests moved after the Node tests and their build begun early. */
export default class NodeFirstSequencer implements TestSequencer {
  // Loaded on first use: vite.config.ts (and so `vite build`) should not load Vitest's Node API.
  private readonly base: Promise<TestSequencer>;

  constructor(ctx: Vitest) {
    this.base = import('vitest/node').then(({ BaseSequencer }) => new BaseSequencer(ctx));
  }

  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await this.base).shard(files);
  }

  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await (await this.base).sort(files);
    const browser = sorted.filter(isBrowserTest);
    if (browser.length > 0) startBuild(browser[0]);
    return [...sorted.filter((s) => !isBrowserTest(s)), ...browser];
  }
}

/** Asks the globalSetup's server for the page, which starts its (once-only) build; nobody waits for the answer. */
function startBuild(spec: TestSpecification): void {
  const url = spec.project.getProvidedContext().baseUrl;
  if (!url) return;
  // A failed build is reported to the browser tests by the server itself (a 500 naming the error).
  fetch(url)
    .then((res) => res.arrayBuffer())
    .catch(() => {});
}
