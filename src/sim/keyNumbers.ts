/**
 * A number per string key (the last version handled, the last sequence number given out), looked
 * up on every delivery. Numbered ids (see idNumber.ts) sit in an array by their number, other keys
 * in a Map; the letter that takes the array is fixed by the first numbered key, so a key is always
 * found where it was put. Plain data: a checkpoint copies it like any other table (a hole in the
 * array reads as absent, as does an `undefined` a copy may put there).
 */
import { idLetter, idNumber } from './idNumber';

/** Numbers by key; never deletes. */
export class KeyNumbers {
  private letter = -1;
  private readonly byNumber: (number | undefined)[] = [];
  private readonly other = new Map<string, number>();

  /** The number stored for `key`, if any. */
  get(key: string): number | undefined {
    const n = idNumber(key, this.letter);
    return n >= 0 ? this.byNumber[n] : this.other.get(key);
  }

  /** Stores `value` for `key`. */
  set(key: string, value: number): void {
    if (this.letter < 0) this.letter = idLetter(key);
    const n = idNumber(key, this.letter);
    if (n >= 0) this.byNumber[n] = value;
    else this.other.set(key, value);
  }
}
