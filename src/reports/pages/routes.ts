/**
 * The statistics pages: the processing report with the dossiers behind each number, the Decision 766 indicators
 * and the digital-transformation figures (staff, each with Excel and PDF exports), and the public transparency page.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/index.js';
import { AppError, badRequest, notFound, sendHtml, createRateLimiter, type FieldError } from '../../platform/http/index.js';
import { findUnitByCode, findUnitById, type Unit } from '../../identity/index.js';
import type { Keystore } from '../../documents/keys/keystore.js';
import { vnParts } from '../../documents/text.js';
import { pageContext, type PageContext } from '../../web/context.js';
import { processingReport, reportDossiers } from '../report.js';
import { computeIndex766 } from '../index766.js';
import { digitalFigures } from '../digital.js';
import { cachedPublicFigures } from '../transparency.js';
import { readFilters, REPORT_ROLES, type Filters } from './filters.js';
import { isMetric } from './labels.js';
import { sendExport, type ExportDocument } from './exports.js';
import { exportBase, reportExport, reportLines, reportMonths, reportSections } from './report-data.js';
import { ReportPage, type ReportPageProps } from './report-page.js';
import { DossierListPage } from './dossier-list-page.js';
import { Index766Page, index766Export, type Index766PageProps } from './index766-page.js';
import { DigitalPage, digitalExport, digitalItems, type DigitalPageProps } from './digital-page.js';
import { keystoreCertificateHolders } from './certificates.js';
import { TransparencyPage } from './transparency-page.js';

export interface ReportDeps {
  db: Database;
  keystore: Keystore;
}

const PAGE_SIZE = 50;
const PUBLIC_MIN_YEAR = 2020;
const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');

/** A staff statistics page: its filters, its figures, the page and the same figures as an export. */
interface StatsPage<R> {
  path: string;
  /** Sector, procedure and officer filters apply. */
  detail: boolean;
  compute(filters: ValidFilters): Promise<R>;
  render(ctx: PageContext, filters: Filters, result: R | null): string | Promise<string>;
  exported(result: R, filters: Filters): ExportDocument;
}

type ValidFilters = Filters & { filter: NonNullable<Filters['filter']> };
const valid = (f: Filters): f is ValidFilters => f.filter !== null;

/** The refusal of an export whose filters are wrong: the same messages as on the page. */
const invalidFilters = (errors: FieldError[]) => badRequest('INVALID_FILTER', `Bộ lọc báo cáo chưa đúng: ${errors.map((e) => e.message).join(' ')}`, errors);

const asOfOf = (filters: Filters) => new Date(Math.min(filters.filter!.to.getTime(), Date.now()));

export function registerReportRoutes(app: FastifyInstance, deps: ReportDeps): void {
  const { db, keystore } = deps;

  function register<R>(page: StatsPage<R>) {
    const load = async (request: FastifyRequest) => {
      const filters = await readFilters(db, request, { detail: page.detail });
      return { filters, result: valid(filters) ? await page.compute(filters) : null };
    };
    app.get(page.path, { config: { access: REPORT_ROLES } }, async (request, reply) => {
      const { filters, result } = await load(request);
      return sendHtml(reply, page.render(pageContext(request), filters, result), filters.errors.length ? 400 : 200);
    });
    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(`${page.path}.${format}`, { config: { access: REPORT_ROLES } }, async (request, reply) => {
        const { filters, result } = await load(request);
        if (result === null) throw invalidFilters(filters.errors);
        return sendExport(reply, page.exported(result, filters), format);
      });
    }
  }

  register<NonNullable<ReportPageProps['result']>>({
    path: '/bao-cao', detail: true,
    async compute(filters) {
      const report = await processingReport(db, filters.filter);
      return {
        report, sections: await reportSections(db, report, filters, filters.scope!), months: reportMonths(report, filters.filter.from, filters.filter.to),
        lines: reportLines(filters, filters.scope!, report.asOf),
      };
    },
    render: (ctx, filters, result) => ReportPage({ ctx, filters, result }),
    exported: (r, filters) => reportExport(r.report, r.sections, filters),
  });

  register<NonNullable<Index766PageProps['result']>>({
    path: '/bao-cao/chi-so-766', detail: false,
    compute: async (filters) => ({ index: await computeIndex766(db, filters.filter), lines: reportLines(filters, filters.scope!, asOfOf(filters)) }),
    render: (ctx, filters, result) => Index766Page({ ctx, filters, result }),
    exported: (r, filters) => index766Export(r.index, exportBase(filters, 'chi-so-766', asOfOf(filters))),
  });

  register<NonNullable<DigitalPageProps['result']>>({
    path: '/bao-cao/chuyen-doi-so', detail: false,
    compute: async (filters) => ({
      items: digitalItems(await digitalFigures(db, filters.filter, keystoreCertificateHolders(keystore))), lines: reportLines(filters, filters.scope!, asOfOf(filters)),
    }),
    render: (ctx, filters, result) => DigitalPage({ ctx, filters, result }),
    exported: (r, filters) => digitalExport(r.items, exportBase(filters, 'chuyen-doi-so', asOfOf(filters))),
  });

  // ---- the dossiers behind one number ----------------------------------------------------------
  app.get('/bao-cao/ho-so', { config: { access: REPORT_ROLES } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const filters = await readFilters(db, request, { detail: true });
    const metricText = str(q['chi-so'], 40);
    const metric = isMetric(metricText) ? metricText : null;
    const problem = metric ? null : 'Không rõ con số nào của báo cáo cần xem. Hãy quay lại báo cáo và bấm vào một con số.';
    const page = Math.max(1, Math.min(100_000, Number(str(q.trang, 6)) || 1));
    const procedureNames = new Map(filters.options.procedures.map((o) => [o.value, o.label]));
    const lines = filters.scope && filters.filter ? reportLines(filters, filters.scope, asOfOf(filters)) : [];
    const listed = metric && valid(filters) ? await reportDossiers(db, filters.filter, metric, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : null;
    return sendHtml(reply, DossierListPage({
      ctx: pageContext(request), filters, metric, problem, lines, procedureNames, result: listed ? { ...listed, page, pageSize: PAGE_SIZE } : null,
    }), filters.errors.length || problem ? 400 : 200);
  });

  // ---- public transparency -----------------------------------------------------------------------
  const figures = cachedPublicFigures(db);
  const limiter = createRateLimiter({ limit: 60, windowMs: 60_000 });

  async function transparency(request: FastifyRequest, unit: Unit | null, action: string) {
    if (limiter.hit(request.ip) > 0) throw new AppError(429, 'RATE_LIMITED', 'Bạn mở trang này quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại.');
    if (!unit || unit.kind === 'province') throw notFound('Không tìm thấy xã, phường này.');
    const maxYear = vnParts(new Date()).year;
    const yearText = str((request.query as Record<string, unknown>).nam, 10);
    const errors: FieldError[] = [];
    let year = maxYear;
    if (yearText !== '') {
      const n = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (n >= PUBLIC_MIN_YEAR && n <= maxYear) year = n;
      else errors.push({ param: 'nam', message: `Năm không hợp lệ. Hãy nhập một năm từ ${PUBLIC_MIN_YEAR} đến ${maxYear}.` });
    }
    return {
      status: errors.length ? 400 : 200,
      html: TransparencyPage({
        ctx: pageContext(request), action, unitName: unit.fullName, yearText: yearText || String(year), minYear: PUBLIC_MIN_YEAR, maxYear, errors,
        figures: errors.length ? null : await figures(unit.id, year),
      }),
    };
  }

  app.get('/minh-bach', { config: { access: 'public' } }, async (request, reply) => {
    const siteUnit = request.site.unitId ? await findUnitById(db, request.site.unitId) : null;
    const page = await transparency(request, siteUnit, '/minh-bach');
    return sendHtml(reply, page.html, page.status);
  });

  app.get('/minh-bach/:unitCode', { config: { access: 'public' } }, async (request, reply) => {
    const code = str((request.params as { unitCode: string }).unitCode, 20);
    const unit = /^\d{1,10}$/.test(code) ? await findUnitByCode(db, code) : null;
    const page = await transparency(request, unit, `/minh-bach/${code}`);
    return sendHtml(reply, page.html, page.status);
  });
}

