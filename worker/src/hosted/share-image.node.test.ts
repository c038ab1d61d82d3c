import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARE_IMAGE } from './page';

describe('Liuyan’s share image', () => {
  it('is a PNG of the size the pages say, at least 300×300 as WeChat wants, and small for slow networks', () => {
    const png = readFileSync(path.join(import.meta.dirname, 'share.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The first chunk is IHDR: width and height, big-endian, at bytes 16 and 20.
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect({ width, height }).toEqual({ width: DEFAULT_SHARE_IMAGE.width, height: DEFAULT_SHARE_IMAGE.height });
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(300);
    expect(png.length).toBeLessThan(64 * 1024);
  });
});
