import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import { AppError, apiRoute, createRateLimiter, notFound, sendHtml } from '../../platform/http/index.js';
import { pageContext } from '../../web/context.js';
import { STATE_LABELS, NATIONAL_STATUS, ACTION_LABELS, type ActionName } from '../workflow/index.js';
import { getDossierByCode, listEvents } from '../queries.js';
import type { Dossier } from '../model.js';
import { LookupPage } from '../views/lookup-page.js';
import { initials } from '../views/parts.js';

const CODE = /^[A-Za-z0-9.\-]{6,60}$/;

async function lookup(db: Database, code: string, phoneTail: string) {
  const d = CODE.test(code) ? await getDossierByCode(db, code) : null;
  if (!d || d.state === 'draft') return null;
  const verified = /^\d{4}$/.test(phoneTail) && d.applicant.phone.length >= 4 && d.applicant.phone.endsWith(phoneTail);
  return { dossier: d, events: await listEvents(db, d), verified };
}

const publicView = (found: NonNullable<Awaited<ReturnType<typeof lookup>>>) => {
  const d: Dossier = found.dossier;
  return {
    code: d.code!,
    state: d.state,
    stateLabel: STATE_LABELS[d.state],
    nationalStatus: NATIONAL_STATUS[d.state],
    procedure: { code: d.procedureCode, name: d.procedure.name },
    receivedAt: d.receivedAt?.toISOString() ?? null,
    dueAt: d.dueAt?.toISOString() ?? null,
    timeline: found.events.map((e) => ({ at: e.at.toISOString(), action: e.action, label: ACTION_LABELS[e.action as ActionName] ?? e.action })),
    applicantInitials: found.verified ? initials(d.applicant.fullName) : null,
    resultAvailable: found.verified ? d.state === 'resultReady' : null,
  };
};

/** Public lookup by dossier code (page and API), rate limited per address. */
export function registerLookupRoutes(app: FastifyInstance, db: Database) {
  const limiter = createRateLimiter({ limit: 30, windowMs: 60_000 });
  const limit = (ip: string) => {
    if (limiter.hit(ip) > 0) throw new AppError(429, 'RATE_LIMITED', 'Bạn tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại.');
  };

  app.get('/tra-cuu', { config: { access: 'public' } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const code = typeof q.ma === 'string' ? q.ma.trim().slice(0, 60) : '';
    const phoneTail = typeof q.sdt === 'string' ? q.sdt.trim().slice(0, 4) : '';
    if (!code) return sendHtml(reply, LookupPage({ ctx: pageContext(request), code, phoneTail, found: null }));
    limit(request.ip);
    const found = await lookup(db, code, phoneTail);
    const message = found ? (phoneTail && !found.verified ? '4 số cuối điện thoại không khớp; chỉ hiện thông tin chung của hồ sơ.' : undefined) : 'Không tìm thấy hồ sơ có mã này. Hãy kiểm tra lại mã in trên Giấy tiếp nhận.';
    return sendHtml(reply, LookupPage({ ctx: pageContext(request), code, phoneTail, found, ...(message ? { message } : {}) }), found ? 200 : 404);
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/lookup/:code',
    access: 'public',
    summary: 'Tra cứu công khai một hồ sơ theo mã (public lookup)',
    tags: ['dossiers'],
    params: z.object({ code: z.string().regex(CODE, 'mã hồ sơ không hợp lệ') }),
    query: z.object({ phoneLast4: z.string().regex(/^\d{4}$/).optional().describe('4 số cuối điện thoại người nộp') }),
    response: z.object({
      code: z.string(), state: z.string(), stateLabel: z.string(), nationalStatus: z.number().nullable(),
      procedure: z.object({ code: z.string(), name: z.string() }), receivedAt: z.string().nullable(), dueAt: z.string().nullable(),
      timeline: z.array(z.object({ at: z.string(), action: z.string(), label: z.string() })),
      applicantInitials: z.string().nullable(), resultAvailable: z.boolean().nullable(),
    }),
    handler: async ({ params, query, request }) => {
      limit(request.ip);
      const found = await lookup(db, params.code, query.phoneLast4 ?? '');
      if (!found) throw notFound('Không tìm thấy hồ sơ có mã này.');
      return publicView(found);
    },
  });
}
