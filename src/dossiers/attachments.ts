import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/http/index.js';
import type { FileStore } from '../platform/storage/index.js';
import type { Dossier } from './model.js';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_DOSSIER_BYTES = 50 * 1024 * 1024;

export interface Attachment {
  id: number;
  documentIndex: number | null;
  label: string;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  digitized: boolean;
  storageKey: string;
  createdAt: Date;
}

/** The file's real type from its first bytes; the name and the browser's claim are not trusted. */
export function sniffMime(bytes: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

const safeName = (name: string) => name.normalize('NFC').replace(/[\\/\x00-\x1f]/g, '_').slice(-120) || 'tep';

export async function listAttachments(db: Database, d: Pick<Dossier, 'unitId' | 'id'>): Promise<Attachment[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`select * from attachments where unit_id = ${d.unitId} and dossier_id = ${d.id} order by id`);
  return rows.map((r) => ({
    id: Number(r.id), documentIndex: r.document_index == null ? null : Number(r.document_index), label: r.label as string, fileName: r.file_name as string,
    mime: r.mime as string, sizeBytes: Number(r.size_bytes), sha256: r.sha256 as string, digitized: Boolean(r.digitized), storageKey: r.storage_key as string, createdAt: new Date(r.created_at as string),
  }));
}

/**
 * Stores an uploaded paper: checks type by content and the size limits first, then writes the file and its row.
 * A refused upload leaves nothing behind; one whose row fails to insert may leave its (content-named) file.
 */
export async function addAttachment(
  db: Database,
  store: FileStore,
  input: { dossier: Dossier; documentIndex: number | null; fileName: string; bytes: Buffer; digitized: boolean; uploadedBy: number },
): Promise<Attachment> {
  const { dossier: d, bytes } = input;
  if (bytes.length === 0) throw new AppError(400, 'EMPTY_FILE', 'Tệp trống. Hãy chọn lại tệp.');
  if (bytes.length > MAX_FILE_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', `Tệp quá lớn: tối đa ${MAX_FILE_BYTES / 1024 / 1024} MB mỗi tệp.`);
  const mime = sniffMime(bytes);
  if (!mime) throw new AppError(415, 'UNSUPPORTED_FILE', 'Chỉ nhận tệp PDF, JPEG hoặc PNG. Tệp này không phải một trong các loại đó.');
  const docs = d.procedure.requiredDocuments;
  if (input.documentIndex !== null && (input.documentIndex < 0 || input.documentIndex >= docs.length)) {
    throw new AppError(400, 'INVALID_DOCUMENT', 'Thành phần hồ sơ không hợp lệ.');
  }
  const used = await db.rows<{ total: number }>(sql`select coalesce(sum(size_bytes), 0)::int as total from attachments where unit_id = ${d.unitId} and dossier_id = ${d.id}`);
  if ((used[0]?.total ?? 0) + bytes.length > MAX_DOSSIER_BYTES) {
    throw new AppError(413, 'DOSSIER_TOO_LARGE', `Tổng dung lượng tệp của hồ sơ vượt quá ${MAX_DOSSIER_BYTES / 1024 / 1024} MB.`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = `u${d.unitId}/${sha256.slice(0, 2)}/${sha256}`;
  const label = input.documentIndex === null ? 'Giấy tờ khác' : docs[input.documentIndex]!.name;
  // The file goes first, so a committed row never lacks its file. If the insert then fails, the file stays: it is
  // named by its content, so another upload of the same bytes (even one committing right now) may own it.
  await store.put(key, bytes);
  const rows = await db.rows<{ id: number; created_at: string }>(sql`insert into attachments
      (unit_id, dossier_id, document_index, label, file_name, mime, size_bytes, sha256, storage_key, digitized, uploaded_by)
      values (${d.unitId}, ${d.id}, ${input.documentIndex}, ${label}, ${safeName(input.fileName)}, ${mime}, ${bytes.length}, ${sha256}, ${key}, ${input.digitized}, ${input.uploadedBy})
      returning id, created_at`);
  return { id: Number(rows[0]!.id), documentIndex: input.documentIndex, label, fileName: safeName(input.fileName), mime, sizeBytes: bytes.length, sha256, digitized: input.digitized, storageKey: key, createdAt: new Date(rows[0]!.created_at) };
}
