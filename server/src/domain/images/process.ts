import sharp, { type Metadata } from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { UPLOAD_ACCEPTED_TYPES, UPLOAD_MAIN_EDGE, UPLOAD_MAX_PIXELS, UPLOAD_THUMB_EDGE } from '@cgt/shared/schemas/uploads';

/**
 * Turns an untrusted uploaded image into two clean JPEGs. Every output pixel is decoded and re-encoded,
 * so nothing of the original container survives: no EXIF (GPS, camera serial), no XMP, no ICC, no
 * trailing payloads. Metadata is dropped because sharp drops it unless withMetadata/keepExif is called;
 * never add those here.
 */

export type AcceptedType = (typeof UPLOAD_ACCEPTED_TYPES)[number];

export type ImageRejection =
  | { reason: 'unsupported_type'; detected: string | null }
  | { reason: 'too_many_pixels'; width: number; height: number }
  | { reason: 'invalid_image'; cause: string };

export class ImageRejected extends Error {
  constructor(readonly rejection: ImageRejection) {
    super(rejection.reason);
  }
}

export interface ProcessedImage {
  originalType: AcceptedType;
  main: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
}

const JPEG_OUT = { quality: 82, mozjpeg: true } as const;
/**
 * limitInputPixels makes libvips refuse a decompression bomb even if our own header check were fooled;
 * failOn 'error' rejects truncated and corrupt data but tolerates the harmless warnings many phone JPEGs carry.
 */
const INPUT = { limitInputPixels: UPLOAD_MAX_PIXELS, failOn: 'error' } as const;

function isAccepted(mime: string | undefined): mime is AcceptedType {
  return (UPLOAD_ACCEPTED_TYPES as readonly string[]).includes(mime ?? '');
}

/** Magic-byte sniffing: the file name and the client's Content-Type are never consulted. */
export async function detectType(buf: Buffer): Promise<AcceptedType> {
  const ft = await fileTypeFromBuffer(buf);
  if (!isAccepted(ft?.mime)) throw new ImageRejected({ reason: 'unsupported_type', detected: ft?.mime ?? null });
  return ft.mime;
}

export async function processImage(buf: Buffer, maxPixels = UPLOAD_MAX_PIXELS): Promise<ProcessedImage> {
  const originalType = await detectType(buf);
  let meta: Metadata;
  try {
    // header only: dimensions are known before a single pixel is decoded
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageRejected({ reason: 'invalid_image', cause: (err as Error).message });
  }
  const { width, height } = meta;
  if (!width || !height) throw new ImageRejected({ reason: 'invalid_image', cause: 'no dimensions' });
  if (width * height > maxPixels) throw new ImageRejected({ reason: 'too_many_pixels', width, height });

  try {
    const main = await sharp(buf, { ...INPUT, limitInputPixels: maxPixels })
      .rotate() // apply EXIF orientation before the tag is discarded
      .flatten({ background: '#ffffff' }) // transparent PNG/WebP would otherwise turn black in JPEG
      .resize({ width: UPLOAD_MAIN_EDGE, height: UPLOAD_MAIN_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg(JPEG_OUT)
      .toBuffer({ resolveWithObject: true });
    // the thumbnail is cut from the clean main image: a 1600 px decode is far cheaper than the original
    const thumb = await sharp(main.data)
      .resize({ width: UPLOAD_THUMB_EDGE, height: UPLOAD_THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg(JPEG_OUT)
      .toBuffer({ resolveWithObject: true });
    return {
      originalType,
      main: main.data,
      thumb: thumb.data,
      width: main.info.width,
      height: main.info.height,
      thumbWidth: thumb.info.width,
      thumbHeight: thumb.info.height,
    };
  } catch (err) {
    const message = (err as Error).message;
    if (/pixel limit/i.test(message)) throw new ImageRejected({ reason: 'too_many_pixels', width, height });
    throw new ImageRejected({ reason: 'invalid_image', cause: message });
  }
}
