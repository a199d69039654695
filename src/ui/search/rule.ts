/** What the Search tab counts as a failing run. */
import type { FailureRule } from '../../search';
import { VISIBLE_NOT_HEALED } from '../../sim/catalog';

/** An order parked for manual review is visible, not healed: the search does not call it a failure. */
export const RULE: FailureRule = { visible: [...VISIBLE_NOT_HEALED] };
