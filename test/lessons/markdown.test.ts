/** Lesson Markdown must never turn into live HTML or script links. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHALLENGES, LESSONS } from '../../src/lessons/catalog';
import { renderChallenge, renderLesson } from '../../src/lessons/compile';
import { renderInline, renderMarkdown } from '../../src/lessons/markdown';
import { parseChallenge } from '../../src/lessons/parseChallenge';
import { parseLesson } from '../../src/lessons/parseLesson';
import type { Html, RenderedChallenge, RenderedLesson } from '../../src/lessons/types';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('Some **bold** text')).toBe('<p>Some <strong>bold</strong> text</p>\n');
  });

  it('escapes raw HTML', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses javascript: links and opens others in a new tab', () => {
    expect(renderInline('[x](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderInline('[x](https://example.org)')).toContain('target="_blank"');
  });

  it('refuses data: and vbscript: links, however they are spelled', () => {
    for (const link of ['data:text/html,<b>x</b>', 'vbscript:msgbox', 'JAVASCRIPT:alert(1)', 'java&#115;cript:alert(1)', '&#106;avascript:alert(1)']) {
      expect(renderInline(`[x](${link})`), link).not.toContain('<a');
    }
  });
});

/** Markup a lesson author must not be able to smuggle into the page. */
const EVIL = '<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](data:text/html,hi) ![c](javascript:alert(1))';

function expectSafe(html: string, where: string): void {
  expect(html, where).not.toMatch(/<(script|img|iframe|style|object)/i);
  // An event handler inside a real tag (escaped text like "&lt;img onerror=…" is harmless).
  expect(html, where).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
  expect(html, where).not.toMatch(/(href|src)="(javascript|vbscript|data):/i);
}

/** Every field the player inserts as HTML. */
function htmlFields(l: RenderedLesson): [string, Html][] {
  return [
    ...l.steps.map((s, i): [string, Html] => [`steps[${i}]`, s.markdown]),
    ...l.hints.map((h, i): [string, Html] => [`hints[${i}]`, h]),
    ['interview.answer', l.interview.answer],
    ...l.interview.points.map((p, i): [string, Html] => [`interview.points[${i}]`, p]),
    ...(l.question ? [['question.explain', l.question.explain] as [string, Html]] : []),
  ];
}
const challengeFields = (c: RenderedChallenge): [string, Html][] => [
  ['story', c.story],
  ['explanation', c.explanation],
];

describe('the build renders every Markdown field safely', () => {
  const root = join(__dirname, '../..');

  it('escapes raw HTML and refuses script links in every field of a lesson', () => {
    const l = parseLesson(readFileSync(join(root, 'lessons/on-call-lost-order.md'), 'utf8'), 'lessons/on-call-lost-order.md');
    expect(l.question).not.toBeNull();
    const evil = renderLesson({
      ...l,
      steps: l.steps.map((s) => ({ ...s, markdown: `${s.markdown}\n\n${EVIL}` })),
      hints: l.hints.map((h) => `${h} ${EVIL}`),
      interview: { ...l.interview, answer: EVIL, points: l.interview.points.map((p) => `${p} ${EVIL}`) },
      question: l.question && { ...l.question, explain: EVIL },
    });
    const fields = htmlFields(evil);
    expect(fields.length).toBe(l.steps.length + l.hints.length + 1 + l.interview.points.length + 1);
    for (const [where, html] of fields) {
      expectSafe(html, where);
      expect(html, where).toContain('&lt;script&gt;');
    }
  });

  it('does the same for a challenge', () => {
    const c = parseChallenge(readFileSync(join(root, 'lessons/challenges/double-trouble.yaml'), 'utf8'), 'double-trouble.yaml');
    for (const [where, html] of challengeFields(renderChallenge({ ...c, story: EVIL, explanation: EVIL }))) {
      expectSafe(html, where);
      expect(html, where).toContain('&lt;script&gt;');
    }
  });

  it('ships no live markup in the real lessons and challenges', () => {
    for (const l of LESSONS) for (const [where, html] of htmlFields(l)) expectSafe(html, `${l.id} ${where}`);
    for (const c of CHALLENGES) for (const [where, html] of challengeFields(c)) expectSafe(html, `${c.id} ${where}`);
  });
});
