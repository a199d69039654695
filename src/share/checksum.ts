/**
 * A short checksum of a link's scenario text. lz-string has no integrity check of its own: a
 * changed or cut-off character can still decompress to valid-looking JSON for a different
 * scenario. The checksum tells "damaged link" apart from "a link for another scenario".
 * Not a security measure — anyone can recompute it; the scenario is validated regardless.
 */

/** FNV-1a (32-bit) of a string, in base 36 (at most 7 characters). */
export function linkChecksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
