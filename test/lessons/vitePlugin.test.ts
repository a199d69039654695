/**
 * The lesson catalog is compiled at build time (src/lessons/vitePlugin.ts): the app gets the same
 * lessons the parser reads from the files, with their Markdown rendered, and a broken lesson
 * fails the build with the parser's message naming the lesson and the field.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { CHALLENGES, LESSONS } from '../../src/lessons/catalog';
import { compileCatalog, renderChallenge, renderLesson } from '../../src/lessons/compile';
import { parseChallenge } from '../../src/lessons/parseChallenge';
import { parseLesson } from '../../src/lessons/parseLesson';
import { lessonsPlugin, readLessonFiles } from '../../src/lessons/vitePlugin';

const ROOT = resolve(__dirname, '../..');
const fixture = (name: string) => join(__dirname, 'fixtures', name);

describe('the compiled catalog', () => {
  const { sources } = readLessonFiles(join(ROOT, 'lessons'), ROOT);

  it('is what the app imports (virtual:lessons)', () => {
    const compiled = compileCatalog(sources);
    expect(LESSONS).toStrictEqual(compiled.lessons);
    expect(CHALLENGES).toStrictEqual(compiled.challenges);
  });

  it('holds every lesson and challenge file, parsed and rendered', () => {
    for (const f of sources.lessons) {
      const l = parseLesson(f.text, f.path);
      expect(LESSONS.find((x) => x.id === l.id), f.path).toStrictEqual(renderLesson(l));
    }
    for (const f of sources.challenges) {
      const c = parseChallenge(f.text, f.path);
      expect(CHALLENGES.find((x) => x.id === c.id), f.path).toStrictEqual(renderChallenge(c));
    }
    expect(LESSONS.length).toBe(sources.lessons.length);
    expect(CHALLENGES.length).toBe(sources.challenges.length);
  });

  it('ships HTML, not Markdown', () => {
    const happy = LESSONS.find((l) => l.id === 'happy-path')!;
    expect(happy.steps[0].markdown).toMatch(/^<p>/);
    expect(happy.interview.answer).toMatch(/^<p>/);
    // Hints and key points are single lines: rendered inline, with no paragraph around them.
    for (const l of LESSONS) for (const h of [...l.hints, ...l.interview.points]) expect(h, l.id).not.toMatch(/^<p>/);
    expect(CHALLENGES[0].story).toMatch(/^<p>/);
  });
});

describe('a broken lesson fails the build', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  /** A tiny app importing the catalog, with `lessons/` holding `files` (name → fixture path or text). */
  function app(lessons: Record<string, string>, index: unknown): string {
    dir = mkdtempSync(join(tmpdir(), 'eventually-lessons-'));
    mkdirSync(join(dir, 'lessons', 'challenges'), { recursive: true });
    for (const [name, text] of Object.entries(lessons)) writeFileSync(join(dir, 'lessons', name), text);
    copyFileSync(join(ROOT, 'lessons', 'challenges', 'double-trouble.yaml'), join(dir, 'lessons', 'challenges', 'double-trouble.yaml'));
    writeFileSync(join(dir, 'lessons', 'index.json'), JSON.stringify(index));
    writeFileSync(join(dir, 'main.js'), "import { LESSONS } from 'virtual:lessons';\nconsole.log(LESSONS.length);\n");
    return dir;
  }

  const buildApp = (root: string) =>
    build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [lessonsPlugin()],
      build: { write: false, rollupOptions: { input: join(root, 'main.js') } },
    });

  it('builds a valid lesson', async () => {
    const root = app({ 'happy-path.md': readFileSync(join(ROOT, 'lessons', 'happy-path.md'), 'utf8') }, { lessons: ['happy-path'] });
    await expect(buildApp(root)).resolves.toBeDefined();
  });

  it('names the lesson and the field', async () => {
    const root = app({ 'broken-scenario.md': readFileSync(fixture('broken-scenario.md'), 'utf8') }, { lessons: ['broken-scenario'] });
    await expect(buildApp(root)).rejects.toThrow(
      /lesson "broken-scenario" \(lessons\/broken-scenario\.md\): field "scenario\.faults\.duplicate" must be between 0 and 1, got 1\.5/,
    );
  });

  it('checks the index too', async () => {
    const root = app({ 'happy-path.md': readFileSync(join(ROOT, 'lessons', 'happy-path.md'), 'utf8') }, { lessons: [] });
    await expect(buildApp(root)).rejects.toThrow(/lessons\/index\.json: field "lessons" does not list "happy-path"/);
  });
});
