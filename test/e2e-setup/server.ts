/**
 * Builds the app with Vite and serves `dist/` on 127.0.0.1. Shared by the e2e globalSetup,
 * the screenshot script and the UI bench, so all three look at the same production bundle.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** Where `vite build` writes. */
export const DIST = join(ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

/** The browser tests build here, so they never race a developer's `npm run build` over dist/. */
export const E2E_DIST = join(ROOT, 'node_modules', '.cache', 'e2e-dist');

/** Runs `vite build` in a child process (so its output and config stay out of the caller's). */
export async function buildApp(outDir: string = DIST): Promise<void> {
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  await promisify(execFile)(vite, ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}

/** A running static server. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on a free port of 127.0.0.1. Every request first awaits `ready` (e.g. the build),
 * so a server can start at once and build only when a browser first asks for a page.
 */
export async function serveDir(dir: string, ready: () => Promise<void> = async () => {}): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      await ready();
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`build failed:\n${(e as Error).message}`);
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** Builds once (lazily, on the first request, if asked) into `outDir` and serves the result. */
export async function serveBuiltApp(opts: { lazy?: boolean; outDir?: string } = {}): Promise<StaticServer> {
  const outDir = opts.outDir ?? DIST;
  let building: Promise<void> | null = null;
  const ready = () => {
    building ??= buildApp(outDir);
    return building;
  };
  if (!opts.lazy) await ready();
  return serveDir(outDir, ready);
}
