import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const app = new Hono().get('/', (c) => c.text(clientAddress(c) ?? 'none'));
const addressOf = async (header?: string) =>
  (await app.request('/', { headers: header === undefined ? {} : { 'CF-Connecting-IP': header } })).text();

describe('clientAddress', () => {
  it('is the IPv4 address the edge saw', async () => {
    expect(await addressOf('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address as its /64, however it is written', async () => {
    const block = '2001:db8:85a3:8d3::/64';
    for (const written of ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:0db8:85a3:08d3::1', '2001:DB8:85A3:8D3:FFFF::']) {
      expect(await addressOf(written), written).toBe(block);
    }
    expect(await addressOf('::1')).toBe('0:0:0:0::/64');
  });

  it('is none without the edge', async () => {
    expect(await addressOf()).toBe('none');
    expect(await addressOf('')).toBe('none');
  });
});
