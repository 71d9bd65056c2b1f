import type { Database, RawTransaction } from '../platform/db/index.js';
import { AppError, badRequest, notFound } from '../platform/http/index.js';
import { vnDate } from '../platform/clock.js';
import { versionInForce } from '../catalog/index.js';
import { workflowById, type Channel } from './workflow/index.js';
import { ApplicantSchema, RequestSchema, type Applicant, type Dossier } from './model.js';
import { LIGHT_COLUMNS, toDossier } from './rows.js';

export interface NewDossier {
  unitId: number;
  procedureCode: string;
  channel: Channel;
  applicant: unknown;
  request?: unknown;
  ownerUserId: number | null;
  createdBy: number;
  createKey?: string | null;
  now?: Date;
}

function parseApplicantAndRequest(applicant: unknown, request: unknown) {
  const a = ApplicantSchema.safeParse(applicant ?? {});
  const r = RequestSchema.safeParse(request ?? {});
  const issues = [...(a.success ? [] : a.error.issues), ...(r.success ? [] : r.error.issues)];
  if (issues.length) {
    const errors = issues.map((i) => ({ param: String(i.path[0] ?? 'applicant'), message: i.message }));
    throw badRequest('INVALID_PAYLOAD', errors.map((e) => e.message).join(' '), errors);
  }
  return { applicant: a.data!, request: r.data! };
}

/** Finds the applicant record (by account, then by ID number) or creates it. */
async function applicantId(tx: RawTransaction, a: Applicant, ownerUserId: number | null): Promise<number> {
  if (ownerUserId) {
    // One applicant record per account; the upsert is safe when two drafts are created at once.
    const own = await tx.query<{ id: number }>(
      `insert into applicants (full_name, id_number, phone, email, address, user_id) values ($2, nullif($3, ''), nullif($4, ''), nullif($5, ''), $6, $1)
       on conflict (user_id) where user_id is not null do update set full_name = excluded.full_name, id_number = excluded.id_number,
         phone = excluded.phone, email = excluded.email, address = excluded.address
       where (applicants.full_name, applicants.id_number, applicants.phone, applicants.email, applicants.address)
         is distinct from (excluded.full_name, excluded.id_number, excluded.phone, excluded.email, excluded.address)
       returning id`,
      [ownerUserId, a.fullName, a.idNumber, a.phone, a.email, a.address],
    );
    if (own[0]) return Number(own[0].id);
    const same = await tx.query<{ id: number }>('select id from applicants where user_id = $1', [ownerUserId]);
    return Number(same[0]!.id);
  } else if (a.idNumber) {
    const same = await tx.query<{ id: number }>('select id from applicants where id_number = $1 and user_id is null order by id limit 1', [a.idNumber]);
    if (same[0]) return Number(same[0].id);
  }
  const rows = await tx.query<{ id: number }>(
    `insert into applicants (full_name, id_number, phone, email, address, user_id) values ($1, nullif($2, ''), nullif($3, ''), nullif($4, ''), $5, $6) returning id`,
    [a.fullName, a.idNumber, a.phone, a.email, a.address, ownerUserId],
  );
  return Number(rows[0]!.id);
}

/** Creates a draft dossier pinning the procedure version and workflow in force today. */
export async function createDraft(db: Database, input: NewDossier): Promise<Dossier> {
  const { applicant, request } = parseApplicantAndRequest(input.applicant, input.request);
  const now = input.now ?? new Date();
  const version = await versionInForce(db, input.procedureCode, vnDate(now));
  if (!version) throw notFound(`Không có thủ tục mã ${input.procedureCode} đang áp dụng.`);
  const workflow = workflowById(version.data.workflow);
  if (!workflow) throw new AppError(500, 'NO_WORKFLOW', `Quy trình ${version.data.workflow} chưa được định nghĩa.`);
  return db.withRawTransaction(async (tx) => {
    if (input.createKey) {
      // concurrent requests with the same key wait here for each other, then find the first one's dossier
      await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`dossier-create:${input.unitId}:${input.createKey}`]);
      const existing = await tx.query('select * from dossiers_full where unit_id = $1 and create_key = $2', [input.unitId, input.createKey]);
      if (existing[0]) return toDossier(existing[0]);
    }
    const aid = await applicantId(tx, applicant, input.ownerUserId);
    const rows = await tx.query(
      `insert into dossiers (unit_id, procedure_code, procedure_version, workflow_id, workflow_version, channel, state, applicant_id, applicant, owner_user_id, request, create_key, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, 'draft', $7, $8::jsonb, $9, $10::jsonb, $11, $12, $13) returning ${LIGHT_COLUMNS}`,
      [input.unitId, version.data.code, version.version, workflow.id, workflow.version, input.channel, aid, JSON.stringify(applicant),
        input.ownerUserId, JSON.stringify(request), input.createKey ?? null, input.createdBy, now.toISOString()],
    );
    await tx.query('insert into dossier_rules (unit_id, dossier_id, procedure, workflow) values ($1, $2, $3::jsonb, $4::jsonb)',
      [input.unitId, rows[0]!.id, JSON.stringify(version.data), JSON.stringify(workflow)]);
    return { ...toDossier(rows[0]!), procedure: version.data, workflow };
  });
}

/** Changes the applicant and request of a draft (nothing else may change before submission). */
export async function updateDraft(db: Database, d: Dossier, input: { applicant: unknown; request: unknown }): Promise<Dossier> {
  if (d.state !== 'draft') throw new AppError(409, 'NOT_DRAFT', 'Hồ sơ đã nộp, không sửa được thông tin.');
  const { applicant, request } = parseApplicantAndRequest(input.applicant, input.request);
  return db.withRawTransaction(async (tx) => {
    const aid = await applicantId(tx, applicant, d.ownerUserId);
    const rows = await tx.query(
      `update dossiers set applicant = $3::jsonb, request = $4::jsonb, applicant_id = $5, updated_at = now() where unit_id = $1 and id = $2 and state = 'draft' returning ${LIGHT_COLUMNS}`,
      [d.unitId, d.id, JSON.stringify(applicant), JSON.stringify(request), aid],
    );
    if (!rows[0]) throw new AppError(409, 'NOT_DRAFT', 'Hồ sơ đã nộp, không sửa được thông tin.');
    return { ...toDossier(rows[0]), procedure: d.procedure, workflow: d.workflow };
  });
}
