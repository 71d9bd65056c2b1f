import type { FastifyInstance } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import { vnDate } from '../platform/clock.js';
import { apiRoute, hasAnyRole, MAX_UPLOAD_BYTES, notFound, sendHtml, type StaffRole } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { ProcedureCodeSchema, ProcedureVersionSchema } from './model.js';
import { allInForce, createVersion, latestVersion, listSectors, searchProcedures, versionInForce } from './store.js';
import { CatalogListPage, ProcedureDetailPage } from './views.js';
import { CatalogAdminPage, VersionFormPage } from './admin-views.js';
import { COLUMNS, fromFlat, toFlat, type FlatProcedure } from './flat.js';
import { fromCsv, fromXlsx, toCsv, toXlsx } from './spreadsheet.js';
import { importRows } from './import.js';

const PAGE_SIZE = 20;
const STAFF: readonly StaffRole[] = ['receptionist', 'specialist', 'leader', 'clerk', 'editor', 'unitAdmin', 'provinceAdmin'];
/** The catalogue is the province's: its administrators publish new versions. */
const EDITORS: readonly StaffRole[] = ['provinceAdmin'];

const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');
const pageNumber = (v: unknown) => {
  const n = Number(text(v, 6));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

const EMPTY_FLAT = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as FlatProcedure;

export function registerCatalogRoutes(app: FastifyInstance, { db }: { db: Database }) {
  const today = () => vnDate(new Date());

  app.get('/thu-tuc', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = text(query.q);
    const sector = text(query['linh-vuc']);
    const page = pageNumber(query.trang);
    const result = await searchProcedures(db, { q, sector, onDate: today(), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return sendHtml(reply, CatalogListPage({ ctx: pageContext(request), q, sector, sectors: await listSectors(db, today()), ...result, page, pageSize: PAGE_SIZE }));
  });

  app.get('/thu-tuc/:code', { config: { access: 'public' } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const version = ProcedureCodeSchema.safeParse(code).success ? await versionInForce(db, code, today()) : null;
    if (!version) throw notFound('Không tìm thấy thủ tục này. Hãy tìm lại trong danh sách thủ tục.');
    const notice = (request.query as Record<string, unknown>).da_luu !== undefined ? 'Đã lưu phiên bản mới.' : undefined;
    return sendHtml(reply, ProcedureDetailPage({ ctx: pageContext(request), version, notice, canEdit: hasAnyRole(request.principal, EDITORS) }));
  });

  app.get('/quan-tri/thu-tuc', { config: { access: STAFF } }, async (request, reply) =>
    sendHtml(reply, CatalogAdminPage({ ctx: pageContext(request), items: await allInForce(db, today()), canEdit: hasAnyRole(request.principal, EDITORS) })),
  );

  app.get('/quan-tri/thu-tuc/moi', { config: { access: EDITORS } }, async (request, reply) => {
    const code = text((request.query as Record<string, unknown>).ma, 20);
    const base = code ? await latestVersion(db, code) : null;
    if (code && !base) throw notFound('Không tìm thấy thủ tục có mã này.');
    const flat = base ? { ...toFlat(base.data), effectiveFrom: '' } : { ...EMPTY_FLAT, timeLimitUnit: 'ngày làm việc', workflow: 'thông thường', onlineLevel: 'không' };
    return sendHtml(reply, VersionFormPage({ ctx: pageContext(request), flat, errors: [], isNew: !base }));
  });

  app.post('/quan-tri/thu-tuc', { config: { access: EDITORS } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const flat = Object.fromEntries(COLUMNS.map((c) => [c.key, text(body[c.key], 20_000)])) as FlatProcedure;
    const parsed = fromFlat(flat);
    const isNew = !(await latestVersion(db, flat.code));
    if (!parsed.ok) return sendHtml(reply, VersionFormPage({ ctx: pageContext(request), flat, errors: parsed.errors, isNew }), 400);
    try {
      const version = await createVersion(db, parsed.value, request.principal!.userId);
      await audit(db, { actorUserId: request.principal!.userId, action: 'procedure.version.create', target: `procedure:${parsed.value.code}`, details: { version }, ip: request.ip });
    } catch (err) {
      const message = err instanceof Error && 'code' in err && err.code === 'VERSION_DATE_TAKEN' ? err.message : null;
      if (!message) throw err;
      return sendHtml(reply, VersionFormPage({ ctx: pageContext(request), flat, errors: [{ param: 'effectiveFrom', message }], isNew }), 409);
    }
    const inForce = parsed.value.effectiveFrom <= today();
    return reply.redirect(inForce ? `/thu-tuc/${parsed.value.code}?da_luu=1` : '/quan-tri/thu-tuc', 303);
  });

  app.get('/quan-tri/thu-tuc/xuat.xlsx', { config: { access: STAFF } }, async (request, reply) => {
    const rows = (await allInForce(db, today())).map(toFlat);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="thu-tuc-${today()}.xlsx"`)
      .send(await toXlsx(rows));
  });

  app.get('/quan-tri/thu-tuc/xuat.csv', { config: { access: STAFF } }, async (request, reply) => {
    const rows = (await allInForce(db, today())).map(toFlat);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="thu-tuc-${today()}.csv"`).send(toCsv(rows));
  });

  app.post('/quan-tri/thu-tuc/nhap', { config: { access: EDITORS } }, async (request, reply) => {
    const file = (request.body as Record<string, unknown> | undefined)?.file as MultipartFile | undefined;
    const render = async (status: number, extra: { alert?: string; report?: Awaited<ReturnType<typeof importRows>> }) =>
      sendHtml(reply, CatalogAdminPage({ ctx: pageContext(request), items: await allInForce(db, today()), canEdit: true, ...extra }), status);
    if (!file || typeof file.toBuffer !== 'function' || !file.filename) return render(400, { alert: 'Hãy chọn một tệp .xlsx hoặc .csv để nhập.' });
    const buffer = await file.toBuffer();
    if (file.file.truncated) return render(413, { alert: `Tệp quá lớn (tối đa ${MAX_UPLOAD_BYTES / 1024 / 1024} MB).` });
    const isZip = buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const name = file.filename.toLowerCase();
    let rows;
    if (name.endsWith('.xlsx') && isZip) rows = await fromXlsx(buffer);
    else if (name.endsWith('.csv') && !isZip && !buffer.includes(0)) rows = fromCsv(buffer.toString('utf8'));
    else return render(415, { alert: 'Chỉ nhận tệp Excel (.xlsx) hoặc CSV (UTF-8).' });
    const report = await importRows(db, rows, { userId: request.principal!.userId, ip: request.ip });
    return render(report.errors.length ? 400 : 200, { report });
  });

  // JSON API
  const ListQuery = z.object({
    q: z.string().max(200).optional().describe('Từ khóa; không phân biệt dấu và hoa thường'),
    sector: z.string().max(200).optional().describe('Lĩnh vực, ví dụ "Hộ tịch"'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/procedures',
    access: 'public',
    summary: 'Tìm thủ tục hành chính đang áp dụng (search procedures in force)',
    tags: ['catalog'],
    query: ListQuery,
    response: z.object({ total: z.number().int(), items: z.array(ProcedureVersionSchema) }),
    handler: async ({ query }) => searchProcedures(db, { q: query.q, sector: query.sector, onDate: today(), limit: query.limit, offset: query.offset }),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/procedures/:code',
    access: 'public',
    summary: 'Phiên bản đang áp dụng của một thủ tục (the procedure version in force)',
    tags: ['catalog'],
    params: z.object({ code: ProcedureCodeSchema.describe('Mã TTHC, ví dụ 1.001193') }),
    query: z.object({ onDate: z.iso.date().optional().describe('Ngày áp dụng (YYYY-MM-DD); mặc định hôm nay') }),
    response: z.object({ version: z.number().int(), procedure: ProcedureVersionSchema }),
    handler: async ({ params, query }) => {
      const found = await versionInForce(db, params.code, query.onDate ?? today());
      if (!found) throw notFound(`Không có thủ tục mã ${params.code} áp dụng vào ngày đã chọn.`);
      return { version: found.version, procedure: found.data };
    },
  });
}
