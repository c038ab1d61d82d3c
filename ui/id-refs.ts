/**
 * An ID reference list for `aria-describedby` or `aria-labelledby`: the ids given, joined by spaces,
 * leaving out each one given as `false`, `null`, `undefined` or `''`, which stands for a line that is not
 * on the page now (an error line shown only with its error, a hint shown only in some states).
 * `undefined` when none is left, so the attribute is left out rather than written empty: in a Lit
 * template write `${idRefs(…) ?? nothing}`; the service's form drawn as data drops an `undefined`
 * attribute by itself.
 *
 * Why: WAI-ARIA 1.2 §6.2 (ID reference list) has every id name an element of the same document or
 * shadow root. An id naming nothing is an error to conformance checkers (axe lets it pass when one
 * other id is there), and a screen reader then reads nothing for it.
 */
export function idRefs(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}
