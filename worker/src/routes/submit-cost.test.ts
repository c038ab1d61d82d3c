// What a submission costs the database: D1 bills by query and row, and under load each round trip to
// it is most of a submission's time (bench/README.md, "Submit: where its time goes").
import { describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { createSite, d1Cost, submit, validMessage } from '../../test/fixtures';

describe('POST /v1/sites/:site/messages, its D1 cost', () => {
  it('stores a submission in 3 queries (the site, its reads in one batch, the write batch), and answers its retry in 2', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const first = await submit(siteId, validMessage(eduUnit), { key });
    expect(first.status).toBe(201);
    expect(d1Cost(first).queries).toBe(3);

    const retry = await submit(siteId, validMessage(eduUnit), { key });
    expect(retry.status).toBe(201);
    expect((await retry.json<MessageCreated>()).id).toBe((await first.json<MessageCreated>()).id);
    expect(d1Cost(retry).queries).toBe(2);
  });

  it('refuses a retired unit from the same batch of reads, naming the field', async () => {
    const { siteId, inactiveUnit } = await createSite();
    const response = await submit(siteId, validMessage(inactiveUnit));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'unitId', code: 'unknown_unit' }] });
    expect(d1Cost(response).queries).toBe(2);
  });
});
