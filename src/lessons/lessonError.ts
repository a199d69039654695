/**
 * The one error lesson and challenge files raise. It always names the file and the field,
 * so an author can fix a typo without reading a stack trace.
 */

/** Bad lesson or challenge input: which file, which field, what is wrong. */
export class LessonError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${source}: field "${field}" ${problem}`);
    this.name = 'LessonError';
  }
}
