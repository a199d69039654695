/**
 * Markdown rendering for lesson text. markdown-it with `html: false` escapes any raw HTML
 * in the source, and its default link check refuses javascript:, vbscript: and data: URLs,
 * so the output is safe to insert as HTML. Runs at build time (compile.ts), never in the page.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: true, breaks: false });

// Links leave the playground in a new tab, so a learner never loses a running simulation.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Renders lesson Markdown to safe HTML. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Renders one line of Markdown (no surrounding paragraph), for hints and list items. */
export function renderInline(text: string): string {
  return md.renderInline(text);
}
