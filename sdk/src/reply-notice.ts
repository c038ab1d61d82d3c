import type { NotifyChoice } from './schemas/message';

/**
 * The reply notice a form asks for (`notify` of `POST /v1/sites/:site/messages`), from its boxes
 * ticked: each way only where the site offers it (site config `notifications`) and its contact is
 * given, so a box left ticked on a phone or an address then cleared asks for nothing. Undefined when
 * no way is left. `<liuyan-form>` and the service's plain form (worker/src/hosted/write-form.ts) both send this.
 */
export function replyNotice(
  ticked: { sms: boolean; email: boolean },
  contact: { phone: string; email: string },
  offered: { sms: boolean; email: boolean },
): Required<NotifyChoice> | undefined {
  const notify = { sms: offered.sms && ticked.sms && contact.phone.trim() !== '', email: offered.email && ticked.email && contact.email.trim() !== '' };
  return notify.sms || notify.email ? notify : undefined;
}
