/**
 * /can-bo/thu-phi/so-thu (a day) and /can-bo/thu-phi/bao-cao (a period), each with .xlsx and .pdf: receptionists,
 * unit administrators and leaders see their unit; a province administrator chooses a commune or the whole province.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { badRequest, sendHtml, type FieldError, type StaffRole } from '../../platform/http/index.js';
import { pageContext } from '../../web/context.js';
import { formatVnDate } from '../../documents/text.js';
import { peoplesCommitteeName } from '../../identity/index.js';
import { parseVnDate, readFilters, readUnitScope, sendExport, vnDayStart, type ExportDocument, type UnitScope } from '../../reports/index.js';
import { cashBook, revenueReport } from './data.js';
import { CashBookPage, RevenuePage } from './pages.js';

export const BOOK_ROLES: readonly StaffRole[] = ['receptionist', 'unitAdmin', 'leader', 'provinceAdmin'];

const str = (v: unknown, max = 20) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');

const scopeName = (s: UnitScope) => (s.wholeProvince ? `${peoplesCommitteeName(s.unit.fullName)} (toàn tỉnh)` : peoplesCommitteeName(s.unit.fullName));
const refused = (errors: FieldError[]) => badRequest('INVALID_FILTER', `Chưa xem được sổ: ${errors.map((e) => e.message).join(' ')}`, errors);

export function registerPaymentReports(app: FastifyInstance, deps: { db: Database; clock?: () => Date }): void {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function cashBookOf(request: FastifyRequest) {
    const q = request.query as Record<string, unknown>;
    const errors: FieldError[] = [];
    const dayText = str(q.ngay) || formatVnDate(clock());
    const day = parseVnDate(dayText);
    if (!day) errors.push({ param: 'ngay', message: 'Ngày không đúng. Nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2027.' });
    const { scope, unitChoices } = await readUnitScope(db, request, str(q['don-vi'], 10), BOOK_ROLES, errors);
    const params = { ngay: dayText, ...(scope ? { 'don-vi': scope.unit.code } : {}) };
    let doc: ExportDocument | null = null;
    if (day && scope && !errors.length) {
      const from = vnDayStart(day.year, day.month, day.day);
      doc = await cashBook(db, { unitIds: scope.unitIds, from, to: vnDayStart(day.year, day.month, day.day + 1) }, {
        fileName: `so-thu-phi-${day.year}${String(day.month).padStart(2, '0')}${String(day.day).padStart(2, '0')}-${scope.unit.code}`,
        unitName: scopeName(scope), lines: [`Ngày ${formatVnDate(from)}`],
      });
    }
    return { dayText, scope, unitChoices, errors, params, doc };
  }

  app.get('/can-bo/thu-phi', { config: { access: BOOK_ROLES } }, async (_request, reply) => reply.redirect('/can-bo/thu-phi/so-thu', 303));

  app.get('/can-bo/thu-phi/so-thu', { config: { access: BOOK_ROLES } }, async (request, reply) => {
    const b = await cashBookOf(request);
    return sendHtml(reply, CashBookPage({
      ctx: pageContext(request), day: b.dayText, unitCode: b.scope?.unit.code ?? '', unitChoices: b.unitChoices, errors: b.errors, doc: b.doc, params: b.params,
    }), b.errors.length ? 400 : 200);
  });

  async function revenueOf(request: FastifyRequest) {
    const filters = await readFilters(db, request, { detail: false, roles: BOOK_ROLES, now: clock() });
    const doc = filters.filter && filters.scope && filters.period
      ? await revenueReport(db, filters.filter, { fileName: `bao-cao-thu-phi-${filters.scope.unit.code}`, unitName: scopeName(filters.scope), lines: [filters.period.range] })
      : null;
    return { filters, doc };
  }

  app.get('/can-bo/thu-phi/bao-cao', { config: { access: BOOK_ROLES } }, async (request, reply) => {
    const { filters, doc } = await revenueOf(request);
    return sendHtml(reply, RevenuePage({ ctx: pageContext(request), filters, doc }), filters.errors.length ? 400 : 200);
  });

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(`/can-bo/thu-phi/so-thu.${format}`, { config: { access: BOOK_ROLES } }, async (request, reply) => {
      const b = await cashBookOf(request);
      if (!b.doc) throw refused(b.errors);
      return sendExport(reply, b.doc, format);
    });
    app.get(`/can-bo/thu-phi/bao-cao.${format}`, { config: { access: BOOK_ROLES } }, async (request, reply) => {
      const { filters, doc } = await revenueOf(request);
      if (!doc) throw refused(filters.errors);
      return sendExport(reply, doc, format);
    });
  }
}
