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

/**
 * The citizen's contact details, decrypted with the contexts the submission sealed them with (bound
 * to the message id), the phone as an official dials it. Only for officials' answers that are audited.
 */
export async function openContact(cipher: Cipher, row: SealedContact): Promise<Contact> {
  const [name, phone, email] = await Promise.all([
    cipher.decrypt(row.author_name_enc, `${row.id}:name`),
    cipher.decrypt(row.author_phone_enc, `${row.id}:phone`),
    row.author_email_enc ? cipher.decrypt(row.author_email_enc, `${row.id}:email`) : null,
  ]);
  return { name, phone: formatPhone(phone), email };
}
