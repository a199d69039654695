/** Lesson Markdown must never turn into live HTML or script links. */
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../src/lessons/markdown';

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
});
