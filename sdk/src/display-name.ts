import type { DisplayAs } from './schemas/common';
import { visibleCharacters } from './text';

// Two-character surnames common enough that masking after one character would expose a name.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤',
]);

/**
 * Where the name starts: its first letter (NFKC, so a full-width Ｊ is J and a decomposed É one
 * letter), after anything that is none (an emoji, a digit, a bracket, an apostrophe).
 */
function lettersOf(name: string): string[] {
  const chars = visibleCharacters(name.normalize('NFKC'));
  const first = chars.findIndex((ch) => /\p{L}/u.test(ch));
  return first < 0 ? [] : chars.slice(first);
}

/**
 * The only form of a citizen's name that is ever public. A name in Chinese characters gives its
 * surname: `陈***`, `陈先生` or `陈女士` (a compound surname such as 欧阳 is kept whole: `欧阳先生`). A
 * name in any other script (John Smith, Chen Ming, Иван, 김민수), whose family name may come first
 * or last, gives its first letter only: `J***`, `Mr J.`, `Ms J.` — a capital where it is one letter
 * (not ß → SS). A name with no letter gives `***` whatever is chosen. The form's preview and the
 * service both use this, so the citizen sees exactly what will be published. Examples:
 * `display-name.cases.ts`.
 */
export function displayName(name: string, displayAs: DisplayAs): string {
  const letters = lettersOf(name);
  const [first] = letters;
  if (first === undefined) return '***';
  if (!/\p{Script=Han}/u.test(first)) {
    const upper = first.toUpperCase();
    const initial = [...upper].length === 1 ? upper : first;
    return displayAs === 'mr' ? `Mr ${initial}.` : displayAs === 'ms' ? `Ms ${initial}.` : `${initial}***`;
  }
  const surname = letters.length > 2 && COMPOUND_SURNAMES.has(letters.slice(0, 2).join('')) ? letters.slice(0, 2).join('') : first;
  if (displayAs === 'mr') return `${surname}先生`;
  if (displayAs === 'ms') return `${surname}女士`;
  return `${surname}***`;
}

/**
 * A 署名 choice as the form offers it: `name` shown as `displayAs` would publish it, or, before a name
 * is typed, a sample name's, said to be an example (`example`: `例如：{name}` → 例如：陈***), so
 * no one hears a stranger's surname read as their own.
 */
export function displayNameChoice(name: string, displayAs: DisplayAs, sample: { name: string; example: string }): string {
  const typed = name.trim();
  return typed ? displayName(typed, displayAs) : sample.example.replace('{name}', displayName(sample.name, displayAs));
}
