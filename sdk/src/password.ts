/**
 * Officials' passwords, as the service and the console check them: length over composition rules, as
 * NIST SP 800-63B (§5.1.1.2) advises. The different characters stand in for its list of commonly
 * used values, which the service does not ship: `aaaaaaaaaaaa` or `123123123123` is as long as a
 * good one, but guessed at once.
 */
export const PASSWORD_RULES = { minLength: 12, minDistinct: 6, maxLength: 200 } as const;

/** Whether `password` has at least 12 characters (code points), 6 of them different (what a request's schema checks alone). */
export function isLongAndVaried(password: string): boolean {
  const characters = [...password];
  return characters.length >= PASSWORD_RULES.minLength && new Set(characters).size >= PASSWORD_RULES.minDistinct;
}

/** Whether `password` will do for the account `email`: long and varied (`isLongAndVaried`), and not the address itself, in any case. */
export function checkPasswordStrength(password: string, email: string): boolean {
  return isLongAndVaried(password) && password.trim().toLowerCase() !== email.trim().toLowerCase();
}
