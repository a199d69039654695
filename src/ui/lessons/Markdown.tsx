/**
 * Renders lesson Markdown. The HTML comes from markdown-it with raw HTML disabled
 * (see src/lessons/markdown.ts), so inserting it is safe.
 */
import { useMemo } from 'react';
import { renderInline, renderMarkdown } from '../../lessons/markdown';

/** A block of lesson Markdown. */
export function Markdown({ text, inline = false, className }: { text: string; inline?: boolean; className?: string }) {
  const html = useMemo(() => (inline ? renderInline(text) : renderMarkdown(text)), [text, inline]);
  if (inline) {
    // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it runs with html:false and refuses script URLs.
    return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it runs with html:false and refuses script URLs.
  return <div className={className ?? 'lesson-md'} dangerouslySetInnerHTML={{ __html: html }} />;
}
