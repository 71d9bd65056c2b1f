/**
 * The bank's webhook: POST /api/v1/ngan-hang/giao-dich with the credits of a fee account, authenticated by an
 * HMAC-SHA256 of the exact request body (hex, header x-xaso-signature) with the shared secret XASO_BANK_WEBHOOK_SECRET.
 * Without a secret the address does not exist (404). The signature is checked before the body is looked at, over the
 * bytes received: the route has its own body parser (in its own plugin scope, so no other route changes) that keeps
 * them. A bad signature (401) or a bad body (400) stores nothing; the lines of a good one are imported like a file's,
 * and a request sent again adds nothing (each bank reference is stored once).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import { apiRoute, badRequest, MAX_BODY_BYTES, notFound, unauthorized } from '../../platform/http/index.js';
import type { ReceiptSigner } from '../receipt-signer.js';
import { importStatement } from './import.js';
import { parseBookedAt, storableText } from './values.js';

export const SIGNATURE_HEADER = 'x-xaso-signature';
export const MAX_WEBHOOK_TRANSACTIONS = 500;

/** HMAC-SHA256 of the body with the secret, lower-case hex: what the bank sends in x-xaso-signature. */
export const webhookSignature = (secret: string, body: Buffer | string): string => createHmac('sha256', secret).update(body).digest('hex');

const Transaction = z.object({
  reference: z.string().trim().min(1).max(100).refine((s) => storableText(s).trim() !== '', 'Số tham chiếu không được chỉ gồm ký tự điều khiển')
    .describe('Số tham chiếu (mã giao dịch) của ngân hàng; duy nhất trong tài khoản'),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Số tiền ghi có, đồng (chỉ gửi giao dịch ghi có)'),
  description: z.string().max(1000).describe('Nội dung chuyển khoản như ngân hàng ghi'),
  bookedAt: z.string().max(40).refine((s) => parseBookedAt(s) instanceof Date, 'Thời điểm giao dịch theo ISO 8601, ví dụ 2026-01-05T14:30:05+07:00')
    .describe('Thời điểm ghi sổ, ISO 8601 (không có múi giờ: giờ Việt Nam)'),
});

export const WebhookBody = z.object({
  accountNumber: z.string().trim().regex(/^[A-Za-z0-9]{1,19}$/, 'Số tài khoản gồm 1–19 chữ số hoặc chữ cái').describe('Tài khoản thu phí của đơn vị (như trong Cấu hình thu phí)'),
  transactions: z.array(Transaction).min(1).max(MAX_WEBHOOK_TRANSACTIONS),
});

const Outcome = z.object({
  reference: z.string(),
  outcome: z.enum(['matched', 'unmatched', 'alreadyImported']),
  dossierCode: z.string().optional(),
  receipt: z.string().optional().describe('Ký hiệu và số biên lai đã lập'),
  reason: z.string().optional().describe('Vì sao chưa khớp (tiếng Việt)'),
});

const WebhookResponse = z.object({
  unit: z.string().describe('Mã đơn vị hành chính'),
  matched: z.number().int(),
  unmatched: z.number().int(),
  alreadyImported: z.number().int(),
  transactions: z.array(Outcome),
});

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const unreadable = new WeakSet<FastifyRequest>();

function signatureMatches(secret: string, raw: Buffer, header: string | string[] | undefined): boolean {
  const sent = typeof header === 'string' ? header.trim().toLowerCase() : '';
  if (!/^[0-9a-f]{64}$/.test(sent)) return false;
  return timingSafeEqual(Buffer.from(webhookSignature(secret, raw), 'hex'), Buffer.from(sent, 'hex'));
}

export function registerBankWebhook(app: FastifyInstance, deps: { db: Database; signer: ReceiptSigner; secret: string | undefined; clock: () => Date }): void {
  const { db, signer, secret, clock } = deps;
  void app.register(async (scope) => {
    // this scope only: every body is kept as received, then read as JSON
    scope.removeAllContentTypeParsers();
    const json = scope.getDefaultJsonParser('error', 'ignore');
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (request, body, done) => {
      const raw = body as Buffer;
      rawBodies.set(request, raw);
      if (raw.length === 0) return done(null, undefined);
      json(request, raw.toString('utf8'), (err, value) => {
        if (err) unreadable.add(request);
        done(null, err ? undefined : value);
      });
    });
    scope.addHook('preHandler', async (request) => {
      if (!secret) throw notFound();
      if (!signatureMatches(secret, rawBodies.get(request) ?? Buffer.alloc(0), request.headers[SIGNATURE_HEADER])) {
        throw unauthorized(`Chữ ký ${SIGNATURE_HEADER} không đúng: cần HMAC-SHA256 (hex) của toàn bộ nội dung yêu cầu với khóa bí mật đã thỏa thuận.`);
      }
      if (unreadable.has(request)) throw badRequest('INVALID_BODY', 'Nội dung JSON không hợp lệ.');
    });

    apiRoute(scope, {
      method: 'POST', url: '/api/v1/ngan-hang/giao-dich', access: 'public', tags: ['payments'],
      summary: 'Ngân hàng báo các giao dịch ghi có vào tài khoản thu phí (ký HMAC-SHA256 trong header x-xaso-signature): đối soát và lập biên lai',
      body: WebhookBody, response: WebhookResponse,
      handler: async ({ body, request }) => {
        // at most one unit: a fee account is unique among the units (migration 0021, checked by the settings form)
        const units = await db.withRawTransaction((tx) => tx.query<{ unit_id: number; code: string }>(
          'select s.unit_id, u.code from payment_settings s join units u on u.id = s.unit_id where s.account_number = $1', [body.accountNumber]));
        if (!units[0]) {
          throw badRequest('UNKNOWN_ACCOUNT', `Không có đơn vị nào thu phí vào tài khoản ${body.accountNumber}.`, [{ param: 'accountNumber', message: 'Không có đơn vị thu phí vào tài khoản này.' }]);
        }
        // text fit to store: control characters (NUL, which PostgreSQL refuses…) become spaces
        const transactions = body.transactions.map((t) => ({
          bankRef: storableText(t.reference).trim(), amount: t.amount, description: storableText(t.description.normalize('NFC')), bookedAt: parseBookedAt(t.bookedAt) as Date,
        }));
        const refs = transactions.map((t) => t.bankRef);
        if (new Set(refs).size !== refs.length) {
          throw badRequest('DUPLICATE_REFERENCE', 'Một số tham chiếu xuất hiện hai lần trong cùng yêu cầu.', [{ param: 'transactions', message: 'Mỗi giao dịch một số tham chiếu.' }]);
        }
        const unitId = Number(units[0]!.unit_id);
        const result = await importStatement(db, signer, {
          unitId, now: clock(), ip: request.ip, log: request.log, lines: transactions,
          source: { kind: 'webhook', sha256: createHash('sha256').update(rawBodies.get(request) ?? Buffer.alloc(0)).digest('hex') },
        });
        return {
          unit: units[0]!.code, matched: result.matched, unmatched: result.unmatched, alreadyImported: result.alreadyImported,
          transactions: result.outcomes.map((o) => ({
            reference: o.bankRef, outcome: o.outcome,
            ...(o.outcome === 'matched' ? { dossierCode: o.dossierCode, receipt: o.receipt } : o.outcome === 'unmatched' ? { reason: o.reason } : {}),
          })),
        };
      },
    });
  });
}
