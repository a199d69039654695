/** `?present` turns presenter mode on, its negations do not, and a shared link never carries it. */
import { describe, expect, it } from 'vitest';
import { shareBase } from '../../src/share/embed';
import { isPresentQuery } from '../../src/ui/presenter/presenterStore';

describe('?present', () => {
  it('a bare flag or a yes-ish value switches presenter mode on', () => {
    for (const q of ['?present', '?present=', '?present=1', '?present=true', '?a=b&present']) expect(isPresentQuery(q)).toBe(true);
  });

  it('no flag or a no-ish value leaves it off', () => {
    for (const q of ['', '?', '?presenter', '?present=0', '?present=false', '?present=OFF', '?present=no']) expect(isPresentQuery(q)).toBe(false);
  });

  it('belongs to one visit: a link copied while presenting opens normally', () => {
    expect(shareBase('http://h/?present#v=1&s=x')).toBe('http://h/');
    expect(shareBase('http://h/?ref=talk&present=1#v=1')).toBe('http://h/?ref=talk');
  });
});
