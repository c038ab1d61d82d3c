// What a public timeline event adds, shared by the elements (render-message.ts) and the service's
// server-rendered message page: no Lit here, so the service can import it.
import type { PublicMessageDetail } from '../../../sdk/src/schemas/message';
import { format } from '../../../ui/localize';
import type { MessageStrings } from './strings.zh-cn';

/**
 * What a public timeline event adds: a rating's scores (never the citizen's words), a follow-up's
 * question. The n-th `rated` event is the n-th rating, the n-th `followed_up` the n-th follow-up.
 */
export function eventDetails(m: PublicMessageDetail, t: MessageStrings): (string | null)[] {
  let rating = 0;
  let followUp = 0;
  const scores = (r: PublicMessageDetail['ratings'][number]) => [
    format(t.levelWithPoints, { level: t.levels[r.overall as 1 | 2 | 3 | 4 | 5], score: r.overall }),
    ...([[t.resolution, r.resolution], [t.attitude, r.attitude], [t.speed, r.speed]] as const).map(([label, score]) => `${label} ${format(t.points, { score })}`),
  ].join(t.separator);
  // Older answers (a cached copy) may lack the lists.
  const ratings = m.ratings ?? [];
  const followUps = m.followUps ?? [];
  return m.timeline.map((e) => {
    if (e.kind === 'rated') { const r = ratings[rating++]; return r ? format(t.eventDetail, { detail: scores(r) }) : null; }
    if (e.kind === 'followed_up') {
      // The citizen's words only once a moderator published them (older answers carry the body alone).
      const f = followUps[followUp++];
      if (f?.body) return format(t.eventDetail, { detail: f.body });
      return f?.awaitingReview ? t.followUpPending : null;
    }
    return null;
  });
}
