import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { findUnitByCode, findUserByUsername } from '../../src/identity/index.js';
import { allocateNumber, createOutgoingDraft, registerEntries, type OutgoingDocument } from '../../src/documents/register/store.js';
import { documentSymbol, formatDocumentNumber } from '../../src/documents/register/numbering.js';

describe('outgoing register numbering', () => {
  let app: TestApp;
  let unitId: number;
  let userId: number;
  beforeAll(async () => {
    app = await createTestApp();
    unitId = (await findUnitByCode(app.db, '18202'))!.id;
    userId = (await findUserByUsername(app.db, 'tumy.vanthu'))!.id;
  });
  afterAll(() => app.dispose());

  it('writes symbols and numbers as Decree 30 does', () => {
    expect(formatDocumentNumber(5, documentSymbol('decision', 'UBND'))).toBe('05/QĐ-UBND');
    expect(formatDocumentNumber(15, documentSymbol('officialLetter', 'UBND'))).toBe('15/UBND-VP');
    expect(formatDocumentNumber(123, documentSymbol('certificate', 'UBND'))).toBe('123/XN-UBND');
  });

  it('gives 50 concurrent signings 50 consecutive numbers, identical on a repeat, and a rollback leaves no gap', async () => {
    const docs: OutgoingDocument[] = [];
    for (let i = 0; i < 50; i++) docs.push(await createOutgoingDraft(app.db, { unitId, kind: 'decision', symbol: 'QĐ-UBND', summary: `Quyết định số thử ${i}`, document: {}, createdBy: userId }));
    const signedAt = new Date('2026-03-02T09:00:00+07:00');
    const numbers = await Promise.all(docs.map((d) => app.db.withRawTransaction((tx) => allocateNumber(tx, unitId, d.id, signedAt))));
    expect(numbers.map((n) => n.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => n.year))).toEqual(new Set([2026]));
    const again = await app.db.withRawTransaction((tx) => allocateNumber(tx, unitId, docs[0]!.id, signedAt));
    expect(again).toEqual(numbers[0]);

    const failing = await createOutgoingDraft(app.db, { unitId, kind: 'decision', symbol: 'QĐ-UBND', summary: 'Ký lỗi', document: {}, createdBy: userId });
    await expect(app.db.withRawTransaction(async (tx) => {
      await allocateNumber(tx, unitId, failing.id, signedAt);
      throw new Error('signature failed');
    })).rejects.toThrow('signature failed');
    const next = await app.db.withRawTransaction((tx) => allocateNumber(tx, unitId, failing.id, signedAt));
    expect(next.number).toBe(51);
    const entries = await registerEntries(app.db, unitId, 'chung', 2026);
    expect(entries.map((e) => e.number)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  it('starts again from 01 in a new year', async () => {
    const d = await createOutgoingDraft(app.db, { unitId, kind: 'decision', symbol: 'QĐ-UBND', summary: 'Năm mới', document: {}, createdBy: userId });
    const n = await app.db.withRawTransaction((tx) => allocateNumber(tx, unitId, d.id, new Date('2027-01-01T08:00:00+07:00')));
    expect(n).toEqual({ number: 1, year: 2027 });
  });
});
