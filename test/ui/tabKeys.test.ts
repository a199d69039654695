/** The tab strips' keys: arrows move one tab and wrap round, Home and End jump, other keys do nothing. */
import { expect, test } from 'vitest';
import { tabKeyTarget } from '../../src/ui/a11y/tabKeys';

test('arrows wrap, Home and End jump, other keys are left alone', () => {
  expect(tabKeyTarget('ArrowRight', 0, 3)).toBe(1);
  expect(tabKeyTarget('ArrowRight', 2, 3)).toBe(0);
  expect(tabKeyTarget('ArrowLeft', 0, 3)).toBe(2);
  expect(tabKeyTarget('Home', 2, 3)).toBe(0);
  expect(tabKeyTarget('End', 0, 3)).toBe(2);
  expect(tabKeyTarget('ArrowDown', 1, 3)).toBeNull();
  expect(tabKeyTarget(' ', 1, 3)).toBeNull();
});
