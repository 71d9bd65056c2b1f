import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedEventFields {
  unitId: number;
  dossierId: number;
  seq: number;
  action: string;
  actorUserId: number | null;
  actorName: string;
  at: string; // ISO 8601 UTC
  stateBefore: string | null;
  stateAfter: string;
  dueAt: string | null;
  payload: unknown;
}

/** hash = SHA-256(previous hash + canonical JSON of the event). Each dossier has its own chain. */
export function eventHash(prevHash: string | null, e: HashedEventFields): string {
  return createHash('sha256').update(prevHash ?? '').update('\n').update(canonicalJson(e)).digest('hex');
}
