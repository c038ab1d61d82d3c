import type { Contact } from '../../../sdk/src/schemas/console';
import type { Cipher } from './crypto';
import { formatPhone } from './phone';

/** A message's sealed contact columns. */
export interface SealedContact {
  id: string;
  author_name_enc: string;
  author_phone_enc: string;
  author_email_enc: string | null;
}

/** What an erased column holds: the citizen erased their contact details (see `eraseContact`). */
export const ERASED = '';

/**
 * The citizen's contact details, decrypted with the contexts the submission sealed them with (bound
 * to the message id), the phone as an official dials it; empty strings (and a null email) once the
 * citizen erased them. Only for officials' answers that are audited, and the citizen's own export.
 */
export async function openContact(cipher: Cipher, row: SealedContact): Promise<Omit<Contact, 'erasedAt'>> {
  const open = (sealed: string, field: string) => (sealed === ERASED ? ERASED : cipher.decrypt(sealed, `${row.id}:${field}`));
  const [name, phone, email] = await Promise.all([
    open(row.author_name_enc, 'name'),
    open(row.author_phone_enc, 'phone'),
    row.author_email_enc ? open(row.author_email_enc, 'email') : null,
  ]);
  return { name, phone: phone === ERASED ? ERASED : formatPhone(phone), email };
}
