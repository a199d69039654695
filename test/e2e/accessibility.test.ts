/**
 * Keyboard and motion accessibility in real Chromium against the production build: every
 * control of the top bar and the control panel is reached with Tab and shows a focus ring;
 * every fault and remedy is named after its catalog label and explains itself on focus; with
 * `prefers-reduced-motion: reduce` nothing moves while playing (static counts instead of dots).
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { FAULTS, REMEDIES } from '../../src/sim/catalog';
import { launchChromium, openPlayground, pageErrors } from '../e2e-setup/browser';
import { playhead } from './helpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** What the test needs to know about the element that has the focus. */
interface Focused {
  /** data-testid, else id, else tag and text: how the element is reported in failures. */
  key: string;
  tag: string;
  region: 'header' | 'controls' | 'main' | 'side' | 'other';
  /** A visible focus indicator: an outline or a box shadow, on the element or its wrapping row. */
  ring: string | null;
  /** The element is on screen (not clipped to nothing, not hidden). */
  visible: boolean;
  describedBy: string | null;
  /** Text of the elements aria-describedby names, and whether they are displayed. */
  helpText: string;
  helpShown: boolean;
}

function readFocus(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const region = el.closest('header.topbar')
      ? 'header'
      : el.closest('[data-testid="controls-panel"]')
        ? 'controls'
        : el.closest('#main')
          ? 'main'
          : el.closest('#side-panel')
            ? 'side'
            : 'other';
    const ringOf = (e: Element): string | null => {
      const cs = getComputedStyle(e);
      if (cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) >= 1) return `outline ${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}`;
      if (cs.boxShadow && cs.boxShadow !== 'none') return `box-shadow ${cs.boxShadow}`;
      return null;
    };
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const visible = r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && r.bottom > 0 && r.top < window.innerHeight;
    const describedBy = el.getAttribute('aria-describedby');
    const helps = (describedBy ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter((h): h is HTMLElement => h !== null);
    return {
      key: el.dataset.testid ?? (el.id || `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`),
      tag: el.tagName.toLowerCase(),
      region,
      ring: ringOf(el),
      visible,
      describedBy,
      helpText: helps.map((h) => h.textContent ?? '').join(' '),
      helpShown: helps.length > 0 && helps.every((h) => getComputedStyle(h).display !== 'none' && h.getBoundingClientRect().height > 0),
    };
  });
}

/** The accessible name and description Chromium computes for the focused element. */
async function axOfFocus(cdp: CDPSession): Promise<{ name: string; description: string; role: string }> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  const node = nodes.find((n) => !n.ignored) ?? nodes[0];
  return { name: String(node?.name?.value ?? ''), description: String(node?.description?.value ?? ''), role: String(node?.role?.value ?? '') };
}

describe('accessibility', () => {
  test('Tab reaches every control of the top bar and the control panel, each with a visible focus ring', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Accessibility.enable');
    const seen: Focused[] = [];
    const ax = new Map<string, { name: string; description: string; role: string }>();
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const f = await readFocus(page);
      if (!f) continue;
      if (f.region === 'main' || f.region === 'side') break;
      seen.push(f);
      if (f.key.startsWith('control-')) ax.set(f.key, await axOfFocus(cdp));
    }
    const keys = seen.map((f) => f.key);
    // The top bar, in order: transport, speed, timeline, then the actions.
    for (const k of ['play', 'step', 'run-to-end', 'speed', 'scrubber', 'copy-link', 'about-button', 'theme', 'help-button']) expect(keys, k).toContain(k);
    expect(keys.indexOf('play')).toBeLessThan(keys.indexOf('scrubber'));
    expect(keys.indexOf('scrubber')).toBeLessThan(keys.indexOf('workload-orders'));
    // The control panel: the starting setup, every fault and every remedy.
    for (const k of ['workload-orders', 'workload-interval', 'workload-stock', 'workload-seed', 'new-seed']) expect(keys, k).toContain(k);
    for (const f of Object.keys(FAULTS)) expect(keys, f).toContain(`control-faults.${f}`);
    for (const r of Object.keys(REMEDIES)) expect(keys, r).toContain(`control-remedies.${r}`);
    // Every stop shows where the focus is.
    const unringed = seen.filter((f) => !f.ring || !f.visible).map((f) => `${f.key} (${f.region}, ring ${f.ring}, visible ${f.visible})`);
    expect(unringed).toEqual([]);

    // Every fault and remedy is named after its catalog label and explains itself on focus.
    const controls = [
      ...Object.entries(FAULTS).map(([k, c]) => ({ key: `control-faults.${k}`, label: c.label, help: c.help })),
      ...Object.entries(REMEDIES).map(([k, c]) => ({ key: `control-remedies.${k}`, label: c.label, help: c.help })),
    ];
    for (const c of controls) {
      const f = seen.find((x) => x.key === c.key)!;
      const a = ax.get(c.key)!;
      expect(a.name, c.key).toContain(c.label);
      expect(a.description, c.key).toContain(c.help);
      expect(f.helpText.trim(), c.key).toBe(c.help);
      expect(f.helpShown, `${c.key}: its help line is shown while it has the focus`).toBe(true);
    }
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test('the skip link, the dock tabs and the side tabs are reachable and ringed too', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    await page.keyboard.press('Tab');
    const skip = await readFocus(page);
    expect(skip?.tag).toBe('a');
    expect(skip?.visible).toBe(true);
    expect(skip?.ring).not.toBeNull();
    await page.keyboard.press('Enter');
    // From the topology onwards: service boxes, the dock's tabs, the side panel's tabs.
    const seen: Focused[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await readFocus(page);
      if (f) seen.push(f);
      if (f?.region === 'side') break;
    }
    const keys = seen.map((f) => f.key);
    for (const k of ['node-order', 'node-broker', 'dock-tab-orders', 'side-tab-run']) expect(keys, k).toContain(k);
    expect(seen.filter((f) => !f.ring || !f.visible).map((f) => f.key)).toEqual([]);
    // Enter on a focused service box inspects it.
    await page.getByTestId('node-payment').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('inspector').textContent()).toContain('Payment service');
    // Tab lists take one Tab stop; the arrow keys move between their tabs (and not through time).
    expect(keys).not.toContain('side-tab-share');
    const before = await playhead(page);
    await page.getByTestId('side-tab-run').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readFocus(page).then((f) => f?.key)).toBe('side-tab-lessons');
    expect(await page.getByTestId('side-tab-lessons').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await expect.poll(() => readFocus(page).then((f) => f?.key)).toBe('side-tab-share');
    await page.getByTestId('share-panel').waitFor();
    const share = await readFocus(page);
    expect(share?.ring).not.toBeNull();
    expect(await playhead(page)).toBe(before);
    await page.context().close();
  });

  test('prefers-reduced-motion: no moving dots while playing, static counts instead', async () => {
    const page = await openPlayground(browser, inject('baseUrl'));
    const overlay = page.getByTestId('message-overlay');
    const caption = page.getByTestId('topology-caption');
    expect(await caption.textContent()).toContain('Each dot is a message');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => caption.textContent()).toContain('Reduced motion');
    await page.getByLabel('Speed').selectOption('2');
    await page.getByTestId('play').click();
    const samples: { drawn: number; markers: number; t: number }[] = [];
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(150);
      samples.push({ drawn: Number(await overlay.getAttribute('data-drawn')), markers: Number(await overlay.getAttribute('data-static')), t: await playhead(page) });
    }
    await page.getByTestId('play').click();
    // The run moved on, messages were in flight, and not one dot was drawn: counts stood in.
    expect(samples.at(-1)!.t).toBeGreaterThan(samples[0].t);
    expect(samples.every((s) => s.drawn === 0)).toBe(true);
    expect(samples.some((s) => s.markers > 0)).toBe(true);
    // CSS transitions are off too.
    expect(await page.getByTestId('control-remedies.outbox').evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');

    // Motion allowed again: dots come back while playing.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.getByTestId('play').click();
    await expect.poll(async () => Number(await overlay.getAttribute('data-drawn')), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId('play').click();
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
