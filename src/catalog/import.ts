import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import { fromFlat, toFlat, type FlatProcedure } from './flat.js';
import { insertVersion, versionEffectiveOn } from './store.js';
import type { ImportReport } from './admin-views.js';
import type { ProcedureVersion } from './model.js';

const sameContent = (a: ProcedureVersion, b: ProcedureVersion) => {
  const { confidence: _a, ...x } = a;
  const { confidence: _b, ...y } = b;
  return JSON.stringify(toFlat(x as ProcedureVersion)) === JSON.stringify(toFlat(y as ProcedureVersion));
};

/**
 * Imports spreadsheet rows: every row is validated first; if any row is wrong nothing is written.
 * A row equal to the version with the same effective date is left alone; a row with a new effective date
 * becomes a new version; a changed row with an existing effective date is an error (versions never change).
 */
export async function importRows(
  db: Database,
  rows: Array<{ rowNumber: number; flat: Partial<FlatProcedure> }>,
  actor: { userId: number; ip: string },
): Promise<ImportReport> {
  const report: ImportReport = { created: [], unchanged: [], errors: [] };
  const toCreate: ProcedureVersion[] = [];
  const seen = new Set<string>();
  for (const { rowNumber, flat } of rows) {
    const parsed = fromFlat(flat);
    const code = (flat.code ?? '').trim();
    if (!parsed.ok) {
      report.errors.push({ row: rowNumber, code, messages: parsed.errors.map((e) => e.message) });
      continue;
    }
    const v = parsed.value;
    const key = `${v.code}@${v.effectiveFrom}`;
    if (seen.has(key)) {
      report.errors.push({ row: rowNumber, code, messages: ['Trùng mã thủ tục và ngày hiệu lực với một dòng phía trên.'] });
      continue;
    }
    seen.add(key);
    const sameDate = await versionEffectiveOn(db, v.code, v.effectiveFrom);
    if (sameDate && sameContent(sameDate.data, v)) {
      report.unchanged.push(v.code);
      continue;
    }
    if (sameDate) {
      report.errors.push({ row: rowNumber, code, messages: [`Đã có phiên bản hiệu lực từ ngày ${v.effectiveFrom.split('-').reverse().join('/')}; hãy đổi ngày hiệu lực để tạo phiên bản mới.`] });
      continue;
    }
    toCreate.push(v);
  }
  if (report.errors.length) return { ...report, unchanged: [] };
  await db.withRawTransaction(async (tx) => {
    for (const v of toCreate) report.created.push({ code: v.code, version: await insertVersion(tx, v, actor.userId) });
  });
  if (report.created.length) {
    await audit(db, { actorUserId: actor.userId, action: 'procedure.import', details: { created: report.created }, ip: actor.ip });
  }
  return report;
}
