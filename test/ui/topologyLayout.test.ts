/**
 * The two arrangements of the topology: the same nodes, none overlapping, the narrow one fitting
 * a phone's column at zoom 1, and every message route starting and ending on the boxes it joins.
 */
import { describe, expect, test } from 'vitest';
import { SERVICES } from '../../src/sim/api';
import type { ServiceId } from '../../src/sim/types';
import { type Box, brokerHandle, type Layout, messagePath, NARROW, pointOnPath, type Pt, WIDE } from '../../src/ui/topology/layout';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function onEdge(p: Pt, b: Box): boolean {
  const inX = p.x >= b.x - 1e-9 && p.x <= b.x + b.w + 1e-9;
  const inY = p.y >= b.y - 1e-9 && p.y <= b.y + b.h + 1e-9;
  const onV = (Math.abs(p.x - b.x) < 1e-9 || Math.abs(p.x - b.x - b.w) < 1e-9) && inY;
  const onH = (Math.abs(p.y - b.y) < 1e-9 || Math.abs(p.y - b.y - b.h) < 1e-9) && inX;
  return onV || onH;
}

describe.each([WIDE, NARROW])('$kind layout', (layout: Layout) => {
  test('has a box for every node and no two boxes overlap', () => {
    const ids = Object.keys(layout.boxes);
    expect(ids.sort()).toEqual([...SERVICES, 'broker', 'dlq', 'provider'].sort());
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i], ids[j]] as (keyof Layout['boxes'])[];
        expect(overlaps(layout.boxes[a], layout.boxes[b]), `${a} and ${b}`).toBe(false);
      }
  });

  test('every route leaves its sender and reaches its recipient on their edges, through the broker', () => {
    const senders: (ServiceId | 'dlq')[] = [...SERVICES, 'dlq'];
    for (const from of senders)
      for (const to of SERVICES) {
        const path = messagePath(layout, from, to);
        expect(onEdge(path[0], layout.boxes[from])).toBe(true);
        expect(onEdge(path[1], layout.boxes.broker)).toBe(true);
        expect(onEdge(path[2], layout.boxes.broker)).toBe(true);
        expect(onEdge(path[3], layout.boxes[to])).toBe(true);
        const [start, end] = [pointOnPath(layout, path, 0).pt, pointOnPath(layout, path, 1).pt];
        expect(start.x).toBeCloseTo(path[0].x, 9);
        expect(start.y).toBeCloseTo(path[0].y, 9);
        expect(end.x).toBeCloseTo(path[3].x, 9);
        expect(end.y).toBeCloseTo(path[3].y, 9);
      }
  });

  test("the broker's handle for each service sits on the broker, where that service's route meets it", () => {
    const b = layout.boxes.broker;
    for (const s of SERVICES) {
      const h = brokerHandle(layout, s);
      const length = h.side === 'top' || h.side === 'bottom' ? b.w : b.h;
      expect(h.offset).toBeGreaterThan(0);
      expect(h.offset).toBeLessThan(length);
    }
  });
});

test('the narrow layout fits a 390 px phone at zoom 1 (labels keep their CSS size), the wide one does not', () => {
  const width = (l: Layout) => Math.max(...Object.values(l.boxes).map((b) => b.x + b.w)) - Math.min(...Object.values(l.boxes).map((b) => b.x));
  expect(width(NARROW)).toBeLessThanOrEqual(350);
  expect(width(WIDE)).toBeGreaterThan(390 * 2);
});
