/** Embed flags, share bases and the iframe snippet. */
import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl, isEmbedQuery, shareBase } from '../../src/share/embed';
import { importScenarioFile } from '../../src/share/scenarioFile';

describe('embed query', () => {
  it('reads ?embed and ?embed=1 as on, ?embed=0 and nothing as off', () => {
    for (const q of ['?embed', 'embed', '?embed=', '?embed=1', '?x=2&embed=true', '?embed=yes']) expect(isEmbedQuery(q), q).toBe(true);
    for (const q of ['', '?', '?embed=0', '?embed=false', '?embedded=1', '?x=embed']) expect(isEmbedQuery(q), q).toBe(false);
  });
});

describe('share base', () => {
  it('drops the hash and this visit\'s parameters, keeps the rest', () => {
    expect(shareBase('http://h/play/#v=1&s=x')).toBe('http://h/play/');
    expect(shareBase('http://h/?lesson=exactly-once#v=1')).toBe('http://h/');
    expect(shareBase('http://h/?ref=blog&lesson=a&challenge=3&embed&allow=faults.drop#x')).toBe('http://h/?ref=blog');
    expect(shareBase('file:///tmp/dist/index.html?embed=1')).toBe('file:///tmp/dist/index.html');
  });
});

describe('embed snippet', () => {
  it('adds embed=1 before the hash and escapes attributes', () => {
    expect(embedUrl('http://h/#v=1&s=abc')).toBe('http://h/?embed=1#v=1&s=abc');
    expect(embedUrl('http://h/?ref=x#v=1')).toBe('http://h/?ref=x&embed=1#v=1');
    const html = embedSnippet('http://h/#v=1&s=a"b', { title: 'A <b> "title"' });
    expect(html).toBe(
      '<iframe src="http://h/?embed=1#v=1&amp;s=a&quot;b" width="960" height="540" style="border:0;max-width:100%" title="A &lt;b&gt; &quot;title&quot;" loading="lazy"></iframe>',
    );
  });
});

describe('importScenarioFile', () => {
  it('gives a sentence naming the field, like a link', () => {
    expect(importScenarioFile('{"seed":"abc"}')).toEqual({
      ok: false,
      field: 'seed',
      message: 'This file\'s seed must be a number between 0 and 4294967295, got the text "abc" — nothing was loaded.',
    });
    const notJson = importScenarioFile('{oops');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.message).toMatch(/^This file is not valid JSON \(.*\) — nothing was loaded\.$/);
    expect(importScenarioFile('{"seed": 3}')).toMatchObject({ ok: true, scenario: { seed: 3 } });
  });
});
