/**
 * Turns a validation problem into one sentence for the page: what was wrong with which field,
 * and what the page does instead. Links and imported files share it, so both read alike.
 */

/** e.g. ("This link", "seed", "must be a number …", "showing the default scenario instead"). */
export function problemSentence(subject: 'This link' | 'This file', field: string, problem: string, instead: string): string {
  const whole = field === 'link' || field === 'file';
  const lead = whole ? subject : `${subject}'s ${field}`;
  const joiner = whole || /^(must|is|has|holds|was|names) /.test(problem) ? ' ' : ': ';
  return `${lead}${joiner}${problem} — ${instead}.`;
}
