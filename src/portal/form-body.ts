import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { StaffRole } from '../platform/http/index.js';
import { forbidden, unitsWithRole } from '../platform/http/index.js';

/** Who edits the website of the site's unit. */
export const EDITOR_ROLES: readonly StaffRole[] = ['editor', 'unitAdmin'];

/** The site's unit, if the caller edits it; 403 otherwise (an editor of another commune edits nothing here). */
export function editorUnit(request: FastifyRequest): number {
  const unitId = request.site.unitId;
  if (!unitsWithRole(request.principal, EDITOR_ROLES).includes(unitId)) throw forbidden('Bạn không phải biên tập viên trang thông tin của xã này.');
  return unitId;
}

type Part = string | { value?: unknown } | MultipartFile | undefined;

/** The page number of a list (?trang=N, 1 when absent or not a number). */
export function pageNumber(request: FastifyRequest): number {
  const t = field(request.query, 'trang', 6);
  return /^\d{1,5}$/.test(t) && Number(t) >= 1 ? Number(t) : 1;
}

/** A form field of a urlencoded or multipart body as NFC text (line endings normalised), cut at `max`. */
export function field(body: unknown, name: string, max = 300): string {
  const v = (body as Record<string, Part> | null | undefined)?.[name];
  const raw = typeof v === 'string' ? v : v && typeof v === 'object' && 'value' in v && typeof v.value === 'string' ? v.value : '';
  return raw.normalize('NFC').replace(/\r\n?/g, '\n').slice(0, max);
}

/** The uploaded file of a multipart body, when one was chosen. */
export function fileOf(body: unknown, name: string): MultipartFile | null {
  const v = (body as Record<string, Part> | null | undefined)?.[name];
  return v && typeof v === 'object' && 'toBuffer' in v && typeof v.toBuffer === 'function' && v.filename ? v : null;
}

/** A positive id from the URL, or null. */
export function idOf(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}
