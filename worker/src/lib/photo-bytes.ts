// What a photo upload really is, read from its bytes (never its name or Content-Type), and the same
// image with every metadata block removed: EXIF (with its GPS position and camera serial), XMP, IPTC,
// comments, text chunks. No npm library strips metadata from JPEG, PNG and WebP in a Worker without a
// decoder (they need Node's Buffer or sharp/libvips), so this walks each format's block structure and
// keeps only what draws the picture — the image data itself is copied byte for byte, never re-encoded.
//   JPEG: ITU T.81 (segments, Annex B); JFIF (APP0), ICC profiles (APP2) and Adobe (APP14, colour transform) are kept.
//   PNG:  ISO/IEC 15948 / W3C PNG 3rd ed. (chunks with CRC-32); critical and colour chunks kept.
//   WebP: RFC 9649 (RIFF chunks; VP8X flags); EXIF and XMP chunks dropped and their flags cleared.

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** Why a photo was refused: not one of the three types, HEIC (not decodable here), or cut short/damaged. */
export type PhotoProblem = 'photo_type_not_allowed' | 'photo_heic' | 'photo_damaged';

export interface CleanPhoto {
  type: PhotoType;
  /** Pixels. */
  width: number;
  height: number;
  /** The image without metadata. */
  bytes: Uint8Array<ArrayBuffer>;
}

/** Photos larger than this many pixels are refused as damaged: no phone camera makes them (decompression bombs). */
export const MAX_PHOTO_PIXELS = 50_000_000;

class Damaged extends Error {}

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u32le = (b: Uint8Array, at: number) => b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16) + ((b[at + 3]! << 24) >>> 0);
const u24le = (b: Uint8Array, at: number) => b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16);

function need(condition: boolean): asserts condition {
  if (!condition) throw new Damaged();
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * JPEG: SOI, then segments; after each SOS, entropy-coded data up to the next marker (T.81 B.1.1.5:
 * inside it 0xFF is only ever followed by 0x00 or a restart marker). Ends at the first EOI: whatever
 * follows it (a phone's second picture, MPF depth maps, each with its own EXIF) is dropped with it.
 */
function cleanJpeg(b: Uint8Array): CleanPhoto {
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  let width = 0;
  let height = 0;
  for (;;) {
    need(at + 2 <= b.length && b[at] === 0xff);
    const marker = b[at + 1]!;
    if (marker === 0xff) { at += 1; continue; } // fill bytes (T.81 B.1.1.2)
    if (marker === 0xd9) { kept.push(b.subarray(at, at + 2)); break; } // EOI
    need(at + 4 <= b.length);
    const length = u16be(b, at + 2);
    need(length >= 2 && at + 2 + length <= b.length);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header with the picture's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      need(length >= 7);
      height = u16be(b, at + 5);
      width = u16be(b, at + 7);
    }
    // APP1–APP13, APP15, COM; APP2 only as an ICC colour profile (a Display P3 photo's colours), not MPF.
    const iccProfile = marker === 0xe2 && length >= 14 && ascii(b, at + 4, 12) === 'ICC_PROFILE\0';
    const metadata = ((marker >= 0xe1 && marker <= 0xed) || marker === 0xef || marker === 0xfe) && !iccProfile;
    let end = at + 2 + length;
    if (marker === 0xda) {
      // The scan's data runs to the next marker that is not a stuffed byte or a restart.
      while (end + 1 < b.length && !(b[end] === 0xff && b[end + 1] !== 0x00 && !(b[end + 1]! >= 0xd0 && b[end + 1]! <= 0xd7))) end++;
      need(end + 1 < b.length);
    }
    if (!metadata) kept.push(b.subarray(at, end));
    at = end;
  }
  need(width > 0 && height > 0);
  return { type: 'image/jpeg', width, height, bytes: concat(kept) };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of PNG chunks (ISO 3309, as PNG §5.5 gives it). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** PNG chunks that draw the picture or its colours; every other ancillary chunk (text, eXIf, tIME, …) goes. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD', 'acTL', 'fcTL', 'fdAT']);

function cleanPng(b: Uint8Array): CleanPhoto {
  const kept: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  let width = 0;
  let height = 0;
  let ended = false;
  while (!ended) {
    need(at + 12 <= b.length);
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    need(at + 12 + length <= b.length && crc32(b.subarray(at + 4, at + 8 + length)) === u32be(b, at + 8 + length));
    if (at === 8) {
      need(type === 'IHDR' && length === 13);
      width = u32be(b, at + 8);
      height = u32be(b, at + 12);
    }
    // A critical chunk (upper-case first letter) the decoder must understand is kept, known or not.
    if (PNG_KEPT.has(type) || (type.charCodeAt(0) >= 65 && type.charCodeAt(0) <= 90)) kept.push(b.subarray(at, at + 12 + length));
    ended = type === 'IEND';
    at += 12 + length;
  }
  need(width > 0 && height > 0);
  return { type: 'image/png', width, height, bytes: concat(kept) };
}

function cleanWebp(b: Uint8Array): CleanPhoto {
  need(b.length >= 12 && u32le(b, 4) + 8 === b.length);
  const kept: Uint8Array[] = [];
  let at = 12;
  let width = 0;
  let height = 0;
  let vp8x: Uint8Array | null = null;
  while (at < b.length) {
    need(at + 8 <= b.length);
    const fourcc = ascii(b, at, 4);
    const size = u32le(b, at + 4);
    const end = at + 8 + size + (size & 1); // chunks are padded to an even size
    need(end <= b.length);
    const data = at + 8;
    if (fourcc === 'VP8X') {
      need(size >= 10);
      vp8x = b.slice(at, end); // a copy: its flags are rewritten below
      width = u24le(b, data + 4) + 1;
      height = u24le(b, data + 7) + 1;
    } else if (fourcc === 'VP8 ' && !width) {
      need(size >= 10 && b[data + 3] === 0x9d && b[data + 4] === 0x01 && b[data + 5] === 0x2a);
      width = (b[data + 6]! | (b[data + 7]! << 8)) & 0x3fff;
      height = (b[data + 8]! | (b[data + 9]! << 8)) & 0x3fff;
    } else if (fourcc === 'VP8L' && !width) {
      need(size >= 5 && b[data] === 0x2f);
      const bits = u32le(b, data + 1);
      width = (bits & 0x3fff) + 1;
      height = ((bits >>> 14) & 0x3fff) + 1;
    }
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ' && fourcc !== 'VP8X') kept.push(b.subarray(at, end));
    at = end;
  }
  need(width > 0 && height > 0 && kept.length > 0);
  if (vp8x) {
    vp8x[8] = vp8x[8]! & ~(0x08 | 0x04); // clear the EXIF and XMP flags (RFC 9649 §2.7)
    kept.unshift(vp8x);
  }
  const body = concat(kept);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 4));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  header.set(b.subarray(8, 12), 8);
  return { type: 'image/webp', width, height, bytes: concat([header, body]) };
}

/**
 * The photo in `input` with its metadata removed, or why it is refused. The type is decided by the
 * signature alone: JPEG `FF D8 FF`, PNG's 8-byte signature, `RIFF….WEBP`; an ISO-BMFF `ftyp` box
 * of a HEIF brand is HEIC (which Workers cannot decode, so cannot check or strip); anything else is
 * not a photo. A file cut short, with a bad PNG CRC, a RIFF size that disagrees, no dimensions or
 * more than MAX_PHOTO_PIXELS is `photo_damaged`. Pure: no I/O.
 */
export function cleanPhoto(input: Uint8Array): CleanPhoto | { problem: PhotoProblem } {
  const b = input;
  try {
    let clean: CleanPhoto;
    if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) clean = cleanJpeg(b);
    else if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') clean = cleanPng(b);
    else if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') clean = cleanWebp(b);
    else if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(ascii(b, 8, 4))) return { problem: 'photo_heic' };
    else return { problem: 'photo_type_not_allowed' };
    need(clean.width * clean.height <= MAX_PHOTO_PIXELS);
    return clean;
  } catch (error) {
    if (error instanceof Damaged) return { problem: 'photo_damaged' };
    throw error;
  }
}
