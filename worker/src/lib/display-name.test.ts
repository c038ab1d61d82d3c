import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_CASES } from '../../../sdk/src/display-name.cases';
import { displayName } from '../../../sdk/src/display-name';
import { createSite, db, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

describe('displayName', () => {
  it.each(DISPLAY_NAME_CASES)('%s (%s) is shown as %s', (name, displayAs, shown) => {
    expect(displayName(name, displayAs)).toBe(shown);
  });

  it('is what the board publishes for each name of the table', async () => {
    const site = await createSite({ moderation: 'post' });
    // More names than a site takes in a minute by default.
    await db.run(db.q.updateTable('sites').set({ submission_limits: JSON.stringify({ perAddressHour: 100, perPhoneDay: 5, perSiteMinute: 100 }) }).where('id', '=', site.siteId));
    for (const [i, [name, displayAs, shown]] of DISPLAY_NAME_CASES.entries()) {
      // A phone each: one phone may submit only a few messages a day.
      const created = await submit(site.siteId, validMessage(site.eduUnit, { author: { name, phone: `1391234${String(5000 + i)}`, displayAs } }));
      const { id } = await created.json<{ id: string }>();
      const published = await (await request(`/v1/sites/${site.siteId}/messages/${id}`)).json<{ displayName: string }>();
      expect(published.displayName, name).toBe(shown);
    }
    const admin = await createOfficial(site.siteId, 'admin');
    const queue = await (await consoleRequest('/v1/console/messages', { as: admin })).json<{ items: { displayName: string }[] }>();
    expect(queue.items.map((m) => m.displayName).sort()).toEqual(DISPLAY_NAME_CASES.map(([, , shown]) => shown).sort());
  });
});
