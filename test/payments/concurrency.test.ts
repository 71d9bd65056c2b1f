import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { act, createDraft, type Dossier } from '../../src/dossiers/index.js';
import { findUnitByCode, principalByUsername } from '../../src/identity/index.js';
import type { Principal } from '../../src/platform/http/index.js';
import { AppError } from '../../src/platform/http/index.js';
import { openKeystore } from '../../src/documents/keys/keystore.js';
import { localFileStore } from '../../src/platform/storage/index.js';
import { collectFee, createReceiptSigner, type ReceiptSigner } from '../../src/payments/index.js';

const DOSSIERS = 50;

describe('receipt numbers under concurrency', () => {
  let app: TestApp;
  let unitId: number;
  let reception: Principal;
  let signer: ReceiptSigner;

  beforeAll(async () => {
    app = await createTestApp();
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    reception = (await principalByUsername(app.db, 'tumy.tiepnhan'))!;
    // no certificate in this keystore: receipts stay unsigned (signing is after the commit and not what is tested here)
    signer = createReceiptSigner({ db: app.db, keystore: openKeystore(mkdtempSync(join(tmpdir(), 'xaso-nokeys-'))), store: localFileStore(mkdtempSync(join(tmpdir(), 'xaso-store-'))), publicBaseUrl: 'http://localhost' });
  }, 60_000);
  afterAll(() => app.dispose());

  it(`${DOSSIERS} cash payments at once across dossiers of one unit, with 10 double clicks among them: numbers 1..${DOSSIERS}, none twice, none missing`, async () => {
    const now = new Date('2027-03-15T02:00:00Z');
    const dossiers: Dossier[] = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const d = await createDraft(app.db, { unitId, procedureCode: '2.000884', channel: 'counter', applicant: { fullName: `Người nộp ${i + 1}` }, ownerUserId: null, createdBy: reception.userId, now });
      dossiers.push((await act(app.db, { unitId, dossierId: d.id, action: 'receive', actor: reception, payload: {}, idempotencyKey: null, hooks: app.server.dossierHooks, now })).dossier);
    }
    const attempts = [...dossiers, ...dossiers.slice(0, 10)].map((dossier) => collectFee(app.db, signer, { dossier, method: 'cash', reference: null, actor: reception, now }));
    const outcomes = await Promise.allSettled(attempts);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.reason).toMatchObject({ status: 409, code: 'ALREADY_PAID' } satisfies Partial<AppError>);
    const rows = await app.db.withRawTransaction((tx) => tx.query<{ number: number; year: number }>('select number, year from fee_receipts where unit_id = $1 order by number', [unitId]));
    expect(rows.map((r) => Number(r.number))).toEqual(Array.from({ length: DOSSIERS }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2027]));
    const paid = await app.db.withRawTransaction((tx) => tx.query<{ n: number }>(`select count(*)::int as n from payments where unit_id = $1 and status = 'paid'`, [unitId]));
    expect(paid[0]!.n).toBe(DOSSIERS);
  }, 120_000);
});
