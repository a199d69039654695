/**
 * A Vite plugin serving `virtual:lessons`: the lesson and challenge catalogs, parsed, checked
 * and with their Markdown rendered to HTML when the app is built (or served by `vite`, or
 * tested by Vitest), so the browser ships neither the YAML reader nor markdown-it, and no lesson
 * is parsed in the page. The work is done by compile.ts; the browser imports the result through
 * src/lessons/catalog.ts (types: virtual-lessons.d.ts).
 *
 * A lesson or challenge that fails its checks fails the build (and shows in the dev server's
 * error overlay) with the parser's own message, naming the file and the field. In the dev
 * server, editing, adding or removing a file under `lessons/` (or editing the parser) reloads
 * the catalog.
 *
 * This file is bundled into the Vite config, so it imports no project module at run time:
 * compile.ts (and, through it, the scenario rules in src/sim) is loaded with Vite's module
 * runner, as TypeScript, each time the catalog is built.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { type Plugin, runnerImport } from 'vite';
import type { CatalogSources } from './compile';

/** The id the app imports. */
export const LESSONS_MODULE = 'virtual:lessons';
const RESOLVED = `\0${LESSONS_MODULE}`;

/** The module that compiles the catalog. */
const COMPILER = join(import.meta.dirname, 'compile.ts');

/** The files the catalogs are built from, and their texts. */
export interface LessonFiles {
  /** Absolute paths of every file read, for the watcher. */
  files: string[];
  sources: CatalogSources;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function list(dir: string, ext: string, optional = false): string[] {
  if (optional && !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => e.name)
    .sort(byName)
    .map((n) => join(dir, n));
}

/**
 * Reads `dir` (the lessons folder): its `*.md` lessons (the authors' guide, README.md, is not
 * one), `challenges/*.yaml`, `designs/*.yaml` (optional) and `index.json`. Paths in error
 * messages are relative to `root`.
 */
export function readLessonFiles(dir: string, root: string): LessonFiles {
  const read = (file: string) => ({ path: relative(root, file).split(sep).join('/'), text: readFileSync(file, 'utf8') });
  const lessons = list(dir, '.md').filter((f) => !f.endsWith(`${sep}README.md`));
  const challenges = list(join(dir, 'challenges'), '.yaml');
  const designs = list(join(dir, 'designs'), '.yaml', true);
  const index = join(dir, 'index.json');
  return {
    files: [...lessons, ...challenges, ...designs, index],
    sources: { lessons: lessons.map(read), challenges: challenges.map(read), index: read(index), designs: designs.map(read) },
  };
}

/** The plugin. `dir`: the lessons folder, relative to Vite's root (default `lessons`). */
export function lessonsPlugin(options: { dir?: string } = {}): Plugin {
  let root = process.cwd();
  let dir = resolve(root, options.dir ?? 'lessons');
  return {
    name: 'eventually:lessons',
    configResolved(config) {
      root = config.root;
      dir = resolve(root, options.dir ?? 'lessons');
    },
    resolveId(id) {
      return id === LESSONS_MODULE ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { files, sources } = readLessonFiles(dir, root);
      // Watched before compiling, so fixing a broken file reloads too.
      for (const f of files) this.addWatchFile(f);
      const { module: compiler, dependencies } = await runnerImport<typeof import('./compile')>(COMPILER, { root, logLevel: 'error' });
      for (const f of dependencies) if (f) this.addWatchFile(f);
      try {
        return compiler.catalogModule(sources);
      } catch (e) {
        // Fails the build, or shows in the dev server's overlay, with the author-facing message alone.
        if (e instanceof Error && e.name === 'LessonError') this.error(e.message);
        throw e;
      }
    },
    configureServer(server) {
      // addWatchFile covers edits; a new or deleted file changes the file list, so rebuild the catalog.
      const changed = (file: string) => {
        if (!file.startsWith(dir + sep) || !/\.(md|yaml|json)$/.test(file)) return;
        for (const env of Object.values(server.environments)) {
          const mod = env.moduleGraph.getModuleById(RESOLVED);
          if (mod) void env.reloadModule(mod);
        }
      };
      server.watcher.on('add', changed);
      server.watcher.on('unlink', changed);
    },
  };
}
