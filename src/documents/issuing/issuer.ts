/**
 * Signing approved documents: number from the register, render with number, date and the verification QR,
 * sign as the approving officer then seal as the unit, store the PDF — all inside one transaction, so a
 * failure leaves the document unsigned and unnumbered (no half-signed file is ever recorded, no number is
 * lost). A failed attempt is recorded with its reason and retried by the background job with backoff; the
 * row lock is taken with SKIP LOCKED so that with several instances each document is signed once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { audit } from '../../platform/audit.js';
import { peoplesCommitteeName } from '../../identity/index.js';
import type { BuildCmsOptions } from '../../signing/index.js';
import type { Keystore } from '../keys/keystore.js';
import { officialDocumentSchema, type OfficialDocument } from '../official/model.js';
import { renderOfficialPdf } from '../official/render.js';
import { formatDocumentNumber } from '../register/numbering.js';
import { allocateNumber, toOutgoing, type OutgoingDocument } from '../register/store.js';
import { signOfficialDocument } from './sign-official.js';
import { fillNumber } from './dossier-result.js';
import { markElectronicResult } from '../../reports/index.js';

export interface IssuerDeps {
  db: Database;
  keystore: Keystore;
  store: FileStore;
  /** Absolute base of the public site, for the QR code: "https://tumy.hatinh.gov.vn". */
  publicBaseUrl: string | (() => string);
  /** CMS options for every signature (e.g. an RFC 3161 timestamper for PAdES B-T). */
  cms?: BuildCmsOptions;
  clock?: () => Date;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export type SignOutcome =
  | { status: 'signed'; document: OutgoingDocument }
  | { status: 'failed'; reason: string }
  | { status: 'skipped'; reason: 'busy' | 'notPending' };

export interface Issuer {
  /** Signs one approved document now. */
  sign(unitId: number, id: number): Promise<SignOutcome>;
  /** Signs the documents whose next attempt is due; returns how many were signed. */
  runDue(limit?: number): Promise<number>;
  /** Starts the background job; returns its stop function (which waits for a run in progress). */
  start(intervalMs?: number): () => Promise<void>;
  verificationUrl(token: string): string;
}

export class SigningSetupError extends Error {}

/** Retry delay after `attempts` failures: 30 s, 1, 2, 4 … minutes, at most one hour. */
export const retryDelayMs = (attempts: number): number => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

interface Context {
  unitCode: string;
  unitName: string;
  parentName: string | null;
  approverUsername: string | null;
  approverName: string | null;
}

function readImage(ks: Keystore, kind: 'units' | 'users', name: string, suffix: 'seal' | 'signature'): Buffer | null {
  const file = join(ks.dir, kind, `${name}.${suffix}.png`);
  return existsSync(file) ? readFileSync(file) : null;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export function createIssuer(deps: IssuerDeps): Issuer {
  const { db, keystore: ks, store } = deps;
  const clock = deps.clock ?? (() => new Date());
  const base = () => (typeof deps.publicBaseUrl === 'function' ? deps.publicBaseUrl() : deps.publicBaseUrl).replace(/\/$/, '');
  const verificationUrl = (token: string) => `${base()}/kiem-tra-chu-ky/van-ban/${token}`;

  async function contextOf(unitId: number, id: number): Promise<Context | null> {
    const rows = await db.withRawTransaction((tx) => tx.query<{ unit_code: string; unit_name: string; parent_name: string | null; approver_username: string | null; approver_name: string | null }>(
      `select u.code as unit_code, u.full_name as unit_name, p.full_name as parent_name, us.username as approver_username, us.full_name as approver_name
       from outgoing_documents o join units u on u.id = o.unit_id left join units p on p.id = u.parent_id left join users us on us.id = o.approved_by
       where o.unit_id = $1 and o.id = $2`, [unitId, id]));
    const r = rows[0];
    return r ? { unitCode: r.unit_code, unitName: r.unit_name, parentName: r.parent_name, approverUsername: r.approver_username, approverName: r.approver_name } : null;
  }

  async function signersOf(c: Context) {
    if (!c.approverUsername) throw new SigningSetupError('Văn bản chưa được lãnh đạo phê duyệt.');
    // keys are opened before the transaction: decrypting a PKCS#12 file takes time and needs no lock
    const person = await ks.signer('user', c.approverUsername);
    if (!person) throw new SigningSetupError(`Lãnh đạo ${c.approverName ?? c.approverUsername} chưa có chứng thư số trong kho khóa (xaso keys import --user ${c.approverUsername}).`);
    const seal = await ks.signer('unit', c.unitCode);
    if (!seal) throw new SigningSetupError(`Đơn vị ${c.unitName} chưa có chứng thư số của cơ quan (xaso keys import --unit ${c.unitCode}).`);
    return {
      person: { signer: person, name: c.approverName ?? c.approverUsername, png: readImage(ks, 'users', c.approverUsername, 'signature') },
      seal: { signer: seal, bodyName: peoplesCommitteeName(c.unitName), parentName: c.parentName, png: readImage(ks, 'units', c.unitCode, 'seal') },
    };
  }

  async function recordFailure(unitId: number, id: number, reason: string): Promise<void> {
    await db.withRawTransaction(async (tx) => {
      const rows = await tx.query<{ sign_attempts: number }>(
        `update outgoing_documents set sign_attempts = sign_attempts + 1, last_error = $3, updated_at = now()
         where unit_id = $1 and id = $2 and state = 'awaitingSignature' returning sign_attempts`, [unitId, id, reason]);
      const attempts = Number(rows[0]?.sign_attempts ?? 1);
      await tx.query(`update outgoing_documents set next_attempt_at = now() + ($3::integer * interval '1 millisecond') where unit_id = $1 and id = $2`,
        [unitId, id, retryDelayMs(attempts)]);
    });
  }

  async function sign(unitId: number, id: number): Promise<SignOutcome> {
    const signingTime = clock();
    let signed: OutgoingDocument | null = null;
    try {
      const c = await contextOf(unitId, id);
      if (!c) return { status: 'skipped', reason: 'notPending' };
      const signers = await signersOf(c);
      const outcome = await db.withRawTransaction(async (tx): Promise<'busy' | 'notPending' | OutgoingDocument> => {
        const rows = await tx.query('select * from outgoing_documents where unit_id = $1 and id = $2 for update skip locked', [unitId, id]);
        if (!rows[0]) return 'busy';
        const row = toOutgoing(rows[0]);
        if (row.state !== 'awaitingSignature') return 'notPending';
        const { number, year } = await allocateNumber(tx, unitId, id, signingTime);
        const documentNumber = formatDocumentNumber(number, row.symbol);
        const stored = officialDocumentSchema.parse({ ...row.document, date: null });
        const model: OfficialDocument = fillNumber({
          ...stored, number: String(number), symbol: row.symbol, date: signingTime, qrUrl: verificationUrl(row.publicToken),
          signature: { ...stored.signature, signerName: signers.person.name },
        }, documentNumber);
        const rendered = await renderOfficialPdf(model);
        const pdf = Buffer.from(await signOfficialDocument({
          pdf: rendered.pdf, signatureRect: rendered.signatureRect, signers, signingTime, location: model.place, documentNumber, cms: deps.cms,
        }));
        const sha256 = createHash('sha256').update(pdf).digest('hex');
        const storageKey = `outgoing/${unitId}/${year}/${id}-${sha256.slice(0, 16)}`;
        await store.put(storageKey, pdf); // before commit: a crash after this leaves an unreferenced file, never a missing one
        const updated = await tx.query(
          `update outgoing_documents set storage_key = $3, pdf_sha256 = $4, signer_user_id = approved_by, signer_name = $5, last_error = null,
             next_attempt_at = null, document = $6::jsonb, updated_at = now() where unit_id = $1 and id = $2 returning *`,
          [unitId, id, storageKey, sha256, signers.person.name, JSON.stringify({ ...model, date: signingTime.toISOString() })]);
        if (row.dossierId !== null) await markElectronicResult(tx, unitId, row.dossierId);
        return toOutgoing(updated[0]!);
      });
      if (outcome === 'busy' || outcome === 'notPending') return { status: 'skipped', reason: outcome };
      signed = outcome;
    } catch (err) {
      const reason = errorText(err);
      await recordFailure(unitId, id, reason);
      deps.log?.warn({ unitId, id, reason }, 'signing failed; will retry');
      return { status: 'failed', reason };
    }
    await audit(db, {
      unitId, actorUserId: signed.signerUserId, action: 'outgoing.sign', target: `outgoing:${id}`,
      details: { number: formatDocumentNumber(signed.number!, signed.symbol), sha256: signed.pdfSha256, dossierId: signed.dossierId },
    });
    return { status: 'signed', document: signed };
  }

  async function runDue(limit = 20): Promise<number> {
    const due = await db.withRawTransaction((tx) => tx.query<{ unit_id: number; id: number }>(
      `select unit_id, id from outgoing_documents where state = 'awaitingSignature' and (next_attempt_at is null or next_attempt_at <= now())
       order by next_attempt_at nulls first, id limit $1`, [limit]));
    let n = 0;
    for (const r of due) if ((await sign(Number(r.unit_id), Number(r.id))).status === 'signed') n++;
    return n;
  }

  function start(intervalMs = 15_000): () => Promise<void> {
    let running: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      if (running) return;
      running = runDue().catch((err: unknown) => deps.log?.warn({ err: errorText(err) }, 'signing job failed')).finally(() => { running = null; });
    }, intervalMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  return { sign, runDue, start, verificationUrl };
}
