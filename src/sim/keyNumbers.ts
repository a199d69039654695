/**
 * A number per string key (the last version handled, the last sequence number given out), looked
 * up on every delivery. Numbered ids (see idNumber.ts) sit in an array by their number, other keys
 * in a Map; the letter that takes the array is fixed by the first numbered key, so a key is always
 * found where it was put. Plain data: a checkpoint copies it like any other table (a hole in the
 * array reads as absent, as does an `undefined` a copy may put there). A copy costs the array's
 * length, so numbers from `MAX_INDEXED` up go by the Map: the engine's counters never get there in a
 * run, and a stray large id cannot make every checkpoint copy a huge array.
 */
import { idLetter, idNumber } from './idNumber';

/** Ids numbered this high or higher go by the Map. */
const MAX_INDEXED = 1 << 20;

/** The index of `key` in the array, or -1 if it goes by the Map. */
function indexOf(key: string, letter: number): number {
  const n = idNumber(key, letter);
  return n < MAX_INDEXED ? n : -1;
}

/** Numbers by key; never deletes. */
export class KeyNumbers {
  private letter = -1;
  private readonly byNumber: (number | undefined)[] = [];
  private readonly other = new Map<string, number>();

  /** The number stored for `key`, if any. */
  get(key: string): number | undefined {
    const n = indexOf(key, this.letter);
    return n >= 0 ? this.byNumber[n] : this.other.get(key);
  }

  /** Stores `value` for `key`. */
  set(key: string, value: number): void {
    if (this.letter < 0) this.letter = idLetter(key);
    const n = indexOf(key, this.letter);
    if (n >= 0) this.byNumber[n] = value;
    else this.other.set(key, value);
  }
}
