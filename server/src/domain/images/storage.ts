import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../db/private-files.js';

/**
 * Where photos live on disk: DATA_DIR/uploads/<yyyy>/<mm>/<id>.jpg and <id>_thumb.jpg. Every path is
 * built by the server from the random id and the upload month; no part of a client-supplied name is
 * ever used, so there is nothing to traverse and nothing executable is stored.
 */

export const uploadsRoot = (dataDir: string) => path.join(dataDir, 'uploads');

/** 128 random bits: the id is also the capability that lets an <img> tag fetch the photo without a token */
export const newUploadId = () => randomBytes(16).toString('hex');

/** path of the main file relative to the uploads root, from the (UTC) upload month */
export function relPathFor(id: string, at: Date): string {
  const yyyy = String(at.getUTCFullYear());
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${id}.jpg`;
}

export const thumbRelPath = (relPath: string) => relPath.replace(/\.jpg$/, '_thumb.jpg');

/** absolute path, refusing anything that would leave the uploads root (defence in depth: relPath is ours) */
export function absPath(dataDir: string, relPath: string): string {
  const root = uploadsRoot(dataDir);
  const abs = path.resolve(root, relPath);
  if (!abs.startsWith(root + path.sep)) throw new Error('upload path escapes the uploads root');
  return abs;
}

/** write to a temp name in the same folder, then rename: a reader never sees a half-written photo */
async function atomicWrite(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function storePhoto(dataDir: string, relPath: string, main: Buffer, thumb: Buffer): Promise<void> {
  const file = absPath(dataDir, relPath);
  await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  await atomicWrite(absPath(dataDir, thumbRelPath(relPath)), thumb);
  await atomicWrite(file, main);
}

export async function removePhoto(dataDir: string, relPath: string): Promise<void> {
  await rm(absPath(dataDir, relPath), { force: true });
  await rm(absPath(dataDir, thumbRelPath(relPath)), { force: true });
}
