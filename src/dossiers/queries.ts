import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { foldDiacritics } from '../platform/i18n/text.js';
import { toDossier, toEvent } from './rows.js';
import type { Dossier, DossierEvent } from './model.js';

export async function getDossier(db: Database, unitId: number, id: number): Promise<Dossier | null> {
  const rows = await db.rows(sql`select * from dossiers_full where unit_id = ${unitId} and id = ${id}`);
  return rows[0] ? toDossier(rows[0]) : null;
}

export async function getDossierByCode(db: Database, code: string): Promise<Dossier | null> {
  const rows = await db.rows(sql`select * from dossiers_full where code = ${code}`);
  return rows[0] ? toDossier(rows[0]) : null;
}

/** A dossier by its public reference: its code, or `nhap-<id>` for a draft. */
export async function getDossierByRef(db: Database, ref: string): Promise<Dossier | null> {
  const draft = /^nhap-(\d{1,15})$/.exec(ref);
  if (draft) {
    const rows = await db.rows(sql`select * from dossiers_full where id = ${Number(draft[1])} and code is null`);
    return rows[0] ? toDossier(rows[0]) : null;
  }
  return ref.length <= 60 ? getDossierByCode(db, ref) : null;
}

export async function listEvents(db: Database, d: Pick<Dossier, 'unitId' | 'id'>): Promise<DossierEvent[]> {
  const rows = await db.rows(sql`select * from dossier_events where unit_id = ${d.unitId} and dossier_id = ${d.id} order by seq`);
  return rows.map(toEvent);
}

export type QueueName = 'toReceive' | 'drafts' | 'assignedToMe' | 'awaitingApproval' | 'dueSoon' | 'overdue' | 'waitingApplicant' | 'resultReady' | 'all';

export interface QueueQuery {
  unitIds: number[];
  userId: number;
  queue: QueueName;
  now: Date;
  /** due within this moment counts as "due soon" (now + one working day, from the calendar). */
  dueSoonUntil: Date;
  q?: string;
  limit: number;
  offset: number;
}

const RUNNING = sql`state in ('received', 'processing', 'awaitingApproval')`;

function queueFilter(q: QueueQuery): SQL {
  switch (q.queue) {
    case 'toReceive':
      return sql`state = 'submitted'`;
    case 'drafts':
      return sql`state = 'draft' and created_by = ${q.userId} and owner_user_id is null`;
    case 'assignedToMe':
      return sql`state = 'processing' and assigned_to = ${q.userId}`;
    case 'awaitingApproval':
      return sql`state = 'awaitingApproval'`;
    case 'dueSoon':
      return sql`${RUNNING} and due_at >= ${q.now.toISOString()}::timestamptz and due_at <= ${q.dueSoonUntil.toISOString()}::timestamptz`;
    case 'overdue':
      return sql`${RUNNING} and due_at < ${q.now.toISOString()}::timestamptz`;
    case 'waitingApplicant':
      return sql`state = 'supplementRequested'`;
    case 'resultReady':
      return sql`state in ('resultReady', 'refused')`;
    case 'all':
      return sql`state <> 'draft' or (created_by = ${q.userId} and owner_user_id is null)`;
  }
}

function searchFilter(text: string | undefined): SQL {
  const folded = foldDiacritics(text ?? '').slice(0, 100);
  if (!folded) return sql`true`;
  const like = '%' + folded.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  return sql`(lower(coalesce(code, '')) like ${like} or f_unaccent(lower(applicant->>'fullName')) like ${like} or applicant->>'phone' like ${like})`;
}

export async function queueDossiers(db: Database, q: QueueQuery): Promise<{ total: number; items: Dossier[] }> {
  if (!q.unitIds.length) return { total: 0, items: [] };
  const rows = await db.rows(sql`select *, count(*) over ()::int as total from dossiers_full
    where unit_id = any(${sql.param(q.unitIds)}::int[]) and (${queueFilter(q)}) and ${searchFilter(q.q)}
    order by due_at nulls last, id desc limit ${q.limit} offset ${q.offset}`);
  return { total: Number(rows[0]?.total ?? 0), items: rows.map(toDossier) };
}

export async function queueCounts(db: Database, base: Omit<QueueQuery, 'queue' | 'limit' | 'offset' | 'q'>, queues: QueueName[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const queue of queues) {
    if (!base.unitIds.length) {
      counts[queue] = 0;
      continue;
    }
    const rows = await db.rows<{ n: number }>(sql`select count(*)::int as n from dossiers where unit_id = any(${sql.param(base.unitIds)}::int[]) and (${queueFilter({ ...base, queue, limit: 0, offset: 0 })})`);
    counts[queue] = rows[0]?.n ?? 0;
  }
  return counts;
}

export async function ownDossiers(db: Database, userId: number): Promise<Dossier[]> {
  const rows = await db.rows(sql`select * from dossiers_full where owner_user_id = ${userId} order by created_at desc limit 200`);
  return rows.map(toDossier);
}

/** Staff of a unit holding a role, for pick lists. */
export async function staffWithRole(db: Database, unitId: number, role: string): Promise<Array<{ id: number; fullName: string }>> {
  return db.rows(sql`select u.id, u.full_name as "fullName" from users u join user_roles r on r.user_id = u.id
    where r.unit_id = ${unitId} and r.role = ${role} and u.is_active order by u.full_name`);
}

export async function userNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.rows<{ id: number; full_name: string }>(sql`select id, full_name from users where id = any(${sql.param(ids)}::int[])`);
  return new Map(rows.map((r) => [Number(r.id), r.full_name]));
}

type ApplicantRow = { id: number; full_name: string; phone: string | null; id_number: string | null; address: string | null; email: string | null };
const toApplicantMatch = (r: ApplicantRow) => ({ id: Number(r.id), fullName: r.full_name, phone: r.phone ?? '', idNumber: r.id_number ?? '', address: r.address ?? '', email: r.email ?? '' });

/** Applicants by name without diacritics, phone or ID number (counter intake). */
export async function searchApplicants(db: Database, text: string) {
  const folded = foldDiacritics(text).slice(0, 100);
  if (!folded) return [];
  const words = folded.split(' ').filter(Boolean).slice(0, 6);
  const filter = sql.join(words.map((w) => sql`search_text like ${'%' + w.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`), sql` and `);
  const rows = await db.rows<ApplicantRow>(sql`select id, full_name, phone, id_number, address, email from applicants where ${filter} order by full_name limit 20`);
  return rows.map(toApplicantMatch);
}

export async function getApplicant(db: Database, id: number) {
  const rows = await db.rows<ApplicantRow>(sql`select id, full_name, phone, id_number, address, email from applicants where id = ${id}`);
  return rows[0] ? toApplicantMatch(rows[0]) : null;
}

export interface RegisterRow {
  dossier: Dossier;
  transferredAt: Date | null;
  resultReceivedAt: Date | null;
}

/** The yearly register (Sổ theo dõi hồ sơ): dossiers received in the year, by register number. */
export async function registerRows(db: Database, unitId: number, year: number): Promise<RegisterRow[]> {
  const rows = await db.rows(sql`select d.*,
      (select min(at) from dossier_events e where e.unit_id = d.unit_id and e.dossier_id = d.id and e.action = 'assign') as transferred_at,
      (select max(at) from dossier_events e where e.unit_id = d.unit_id and e.dossier_id = d.id and e.action in ('approve', 'refuse')) as result_at
    from dossiers_full d where d.unit_id = ${unitId} and d.register_book = ${String(year)} and d.received_at is not null
    order by d.register_seq limit 20000`);
  return rows.map((r) => ({
    dossier: toDossier(r),
    transferredAt: r.transferred_at ? new Date(r.transferred_at as string) : null,
    resultReceivedAt: r.result_at ? new Date(r.result_at as string) : null,
  }));
}
