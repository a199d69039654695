/**
 * Embeds: `?embed` (or `?embed=1`) asks for the compact layout used in iframes, and the
 * share panel writes the `<iframe>` snippet. Pure string work, so it is unit-tested in Node.
 */
import { parseParams } from './hashParams';

/** True for `?embed`, `?embed=`, `?embed=1`, `?embed=true`; false for `?embed=0`/`false` or none. */
export function isEmbedQuery(search: string): boolean {
  const q = search.startsWith('?') ? search.slice(1) : search;
  const p = parseParams(q).find((x) => x.key === 'embed');
  if (!p) return false;
  return p.value === null || !['0', 'false', 'no', 'off'].includes(p.value.toLowerCase());
}

/** Query parameters that belong to one visit, not to a shared run (a presenter's link opens normally). */
const VISIT_ONLY = new Set(['lesson', 'challenge', 'embed', 'allow', 'present']);

/**
 * The address a shared link starts from: the page without its hash, and without the query
 * parameters of this visit (an open lesson or challenge would replace the shared run when
 * the link is opened; embed settings belong to the embed snippet). Other parameters stay.
 */
export function shareBase(href: string): string {
  const noHash = href.split('#')[0];
  const q = noHash.indexOf('?');
  if (q < 0) return noHash;
  const kept = noHash
    .slice(q + 1)
    .split('&')
    .filter((piece) => piece !== '' && !VISIT_ONLY.has(decodeKey(piece)));
  return kept.length > 0 ? `${noHash.slice(0, q)}?${kept.join('&')}` : noHash.slice(0, q);
}

function decodeKey(piece: string): string {
  const eq = piece.indexOf('=');
  const k = eq < 0 ? piece : piece.slice(0, eq);
  try {
    return decodeURIComponent(k);
  } catch {
    return k;
  }
}

/** The embed address for a shared link: `?embed=1` added to its base, the hash kept. */
export function embedUrl(link: string): string {
  const at = link.indexOf('#');
  const base = at >= 0 ? link.slice(0, at) : link;
  const hash = at >= 0 ? link.slice(at) : '';
  return `${base}${base.includes('?') ? '&' : '?'}embed=1${hash}`;
}

/** Escapes text for an HTML attribute value in double quotes. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The `<iframe>` snippet for a blog post or slide. */
export function embedSnippet(link: string, opts: { width?: number; height?: number; title?: string } = {}): string {
  const w = opts.width ?? 960;
  const h = opts.height ?? 540;
  const title = opts.title ?? 'Eventually: an event-driven order playground';
  return `<iframe src="${attr(embedUrl(link))}" width="${w}" height="${h}" style="border:0;max-width:100%" title="${attr(title)}" loading="lazy"></iframe>`;
}
