// /openapi.json under a widely used third-party linter (Redocly's `recommended` rules), which also
// checks every example against its schema. It runs in Node because the linter does not load in
// workerd; the document comes from the worker's own app (`app.request`), as it answers in production.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { app } from './index';
import type { ApiDocument } from './openapi';

/** A deployment's address as the document names its server (the linter warns on localhost and example.com). */
const ORIGIN = 'https://liuyan.yunxi.gov.cn';

async function served(): Promise<ApiDocument> {
  const response = await app.request(`${ORIGIN}/openapi.json`);
  expect(response.status).toBe(200);
  return response.json() as Promise<ApiDocument>;
}

async function lint(document: ApiDocument) {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
}

/** Every `examples` list of a schema, anywhere in the document. */
function schemaExamples(node: unknown, found: unknown[][] = []): unknown[][] {
  if (Array.isArray(node)) for (const item of node) schemaExamples(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' && Array.isArray(value)) found.push(value);
      else schemaExamples(value, found);
    }
  }
  return found;
}

describe('GET /openapi.json under Redocly recommended', () => {
  it('has no error and no warning', async () => {
    expect(await lint(await served())).toEqual([]);
  }, 60_000);

  it('checks each example against its schema: a spoiled one is reported where it is', async () => {
    const document = await served();
    expect(schemaExamples(document).length).toBeGreaterThan(20);
    const submit = document.paths!['/v1/sites/{site}/messages']!.post!.requestBody as {
      content: { 'application/json': { schema: { examples: { title: string }[]; properties: { region: { examples: unknown[] } } } } };
    };
    const schema = submit.content['application/json'].schema;
    schema.examples[0]!.title = '城关小学门口早晚高峰拥堵'.repeat(5);
    schema.properties.region.examples = [42];
    const problems = await lint(document);
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(expect.stringMatching(/^warn no-invalid-schema-examples: .*title.*50 characters.* at .*messages\/post\/requestBody/));
    expect(problems).toContainEqual(expect.stringMatching(/^warn no-invalid-schema-examples: .*must be string.* at .*properties\/region\/examples\/0$/));
  }, 60_000);
});
