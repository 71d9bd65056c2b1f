import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import type { FileStore } from '../platform/storage/index.js';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { AppError, apiRoute, createRateLimiter, sendHtml } from '../platform/http/index.js';
import { pageContext } from '../web/context.js';
import { verifyPdfSignatures, type PdfSignatureReport } from '../signing/index.js';
import type { Keystore } from './keys/keystore.js';
import { VerifyPage, type RegisterEntryView } from './verify-page.js';
import { getOutgoingBySha256, getOutgoingByToken, numberAndSymbol, type OutgoingDocument } from './register/store.js';
import { KIND_NAMES } from './register/numbering.js';
import { peoplesCommitteeName } from '../identity/index.js';
import { sendSignedPdf } from './issuing/routes.js';

export interface VerifyDeps { db: Database; keystore: Keystore; store: FileStore }

/** The register entry of one of our documents, as the public may see it (no personal data beyond the summary). */
async function entryView(db: Database, doc: OutgoingDocument | null): Promise<RegisterEntryView | null> {
  if (!doc || doc.state !== 'signed') return null;
  const unit = await db.rows<{ full_name: string }>(sql`select full_name from units where id = ${doc.unitId}`);
  return {
    numberText: numberAndSymbol(doc) ?? '', signedAt: doc.signedAt!, kind: KIND_NAMES[doc.kind], summary: doc.summary, signerName: doc.signerName,
    unitName: peoplesCommitteeName(unit[0]?.full_name ?? ''), downloadHref: doc.publishedAt && doc.dossierId === null ? `/van-ban/${doc.publicToken}.pdf` : null,
  };
}

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
export function registerVerifyRoutes(app: FastifyInstance, deps: VerifyDeps) {
  const { db, keystore: ks, store } = deps;
  const limiter = createRateLimiter({ limit: 30, windowMs: 60_000 });
  const limit = (ip: string) => {
    if (limiter.hit(ip) > 0) throw new AppError(429, 'RATE_LIMITED', 'Bạn kiểm tra quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút.');
  };
  app.get('/kiem-tra-chu-ky', { config: { access: 'public' } }, async (request, reply) => sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: null })));
  app.post('/kiem-tra-chu-ky', { config: { access: 'public' } }, async (request, reply) => {
    try {
      limit(request.ip);
      const { bytes, name } = await readPdf(request.body);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const entry = await entryView(db, await getOutgoingBySha256(db, sha256));
      return sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: await verify(ks, bytes), fileName: name, entry }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: null, alert: err.message }), err.status);
    }
  });
  // the QR code on each of our documents opens this page: the stored original, verified now, and its register entry
  app.get('/kiem-tra-chu-ky/van-ban/:token', { config: { access: 'public' } }, async (request, reply) => {
    limit(request.ip);
    const doc = await getOutgoingByToken(db, (request.params as { token: string }).token);
    const entry = await entryView(db, doc);
    if (!doc || !entry || !doc.storageKey) {
      return sendHtml(reply, VerifyPage({ ctx: pageContext(request), results: null, alert: 'Không tìm thấy văn bản đã ký số với mã này. Mã QR có thể bị sai hoặc văn bản chưa được ký.' }), 404);
    }
    const results = await verify(ks, new Uint8Array(await store.get(doc.storageKey)));
    return sendHtml(reply, VerifyPage({ ctx: pageContext(request), results, fileName: entry.numberText, entry }));
  });
  // a published document's public download (the link sent to its recipients)
  app.get('/van-ban/:file', { config: { access: 'public' } }, async (request, reply) => {
    limit(request.ip);
    const file = (request.params as { file: string }).file;
    const doc = file.endsWith('.pdf') ? await getOutgoingByToken(db, file.slice(0, -4)) : null;
    return sendSignedPdf(store, reply, doc && doc.publishedAt && doc.dossierId === null ? doc : null, 'inline');
  });
  apiRoute(app, {
    method: 'POST', url: '/api/v1/verify', access: 'public', tags: ['signing'],
    summary: 'Kiểm tra chữ ký số của một tệp PDF (multipart/form-data, trường file): kết quả từng chữ ký',
    response: z.object({
      signatures: z.array(z.object({
        field: z.string(), signerName: z.string(), organisation: z.string().nullable(), signingTime: z.string().nullable(),
        intact: z.boolean(), coversWholeDocument: z.boolean(), signatureValid: z.boolean(), chainTrusted: z.boolean(), subFilter: z.string(), valid: z.boolean(),
        timestamp: z.object({ time: z.string(), valid: z.boolean(), chainTrusted: z.boolean(), tsaName: z.string().nullable() }).nullable(),
      })),
      registerEntry: z.object({ number: z.string(), signedAt: z.string(), kind: z.string(), summary: z.string(), unit: z.string() }).nullable(),
    }),
    handler: async ({ request }) => {
      limit(request.ip);
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp PDF dạng multipart/form-data (trường file).');
      const { bytes } = await readPdf(request.body);
      const results = await verify(ks, bytes);
      const entry = await entryView(db, await getOutgoingBySha256(db, createHash('sha256').update(bytes).digest('hex')));
      return {
        signatures: results.map((r) => ({
          field: r.field, signerName: r.signerName, organisation: r.organisation, signingTime: r.signingTime?.toISOString() ?? null, intact: r.intact,
          coversWholeDocument: r.coversWholeDocument, signatureValid: r.signatureValid, chainTrusted: r.chainTrusted, subFilter: r.subFilter,
          valid: r.intact && r.signatureValid && r.chainTrusted,
          timestamp: r.timestamp && { time: r.timestamp.time.toISOString(), valid: r.timestamp.valid, chainTrusted: r.timestamp.chainTrusted, tsaName: r.timestamp.tsaName },
        })),
        registerEntry: entry && { number: entry.numberText, signedAt: entry.signedAt.toISOString(), kind: entry.kind, summary: entry.summary, unit: entry.unitName },
      };
    },
  });
}
