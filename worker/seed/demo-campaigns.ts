// The demo's suggestion drives (建言专栏): one open on the 示范日报 drive page (examples/news-campaign/),
// with earlier suggestions filed under it and one adopted, and one that has ended.
import type { SiteDatabase } from '../src/db/client';
import { newId } from '../src/lib/crypto';
import { localDay, startOfLocalDay } from '../src/lib/site-time';

const DAY_MS = 86_400_000;

/** The drive the example page shows, and one ended last year (its page says so, and submissions are refused). */
export const DEMO_CAMPAIGNS = { open: 'jianyan-2026', ended: 'jianyan-2025' } as const;

/** The outlet the example page stands for: the service's own origins, as `npm run dev` serves it. */
export const DEMO_OUTLET = '示范日报';

const FILED = ['建议小学课后服务延长至下午六点', '建议开通县城至高铁站的公交专线', '建议政务服务中心周末提供延时服务'];
const ADOPTED = { title: '建议开通县城至高铁站的公交专线', note: '已纳入《示范县“十五五”综合交通规划（征求意见稿）》：2026年开通县城至高铁站公交专线。' };

/**
 * Adds the demo's drives unless they are there, and keeps the open one's outlets on `origins` (a
 * different port next time). Earlier demo suggestions are filed under the open drive as written on
 * 示范日报, and one is adopted (采纳), so its figures are not all zero. Idempotent.
 */
export async function seedDemoCampaigns(db: SiteDatabase, siteId: string, origins: string[], now = new Date()): Promise<void> {
  const outlets = JSON.stringify(origins.map((origin) => ({ name: DEMO_OUTLET, origin })));
  const existing = await db.first(db.q.selectFrom('campaigns').select('id').where('site_id', '=', siteId).where('slug', '=', DEMO_CAMPAIGNS.open));
  if (existing) {
    await db.run(db.q.updateTable('campaigns').set({ outlets }).where('id', '=', existing.id));
    return;
  }
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  // A drive opens and closes at midnight, China time, as the console's editor sets it: its last day is whole.
  const midnight = (days: number) => startOfLocalDay(localDay(new Date(now.getTime() + days * DAY_MS)));
  const nowIso = now.toISOString();
  const openId = newId('c');
  const statements = [
    db.q.insertInto('campaigns').values({
      id: openId, site_id: siteId, slug: DEMO_CAMPAIGNS.open, title: '我为示范县“十五五”规划建言献策',
      description: '示范县“十五五”规划编制工作已经启动。示范日报联合县政府开设建言专栏，诚邀您就教育、交通、医疗、政务服务等方面提出意见建议。'
        + '您的建议将直接送达县领导和有关部门，被采纳的建议将在专栏公布。',
      starts_at: midnight(-30), ends_at: midnight(20), unit_ids: JSON.stringify(['u_county_head']), types: JSON.stringify(['suggestion']),
      domains: '[]', outlets, created_at: nowIso, updated_at: nowIso,
    }),
    db.q.insertInto('campaigns').values({
      id: newId('c'), site_id: siteId, slug: DEMO_CAMPAIGNS.ended, title: '2025年“我为县政府工作报告建言”',
      description: '征集已结束，感谢您的参与。', starts_at: midnight(-400), ends_at: midnight(-300),
      unit_ids: '[]', types: JSON.stringify(['suggestion']), domains: '[]', outlets, created_at: nowIso, updated_at: nowIso,
    }),
    db.q.updateTable('messages').set({ campaign_id: openId, source_outlet: DEMO_OUTLET })
      .where('site_id', '=', siteId).where('title', 'in', FILED),
    db.q.insertInto('message_events')
      .columns(['message_id', 'kind', 'is_public', 'unit_id', 'from_unit_id', 'account_id', 'note', 'created_at'])
      .expression(db.q.selectFrom('messages')
        .select((eb) => ['id', eb.val('adopted').as('kind'), eb.val(1).as('is_public'), 'unit_id', eb.val(null).as('from_unit_id'),
          eb.val(null).as('account_id'), eb.val(ADOPTED.note).as('note'), eb.val(at(-2)).as('created_at')])
        .where('site_id', '=', siteId).where('title', '=', ADOPTED.title)),
    db.q.updateTable('messages').set({ adopted_at: at(-2), adoption_note: ADOPTED.note })
      .where('site_id', '=', siteId).where('title', '=', ADOPTED.title),
  ];
  await db.batch(statements);
}
