import type { FastifyInstance } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { AppError, apiRoute, createRateLimiter, sendHtml } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { verifyPdfSignatures, type PdfSignatureReport } from '../signing/index.js';
import type { Keystore } from './keys/keystore.js';
import { VerifyPage } from './verify-page.js';

async function readPdf(body: unknown): Promise<{ bytes: Uint8Array; name: string }> {
  const file = (body as Record<string, unknown> | undefined)?.file as MultipartFile | undefined;
  if (!file || typeof file.toBuffer !== 'function') throw new AppError(400, 'NO_FILE', 'Hãy chọn một tệp PDF.');
  const bytes = await file.toBuffer().catch(() => {
    throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp quá lớn.');
  });
  if (file.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', 'Tệp quá lớn.');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError(415, 'NOT_PDF', 'Tệp này không phải PDF.');
  return { bytes: new Uint8Array(bytes), name: file.filename.normalize('NFC').slice(-120) };
}

async function verify(ks: Keystore, bytes: Uint8Array): Promise<PdfSignatureReport[]> {
  try {
    return await verifyPdfSignatures(bytes, ks.trustedRoots());
  } catch {
    throw new AppError(400, 'UNREADABLE_PDF', 'Không đọc được cấu trúc chữ ký trong tệp PDF này.');
  }
}

/** Public verification of signed documents: a page and `POST /api/v1/verify`. */
export function registerVerifyRoutes(app: FastifyInstance, ks: Keystore) {
  const limiter = createRateLimiter({ limit: 30, windowMs: 60_000 });
  const limit = (ip: string) => {
    if (limiter.hit(ip) > 0) throw new AppError(429, 'RATE_LIMITED', 'Bạn kiểm tra quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút.');
  };
  app.get('/kiem-tra-chu-ky', { config: { access: 'public' } }, async (request, reply) => sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: null })));
  app.post('/kiem-tra-chu-ky', { config: { access: 'public' } }, async (request, reply) => {
    try {
      limit(request.ip);
      const { bytes, name } = await readPdf(request.body);
      return sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: await verify(ks, bytes), fileName: name }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: null, alert: err.message }), err.status);
    }
  });
  apiRoute(app, {
    method: 'POST', url: '/api/v1/verify', access: 'public', tags: ['signing'],
    summary: 'Kiểm tra chữ ký số của một tệp PDF (multipart/form-data, trường file): kết quả từng chữ ký',
    response: z.object({
      signatures: z.array(z.object({
        field: z.string(), signerName: z.string(), organisation: z.string().nullable(), signingTime: z.string().nullable(),
        intact: z.boolean(), coversWholeDocument: z.boolean(), signatureValid: z.boolean(), chainTrusted: z.boolean(), subFilter: z.string(), valid: z.boolean(),
      })),
    }),
    handler: async ({ request }) => {
      limit(request.ip);
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp PDF dạng multipart/form-data (trường file).');
      const { bytes } = await readPdf(request.body);
      const results = await verify(ks, bytes);
      return {
        signatures: results.map((r) => ({
          field: r.field, signerName: r.signerName, organisation: r.organisation, signingTime: r.signingTime?.toISOString() ?? null, intact: r.intact,
          coversWholeDocument: r.coversWholeDocument, signatureValid: r.signatureValid, chainTrusted: r.chainTrusted, subFilter: r.subFilter,
          valid: r.intact && r.signatureValid && r.chainTrusted,
        })),
      };
    },
  });
}
