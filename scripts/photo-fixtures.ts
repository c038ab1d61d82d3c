// Writes worker/test/photo-fixtures.ts: small real photos (JPEG, PNG, WebP, encoded by Chromium's
// canvas) carrying EXIF with a GPS position, XMP and comments — what a phone's camera leaves in a
// photo — for the tests of the service's checks and metadata stripping. Run `npx tsx scripts/photo-fixtures.ts`
// (needs Chromium at /usr/bin/chromium, or CHROMIUM_PATH) after changing it, and commit the output.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
/** What the metadata says, so the tests can check none of it is left: a position in Beijing. */
const DESCRIPTION = 'GPS 39.9042N 116.4074E';
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="39,54.2527N"/></rdf:RDF></x:xmpmeta>`;

const bytesOf = (text: string) => new Uint8Array([...text].map((ch) => ch.charCodeAt(0)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const be16 = (n: number) => new Uint8Array([n >> 8, n & 255]);
const be32 = (n: number) => new Uint8Array([n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255]);
const le32 = (n: number) => new Uint8Array([n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24]);

/** A big-endian TIFF block (EXIF's body): IFD0 with ImageDescription and a GPS IFD with latitude N 39°54'15.27". */
function exifTiff(): Uint8Array {
  const description = bytesOf(`${DESCRIPTION}\0`);
  const entry = (tag: number, type: number, count: number, value: Uint8Array) => concat(be16(tag), be16(type), be32(count), value);
  // Layout: header 8 | IFD0 (2 entries) 2+24+4 = 30 → 38 | GPS IFD (2 entries) 30 → 68 | rationals 24 → 92 | description
  const gpsAt = 38;
  const rationalsAt = 68;
  const descriptionAt = 92;
  return concat(
    bytesOf('MM'), be16(42), be32(8),
    be16(2), entry(0x010e, 2, description.length, be32(descriptionAt)), entry(0x8825, 4, 1, be32(gpsAt)), be32(0),
    be16(2), entry(0x0001, 2, 2, bytesOf('N\0\0\0')), entry(0x0002, 5, 3, be32(rationalsAt)), be32(0),
    be32(39), be32(1), be32(54), be32(1), be32(1527), be32(100),
    description,
  );
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function withJpegMetadata(jpeg: Uint8Array): Uint8Array {
  const segment = (marker: number, body: Uint8Array) => concat(new Uint8Array([0xff, marker]), be16(body.length + 2), body);
  return concat(
    jpeg.subarray(0, 2),
    segment(0xe1, concat(bytesOf('Exif\0\0'), exifTiff())),
    segment(0xe1, bytesOf(`http://ns.adobe.com/xap/1.0/\0${XMP}`)),
    segment(0xfe, bytesOf(DESCRIPTION)),
    jpeg.subarray(2),
  );
}

function withPngMetadata(png: Uint8Array): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => concat(be32(data.length), bytesOf(type), data, be32(crc32(concat(bytesOf(type), data))));
  const afterHeader = 8 + 25; // signature, IHDR
  return concat(
    png.subarray(0, afterHeader),
    chunk('eXIf', exifTiff()),
    chunk('tEXt', bytesOf(`Comment\0${DESCRIPTION}`)),
    chunk('iTXt', bytesOf(`XML:com.adobe.xmp\0\0\0\0\0${XMP}`)),
    png.subarray(afterHeader),
  );
}

/** A WebP (as Chromium writes it: VP8X, ICC profile, VP8) with the EXIF and XMP flags set and their chunks added. */
function withWebpMetadata(webp: Uint8Array, width: number, height: number): Uint8Array {
  const chunk = (fourcc: string, data: Uint8Array) => concat(bytesOf(fourcc), le32(data.length), data, data.length % 2 ? new Uint8Array(1) : new Uint8Array(0));
  const chunks: Uint8Array[] = [];
  let flags = 0;
  for (let at = 12; at < webp.length;) {
    const size = webp[at + 4]! + (webp[at + 5]! << 8) + (webp[at + 6]! << 16) + (webp[at + 7]! << 24);
    const end = at + 8 + size + (size % 2);
    if (String.fromCharCode(...webp.subarray(at, at + 4)) === 'VP8X') flags = webp[at + 8]!;
    else chunks.push(webp.subarray(at, end));
    at = end;
  }
  const canvas = new Uint8Array(10);
  canvas[0] = flags | 0x08 | 0x04; // EXIF, XMP
  canvas.set(le32(width - 1).subarray(0, 3), 4);
  canvas.set(le32(height - 1).subarray(0, 3), 7);
  const body = concat(bytesOf('WEBP'), chunk('VP8X', canvas), ...chunks, chunk('EXIF', exifTiff()), chunk('XMP ', bytesOf(XMP)));
  return concat(bytesOf('RIFF'), le32(body.length), body);
}

const WIDTH = 24;
const HEIGHT = 16;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();
const encoded = await page.evaluate(({ width, height }) => {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#777'; g.fillRect(0, 0, width, height); // a grey road
  g.fillStyle = '#222'; g.fillRect(6, 5, 9, 6); //         with a pothole
  return { jpeg: canvas.toDataURL('image/jpeg', 0.8), png: canvas.toDataURL('image/png'), webp: canvas.toDataURL('image/webp', 0.8) };
}, { width: WIDTH, height: HEIGHT });
await browser.close();
const decode = (dataUrl: string) => new Uint8Array(Buffer.from(dataUrl.split(',')[1]!, 'base64'));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const webp = decode(encoded.webp);

writeFileSync(path.join(root, 'worker/test/photo-fixtures.ts'), `// Generated by scripts/photo-fixtures.ts: do not edit. ${WIDTH}×${HEIGHT} photos encoded by Chromium,
// each with EXIF (a GPS position), XMP and a comment added as a phone's camera adds them.

/** Text in every fixture's metadata (EXIF ImageDescription, comments): none of it may be stored. */
export const METADATA_TEXT = ${JSON.stringify(DESCRIPTION)};
export const PHOTO_WIDTH = ${WIDTH};
export const PHOTO_HEIGHT = ${HEIGHT};

const bytes = (base64: string) => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));

export const JPEG_WITH_GPS = bytes('${b64(withJpegMetadata(decode(encoded.jpeg)))}');
export const PNG_WITH_GPS = bytes('${b64(withPngMetadata(decode(encoded.png)))}');
export const WEBP_WITH_GPS = bytes('${b64(withWebpMetadata(webp, WIDTH, HEIGHT))}');
/** The first box of an iPhone's HEIC photo (ISO-BMFF \`ftyp\`, brand heic), followed by nothing useful. */
export const HEIC_HEADER = bytes('${b64(concat(be32(24), bytesOf('ftypheic'), be32(0), bytesOf('mif1heic'), new Uint8Array(64)))}');
`);
console.log('wrote worker/test/photo-fixtures.ts');
