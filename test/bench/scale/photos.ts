/**
 * Photos of the seeded tickets. Every photo is its own upload document (attached to its ticket, with
 * its upload claim), as the live path leaves them, so the uploads collection has a year's size; the
 * files behind them are a small pool of real JPEGs processed by the server's image pipeline, shared by
 * many documents (a year of distinct files would be gigabytes and measure nothing the database does).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { processImage } from '../../../server/src/domain/images/process.js';
import { newUploadId, relPathFor, storePhoto } from '../../../server/src/domain/images/storage.js';
import type { AppDeps } from '../../../server/src/deps.js';

interface PoolFile {
  relPath: string;
  width: number;
  height: number;
  bytes: number;
  thumbBytes: number;
  sha256: string;
}

/** A street-scene-ish picture: a few coloured shapes, different per index. */
export async function sampleJpeg(i: number, width = 1280, height = 960): Promise<Buffer> {
  const hue = (i * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="hsl(${hue},35%,62%)"/>
<rect x="80" y="${height * 0.58}" width="${width - 160}" height="${height * 0.3}" fill="hsl(${(hue + 40) % 360},20%,40%)"/>
<circle cx="${200 + ((i * 97) % (width - 400))}" cy="${height * 0.3}" r="${60 + (i % 5) * 15}" fill="hsl(${(hue + 180) % 360},45%,55%)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export class PhotoPool {
  private files: PoolFile[] = [];
  private next = 0;

  static async create(deps: AppDeps, size = 16): Promise<PhotoPool> {
    const pool = new PhotoPool();
    for (let i = 0; i < size; i++) {
      const image = await processImage(await sampleJpeg(i));
      const relPath = relPathFor(`scale-pool-${i}`, deps.now());
      await storePhoto(deps.config.DATA_DIR, relPath, image.main, image.thumb);
      pool.files.push({
        relPath,
        width: image.width,
        height: image.height,
        bytes: image.main.length,
        thumbBytes: image.thumb.length,
        sha256: createHash('sha256').update(image.main).digest('hex'),
      });
    }
    return pool;
  }

  readonly newId = newUploadId;

  /** The upload document and its claim for a photo already attached to `ticketId`. */
  docs(id: string, owner: { kind: 'citizen' | 'staff'; id: string }, ticketId: string, at: Date) {
    const f = this.files[this.next++ % this.files.length]!;
    const uploadedAt = new Date(at.getTime() - 30_000); // uploaded just before the report / resolution
    return {
      upload: {
        _id: id,
        ownerKind: owner.kind,
        ownerId: owner.id,
        width: f.width,
        height: f.height,
        bytes: f.bytes,
        thumbBytes: f.thumbBytes,
        sha256: f.sha256,
        originalType: 'image/jpeg',
        relPath: f.relPath,
        createdAt: uploadedAt,
        attachedTo: { kind: 'ticket', id: ticketId },
        attachedAt: at,
      },
      claim: { _id: id, targetKind: 'ticket', targetId: ticketId, at },
    };
  }
}
