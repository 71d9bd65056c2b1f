import { sql } from 'drizzle-orm';
import type { Database, RawTransaction } from '../platform/db/index.js';
import { conflict } from '../platform/http/index.js';
import { foldDiacritics } from '../platform/i18n/text.js';
import { vnDate } from '../platform/clock.js';
import { ProcedureVersionSchema, type ProcedureVersion } from './model.js';

export interface StoredVersion {
  version: number;
  createdAt: string;
  data: ProcedureVersion;
}

type VersionRow = { version: number; created_at: Date | string; data: unknown };
const toStored = (r: VersionRow): StoredVersion => ({
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
  data: ProcedureVersionSchema.parse(r.data),
});

/** Appends a new immutable version of a procedure inside the caller's transaction. */
export async function insertVersion(tx: RawTransaction, input: ProcedureVersion, userId: number | null): Promise<number> {
  const v = ProcedureVersionSchema.parse(input);
  await tx.query('insert into procedures (code) values ($1) on conflict do nothing', [v.code]);
  await tx.query('select code from procedures where code = $1 for update', [v.code]);
  const same = await tx.query('select version from procedure_versions where code = $1 and effective_from = $2', [v.code, v.effectiveFrom]);
  if (same.length) throw conflict('VERSION_DATE_TAKEN', `Thủ tục ${v.code} đã có phiên bản hiệu lực từ ngày ${v.effectiveFrom.split('-').reverse().join('/')}. Hãy chọn ngày hiệu lực khác.`);
  const rows = await tx.query<{ next: number }>('select coalesce(max(version), 0) + 1 as next from procedure_versions where code = $1', [v.code]);
  const version = Number(rows[0]!.next);
  await tx.query(
    `insert into procedure_versions (code, version, effective_from, name, sector, data, created_by)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [v.code, version, v.effectiveFrom, v.name, v.sector, JSON.stringify(v), userId],
  );
  return version;
}

/** Appends a new immutable version of a procedure. Versions are never changed; a dossier pins one. */
export function createVersion(db: Database, input: ProcedureVersion, userId: number | null): Promise<number> {
  return db.withRawTransaction((tx) => insertVersion(tx, input, userId));
}

/** The newest version by effective date, whatever the date (the base of the next version). */
export async function latestVersion(db: Database, code: string): Promise<StoredVersion | null> {
  const rows = await db.rows<VersionRow>(sql`select version, created_at, data from procedure_versions
    where code = ${code} order by effective_from desc, version desc limit 1`);
  return rows[0] ? toStored(rows[0]) : null;
}

/** The version whose effective date is exactly `effectiveFrom`. */
export async function versionEffectiveOn(db: Database, code: string, effectiveFrom: string): Promise<StoredVersion | null> {
  const rows = await db.rows<VersionRow>(sql`select version, created_at, data from procedure_versions
    where code = ${code} and effective_from = ${effectiveFrom}::date`);
  return rows[0] ? toStored(rows[0]) : null;
}

/** The version in force on `onDate` (YYYY-MM-DD), or null. */
export async function versionInForce(db: Database, code: string, onDate: string): Promise<StoredVersion | null> {
  const rows = await db.rows<{ version: number; created_at: string }>(sql`select version, created_at from procedure_versions
    where code = ${code} and effective_from <= ${onDate}::date order by effective_from desc, version desc limit 1`);
  const found = rows[0];
  if (!found) return null;
  const data = await procedureVersionWith((text, params) => db.withRawTransaction((tx) => tx.query(text, params)), code, Number(found.version));
  return data ? { version: Number(found.version), createdAt: new Date(found.created_at).toISOString(), data } : null;
}

export async function listVersions(db: Database, code: string): Promise<StoredVersion[]> {
  const rows = await db.rows<VersionRow>(sql`select version, created_at, data from procedure_versions where code = ${code} order by version desc`);
  return rows.map(toStored);
}

export interface SearchQuery {
  q?: string | undefined;
  sector?: string | undefined;
  onDate: string;
  limit: number;
  offset: number;
}

/**
 * Searches the versions in force: every word must appear, ignoring case and diacritics
 * ("dang ky khai sinh" finds "Đăng ký khai sinh"); the closest trigram matches come first.
 */
export async function searchProcedures(db: Database, query: SearchQuery): Promise<{ total: number; items: ProcedureVersion[] }> {
  const folded = foldDiacritics(query.q ?? '').slice(0, 200);
  const words = folded.split(' ').filter(Boolean).slice(0, 10);
  const wordFilter = words.length
    ? sql.join(words.map((w) => sql`search_text like ${'%' + w.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`), sql` and `)
    : sql`true`;
  const sectorFilter = query.sector ? sql`sector = ${query.sector}` : sql`true`;
  const rows = await db.rows<{ code: string; version: number; total: number }>(sql`
    with current as (
      select distinct on (code) code, version, sector, search_text from procedure_versions
      where effective_from <= ${query.onDate}::date
      order by code, effective_from desc, version desc
    )
    select code, version, count(*) over ()::int as total from current
    where ${wordFilter} and ${sectorFilter}
    order by ${folded ? sql`similarity(search_text, ${folded}) desc,` : sql``} code
    limit ${query.limit} offset ${query.offset}`);
  return { total: rows[0]?.total ?? 0, items: await versionsOf(db, rows) };
}

/** Versions by (code, version), from this instance's cache, reading and validating only the ones it lacks. */
async function versionsOf(db: Database, keys: Array<{ code: string; version: number }>): Promise<ProcedureVersion[]> {
  const keyOf = (k: { code: string; version: number }) => `${k.code}@${Number(k.version)}`;
  const found = new Map<string, ProcedureVersion>();
  for (const k of keys) {
    const cached = versionCache.get(keyOf(k));
    if (cached) found.set(keyOf(k), cached);
  }
  const missing = keys.filter((k) => !found.has(keyOf(k)));
  if (missing.length) {
    const rows = await db.rows<{ code: string; version: number; data: unknown }>(sql`select code, version, data from procedure_versions
      where (code, version) in (select * from unnest(${sql.param(missing.map((k) => k.code))}::text[], ${sql.param(missing.map((k) => Number(k.version)))}::int[]))`);
    if (versionCache.size + rows.length > 10_000) versionCache.clear();
    for (const r of rows) {
      const v = ProcedureVersionSchema.parse(r.data);
      found.set(keyOf(r), v);
      versionCache.set(keyOf(r), v);
    }
  }
  return keys.map((k) => found.get(keyOf(k))!);
}

/** Sectors of the procedures in force, with how many procedures each has. */
export async function listSectors(db: Database, onDate = vnDate(new Date())): Promise<Array<{ sector: string; count: number }>> {
  return db.rows<{ sector: string; count: number }>(sql`
    select sector, count(*)::int as count from (
      select distinct on (code) code, sector from procedure_versions where effective_from <= ${onDate}::date
      order by code, effective_from desc, version desc) c
    group by sector order by count desc, sector`);
}

export async function allInForce(db: Database, onDate: string): Promise<ProcedureVersion[]> {
  return (await searchProcedures(db, { onDate, limit: 100_000, offset: 0 })).items;
}

export async function countProcedures(db: Database): Promise<number> {
  const rows = await db.rows<{ n: number }>(sql`select count(*)::int as n from procedures`);
  return rows[0]?.n ?? 0;
}

/** Versions never change once written, so each instance may keep the ones it has read. */
const versionCache = new Map<string, ProcedureVersion>();

/**
 * A specific version of a procedure (what a dossier pinned), from the cache or read with `query`
 * (a transaction's query function or the database's).
 */
export async function procedureVersionWith(
  query: (text: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>,
  code: string,
  version: number,
): Promise<ProcedureVersion | null> {
  const key = `${code}@${version}`;
  const cached = versionCache.get(key);
  if (cached) return cached;
  const rows = await query('select data from procedure_versions where code = $1 and version = $2', [code, version]);
  if (!rows[0]) return null;
  const data = ProcedureVersionSchema.parse(rows[0].data);
  if (versionCache.size > 10_000) versionCache.clear();
  versionCache.set(key, data);
  return data;
}

export function procedureVersion(db: Database, code: string, version: number): Promise<ProcedureVersion | null> {
  return procedureVersionWith((text, params) => db.withRawTransaction((tx) => tx.query(text, params)), code, version);
}
