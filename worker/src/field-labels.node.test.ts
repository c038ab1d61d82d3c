// Every field a problem can name has a label in each language wherever the error is shown: a
// citizen or an official never reads `startsAt` or `address_string`. The fields are those of the
// API document: each operation's parameters and body fields (a problem names nothing else, besides
// the whole body `$`), each read in the catalog of its audience (`audienceOf`): the public one (the
// widget carries only that), the officials' (console, admin, sign-in), Open311's parameters.
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../sdk/src/error-messages';
// The app first: it extends zod for OpenAPI before any schema is made.
import { app } from './index';
import { audienceOf, FIELD_CATALOGS, type FieldAudience } from './errors';
import { HTTP_METHODS, type ApiDocument, type ApiOperation } from './openapi';

interface Schema { $ref?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; additionalProperties?: Schema | boolean }

/** Every path a problem can name in a body: `author.name`, `days.0.day` (an item is `0`). */
function fieldPaths(schema: Schema | undefined, components: Record<string, Schema>, prefix = '', seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    return fieldPaths(components[schema.$ref.replace('#/components/schemas/', '')], components, prefix, new Set([...seen, schema.$ref]));
  }
  const members = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return [
    ...Object.entries(schema.properties ?? {}).flatMap(([key, inner]) => [`${prefix}${key}`, ...fieldPaths(inner, components, `${prefix}${key}.`, seen)]),
    ...(schema.items ? fieldPaths(schema.items, components, `${prefix}0.`, seen) : []),
    ...(typeof schema.additionalProperties === 'object' ? fieldPaths(schema.additionalProperties, components, `${prefix}x.`, seen) : []),
    ...members.flatMap((member) => fieldPaths(member, components, prefix, seen)),
  ];
}

/** Whether `fieldLabel` finds a name for the field (its whole path, last named part or first part), not the field itself. */
function hasLabel(labels: Record<string, string>, field: string): boolean {
  const named = field.split('.').filter((part) => !/^\d+$/.test(part));
  return [field, named.at(-1), named[0]].some((name) => name !== undefined && Object.hasOwn(labels, name));
}

async function reportable(): Promise<{ route: string; field: string; audience: FieldAudience }[]> {
  const document = await (await app.request('https://liuyan.test/openapi.json')).json() as ApiDocument;
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) => HTTP_METHODS.flatMap((method) => {
    const operation = (item as Record<string, ApiOperation | undefined>)[method];
    if (!operation) return [];
    const route = `${method.toUpperCase()} ${path}`;
    const audience = audienceOf(path);
    const parameters = ((operation.parameters ?? []) as { name?: string; $ref?: string }[]).filter((p) => p.name).map((p) => p.name!);
    const bodies = Object.values((operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {});
    const fields = [...parameters, ...bodies.flatMap((media) => fieldPaths(media.schema, components))];
    return [...new Set(fields)].map((field) => ({ route, field, audience }));
  }));
}

describe('field labels', () => {
  it('name every field any operation can report, in Chinese and in English', async () => {
    const fields = await reportable();
    expect(fields.length).toBeGreaterThan(100);
    for (const locale of ['zh-CN', 'en'] as const) {
      const missing = fields.filter(({ field, audience }) => !hasLabel(FIELD_CATALOGS[audience][locale].fields, field))
        .map(({ route, field }) => `${route}: ${field}`);
      expect(missing, `${locale}: add a label to sdk/src/locales (public fields to the public catalog)`).toEqual([]);
    }
    // The same word means different fields to different readers.
    expect(fieldLabel(FIELD_CATALOGS.open311['zh-CN'], 'description')).toBe('留言内容');
    expect(fieldLabel(FIELD_CATALOGS.official['zh-CN'], 'description')).toBe('说明');
    expect(fieldLabel(FIELD_CATALOGS.public['zh-CN'], 'reason')).toBe('不满意的原因');
    // Officials filter only webhook deliveries by `status`; the public filter the board by handling status.
    expect(fieldLabel(FIELD_CATALOGS.official['zh-CN'], 'status')).toBe('推送状态');
    expect(fieldLabel(FIELD_CATALOGS.public['zh-CN'], 'status')).toBe('办理状态');
  });
});
