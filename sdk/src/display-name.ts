import type { DisplayAs } from './schemas/common';
import { visibleCharacters } from './text';

// Two-character surnames common enough that masking after one character would expose a name.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤',
]);

function surnameOf(name: string): string {
  // Invisible characters (a zero-width space before the name) must not become the surname.
  const chars = visibleCharacters(name);
  if (chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''))) return chars.slice(0, 2).join('');
  return chars[0] ?? '';
}

/**
 * The only form of a citizen's name that is ever public: `陈***`, `陈先生` or `陈女士` (a compound
 * surname such as 欧阳 is kept whole: `欧阳先生`). A name written in Latin letters (John Smith, Chen
 * Ming), whose family name may come first or last, gives its first letter only: `J***`, `Mr J.`,
 * `Ms J.`. The form's preview and the service both use this, so the citizen sees exactly what will
 * be published. Examples: `display-name.cases.ts`.
 */
export function displayName(name: string, displayAs: DisplayAs): string {
  const surname = surnameOf(name);
  if (/^\p{Script=Latin}$/u.test(surname)) {
    const initial = surname.toUpperCase();
    return displayAs === 'mr' ? `Mr ${initial}.` : displayAs === 'ms' ? `Ms ${initial}.` : `${initial}***`;
  }
  if (displayAs === 'mr') return `${surname}先生`;
  if (displayAs === 'ms') return `${surname}女士`;
  return `${surname}***`;
}
