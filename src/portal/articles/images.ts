import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/index.js';
import type { FileStore } from '../../platform/storage/index.js';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const EXT: Record<ImageMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type read from the first bytes (never from the name or the browser's word). */
export function sniffImage(bytes: Buffer): ImageMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** The public address of a stored image: /tep/anh/<sha256>.<ext> */
export const imagePath = (sha256: string, mime: string) => `/tep/anh/${sha256}.${EXT[mime as ImageMime] ?? 'bin'}`;

/** Stores an uploaded image of the unit (named by its content, so the same bytes are stored once). */
export async function saveImage(db: Database, store: FileStore, unitId: number, userId: number, bytes: Buffer): Promise<{ sha256: string; mime: ImageMime }> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError(413, 'IMAGE_TOO_LARGE', 'Ảnh quá lớn: tối đa 5 MB.');
  const mime = sniffImage(bytes);
  if (!mime) throw new AppError(400, 'NOT_AN_IMAGE', 'Ảnh đại diện phải là tệp JPEG, PNG hoặc WebP.', [{ param: 'cover', message: 'Chọn ảnh JPEG, PNG hoặc WebP.' }]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = `portal/${unitId}/${sha256}`;
  await store.put(key, bytes); // before the row: a crash leaves an unreferenced file, never a row without its file
  await db.rows(sql`insert into portal_images (unit_id, sha256, mime, storage_key, byte_size, uploaded_by)
    values (${unitId}, ${sha256}, ${mime}, ${key}, ${bytes.length}, ${userId}) on conflict (unit_id, sha256) do nothing`);
  return { sha256, mime };
}

export async function loadImage(db: Database, store: FileStore, unitId: number, sha256: string): Promise<{ mime: string; bytes: Buffer } | null> {
  const rows = await db.rows<{ mime: string; storage_key: string }>(sql`select mime, storage_key from portal_images where unit_id = ${unitId} and sha256 = ${sha256}`);
  const row = rows[0];
  return row ? { mime: row.mime, bytes: await store.get(row.storage_key) } : null;
}
