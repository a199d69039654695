/**
 * Side B of a comparison in a link (version 4): `b=<checksum>.<packed>`, where `packed` is B's
 * faults and remedies that differ from the v1 defaults, as lz-string-compressed JSON (the same
 * way `s` holds the scenario), and `bm=<message id>` the message selected on side B. Everything
 * else about B — seed, workload, stock, what-ifs — is A's, so the link does not repeat it.
 */
import { parseScenario, ScenarioError } from '../sim/scenario';
import type { Faults, Remedies, Scenario } from '../sim/types';
import { linkChecksum } from './checksum';
import { diffFromV1Defaults, fillV1Defaults } from './linkDefaults';
import { MAX_SCENARIO_TEXT_CHARS, PACKED } from './linkFormat';
import { packForUrl, unpackFromUrl } from './lz';

/** What a link says about side B of a comparison. */
export interface CompareLinkState {
  faults: Faults;
  remedies: Remedies;
  /** The message selected on side B, or null. */
  selectedMessage: string | null;
}

/** A side B that cannot be used: the field concerned and what is wrong. */
export class CompareLinkError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'CompareLinkError';
  }
}

/** The `b` value for side B's controls (against A's scenario for everything else). */
export function encodeSideB(a: Scenario, b: Pick<CompareLinkState, 'faults' | 'remedies'>): string {
  const diff = diffFromV1Defaults({ ...a, faults: b.faults, remedies: b.remedies, changes: [] });
  const json = JSON.stringify({ faults: diff.faults ?? {}, remedies: diff.remedies ?? {} });
  return `${linkChecksum(json)}.${packForUrl(json)}`;
}

/** Reads a `b` value; throws `CompareLinkError` naming what is wrong. */
export function decodeSideB(value: string): Pick<CompareLinkState, 'faults' | 'remedies'> {
  const dot = value.indexOf('.');
  const check = dot >= 0 ? value.slice(0, dot) : '';
  const packed = (dot >= 0 ? value.slice(dot + 1) : value).replace(/ /g, '+');
  if (dot < 0 || packed === '' || !PACKED.test(packed)) throw new CompareLinkError('side B', 'is damaged: it is not a checksum and settings as Eventually writes them');
  let text: string | null;
  try {
    text = unpackFromUrl(packed);
  } catch {
    text = null;
  }
  if (!text) throw new CompareLinkError('side B', 'is damaged: its settings cannot be unpacked (was the link cut off?)');
  if (text.length > MAX_SCENARIO_TEXT_CHARS) throw new CompareLinkError('side B', 'holds far more than Eventually ever writes');
  if (check !== linkChecksum(text)) throw new CompareLinkError('side B', 'was changed or cut off after it was made (its checksum does not match)');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CompareLinkError('side B', 'is damaged: its settings are not readable');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CompareLinkError('side B', 'must hold faults and remedies');
  const extra = Object.keys(raw).filter((k) => k !== 'faults' && k !== 'remedies');
  if (extra.length > 0) throw new CompareLinkError(`side B ${extra[0]}`, 'is not something side B can change (only faults and remedies)');
  const { faults, remedies } = raw as { faults?: unknown; remedies?: unknown };
  try {
    // The same validator and v1 defaults as the scenario itself, so B's fields read like A's.
    const s = parseScenario(fillV1Defaults({ faults, remedies }));
    return { faults: s.faults, remedies: s.remedies };
  } catch (e) {
    if (e instanceof ScenarioError) throw new CompareLinkError(`side B ${e.field}`, e.problem);
    throw new CompareLinkError('side B', 'could not be read');
  }
}
