import { describe, expect, it } from 'vitest';
import { request } from '../test/fixtures';

describe('GET /openapi.json', () => {
  it('describes every public route from the same schemas the service validates with', async () => {
    const response = await request('/openapi.json', { origin: null });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const doc = JSON.parse(text) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/sites/{site}']!.get!.operationId).toBe('getSite');
    expect(doc.paths['/v1/sites/{site}/messages']!.post!.operationId).toBe('submitMessage');
    expect(doc.paths['/v1/sites/{site}/track']!.post!.operationId).toBe('track');
  });
});
