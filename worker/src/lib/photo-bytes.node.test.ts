import { describe, expect, it } from 'vitest';
import { HEIC_HEADER, JPEG_WITH_GPS, METADATA_TEXT, PHOTO_HEIGHT, PHOTO_WIDTH, PNG_WITH_GPS, WEBP_WITH_GPS } from '../../test/photo-fixtures';
import { cleanPhoto, type CleanPhoto } from './photo-bytes';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const fixtures = [['image/jpeg', JPEG_WITH_GPS], ['image/png', PNG_WITH_GPS], ['image/webp', WEBP_WITH_GPS]] as const;

describe('cleanPhoto', () => {
  it.each(fixtures)('keeps a %s photo, its size and picture, and drops its EXIF, GPS, XMP and comments', (type, input) => {
    expect(latin1(input)).toContain(METADATA_TEXT); // the fixture does carry them
    const clean = cleanPhoto(input) as CleanPhoto;
    expect(clean).toMatchObject({ type, width: PHOTO_WIDTH, height: PHOTO_HEIGHT });
    const text = latin1(clean.bytes);
    for (const trace of [METADATA_TEXT, 'GPS', 'Exif', 'eXIf', 'EXIF', 'xmpmeta', 'XMP ', 'tEXt', 'iTXt']) expect(text).not.toContain(trace);
    expect(clean.bytes.length).toBeLessThan(input.length);
    // What is left is well-formed: cleaning it again finds nothing more to remove.
    expect((cleanPhoto(clean.bytes) as CleanPhoto).bytes).toEqual(clean.bytes);
  });

  it('clears the EXIF and XMP flags of an extended WebP and fixes its RIFF size', () => {
    const clean = (cleanPhoto(WEBP_WITH_GPS) as CleanPhoto).bytes;
    expect(latin1(clean.subarray(12, 16))).toBe('VP8X');
    expect(clean[20]! & 0x0c).toBe(0);
    expect(new DataView(clean.buffer).getUint32(4, true)).toBe(clean.length - 8);
  });

  it.each(fixtures)('refuses a %s photo cut short as damaged', (_, input) => {
    expect(cleanPhoto(input.subarray(0, input.length - 7))).toEqual({ problem: 'photo_damaged' });
    expect(cleanPhoto(input.subarray(0, 40))).toEqual({ problem: 'photo_damaged' });
  });

  it('refuses a PNG whose chunk was altered (its CRC no longer matches)', () => {
    const altered = PNG_WITH_GPS.slice();
    altered[20] = altered[20]! ^ 1; // inside IHDR's width
    expect(cleanPhoto(altered)).toEqual({ problem: 'photo_damaged' });
  });

  it('decides the type by the bytes: HEIC is named, text and other files are not photos', () => {
    expect(cleanPhoto(HEIC_HEADER)).toEqual({ problem: 'photo_heic' });
    expect(cleanPhoto(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ problem: 'photo_type_not_allowed' });
    expect(cleanPhoto(new TextEncoder().encode('GIF89a……'))).toEqual({ problem: 'photo_type_not_allowed' });
    expect(cleanPhoto(new Uint8Array(0))).toEqual({ problem: 'photo_type_not_allowed' });
  });
});
