/**
 * Splits a Markdown file into its YAML front matter and its body.
 * We read YAML with the `yaml` package in its safe default mode (no custom tags, no code).
 */
import { parse, YAMLParseError } from 'yaml';
import { LessonError } from './lessonError';

/** The parsed front matter (still untrusted) and the Markdown after it. */
export interface FrontMatterFile {
  data: unknown;
  body: string;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Reads `---\n yaml \n---\n markdown`. Throws `LessonError` naming `source` when it cannot. */
export function splitFrontMatter(text: string, source: string): FrontMatterFile {
  const clean = text.replace(/^\uFEFF/, '');
  const m = FENCE.exec(clean);
  if (!m) throw new LessonError(source, 'front matter', 'is missing: the file must start with a line "---", the YAML, then another "---"');
  return { data: parseYaml(m[1], source, 'front matter'), body: clean.slice(m[0].length) };
}

/** Parses YAML text, turning syntax errors into a `LessonError` for `field`. */
export function parseYaml(text: string, source: string, field: string): unknown {
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    const why = e instanceof YAMLParseError ? e.message.split('\n')[0] : String(e);
    throw new LessonError(source, field, `is not valid YAML (${why})`);
  }
}
