/**
 * Shows lesson text. The Markdown was rendered to HTML when the app was built (src/lessons/compile.ts),
 * by markdown-it with raw HTML disabled and script links refused, so inserting it is safe; the
 * `Html` type only comes from that build step, never from a string typed in the page.
 */
import type { Html } from '../../lessons/types';

/** A block (or, with `inline`, a line) of rendered lesson Markdown. */
export function Markdown({ html, inline = false, className }: { html: Html; inline?: boolean; className?: string }) {
  if (inline) {
    // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered at build time by markdown-it with html:false and script URLs refused.
    return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered at build time by markdown-it with html:false and script URLs refused.
  return <div className={className ?? 'lesson-md'} dangerouslySetInnerHTML={{ __html: html }} />;
}
