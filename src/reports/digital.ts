/**
 * The digital-transformation figures communes report in their reviews (báo cáo chuyển đổi số), for a set of units
 * and a period: staff working in the system, staff with a signing certificate, documents signed digitally,
 * procedures received through the one-stop system, online dossiers and the on-time rate.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { vnDate } from '../platform/clock.js';
import { allInForce } from '../catalog/index.js';
import { processingReport, scopeCondition, type ReportFilter } from './report.js';

export interface Share { numerator: number; denominator: number; ratio: number | null }
const share = (numerator: number, denominator: number): Share => ({ numerator, denominator, ratio: denominator === 0 ? null : numerator / denominator });

export interface DigitalFigures {
  staffActive: Share;
  staffWithCertificate: Share;
  documentsSigned: Share;
  proceduresReceived: Share;
  onlineDossiers: number;
  newDossiers: number;
  onTimeRate: number | null;
}

/** Which of these staff hold a valid signing certificate (the keystore knows; the database never holds keys). */
export type CertificateHolders = (usernames: string[]) => Promise<Set<string>>;

export async function digitalFigures(db: Database, filter: ReportFilter, holders: CertificateHolders, now = new Date()): Promise<DigitalFigures> {
  const report = await processingReport(db, filter, now);
  const units = sql.param(filter.unitIds);
  const from = sql`${filter.from.toISOString()}::timestamptz`;
  const to = sql`${filter.to.toISOString()}::timestamptz`;
  const staff = await db.rows<{ id: number; username: string }>(sql`select distinct u.id, u.username from users u join user_roles r on r.user_id = u.id
    where r.unit_id = any(${units}) and u.is_active and u.account_type = 'staff' and r.role in ('receptionist', 'specialist', 'leader', 'clerk')`);
  const active = filter.unitIds.length === 0 ? [] : await db.rows<{ id: number }>(sql`
    select s.received_by as id from dossier_stats s where ${scopeCondition(filter)} and s.received_at >= ${from} and s.received_by is not null
    union select s.handled_by from dossier_stats s where ${scopeCondition(filter)} and s.handled_by is not null
    union select o.approved_by from outgoing_documents o where o.unit_id = any(${units}) and o.approved_at >= ${from} and o.approved_at < ${to} and o.approved_by is not null
    union select o.created_by from outgoing_documents o where o.unit_id = any(${units}) and o.created_at >= ${from} and o.created_at < ${to} and o.created_by is not null`);
  const staffIds = new Set(staff.map((s) => Number(s.id)));
  const withCertificate = await holders(staff.map((s) => s.username));
  const docs = await db.rows<{ signed: number; issued: number }>(sql`select
      count(*) filter (where state = 'signed')::int as signed, count(*)::int as issued
    from outgoing_documents where unit_id = any(${units}) and state in ('signed', 'awaitingSignature')
      and coalesce(signed_at, approved_at) >= ${from} and coalesce(signed_at, approved_at) < ${to}`);
  const procedures = await allInForce(db, vnDate(new Date(Math.min(filter.to.getTime(), now.getTime()) - 1)));
  const received = filter.unitIds.length === 0 ? [] : await db.rows<{ code: string }>(sql`select distinct s.procedure_code as code from dossier_stats s
    where ${scopeCondition(filter)} and s.received_at >= ${from}`);
  const inCatalogue = new Set(procedures.map((p) => p.code));
  return {
    staffActive: share(active.filter((a) => staffIds.has(Number(a.id))).length, staffIds.size),
    staffWithCertificate: share(withCertificate.size, staffIds.size),
    documentsSigned: share(Number(docs[0]?.signed ?? 0), Number(docs[0]?.issued ?? 0)),
    proceduresReceived: share(received.filter((r) => inCatalogue.has(r.code)).length, procedures.length),
    onlineDossiers: report.total.receivedOnline,
    newDossiers: report.total.newInPeriod,
    onTimeRate: report.total.onTimeRate,
  };
}
