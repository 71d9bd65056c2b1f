import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export const CSRF_COOKIE = 'xaso_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Signed double-submit token: the cookie holds `random.hmac(random)`; every unsafe request must send the same
 * value in the form field `_csrf` or the `X-CSRF-Token` header. A forged cookie fails the signature.
 */
export function createCsrf(secret: string) {
  const sign = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  const isValid = (token: string) => {
    const [value, mac] = token.split('.');
    if (!value || !mac) return false;
    const expected = Buffer.from(sign(value));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  return {
    /** Reads the caller's token, or issues a new one in a cookie. */
    ensure(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
      const existing = request.cookies[CSRF_COOKIE];
      if (existing && isValid(existing)) return existing;
      const value = randomBytes(24).toString('base64url');
      const token = `${value}.${sign(value)}`;
      reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
      return token;
    },
    verify(request: FastifyRequest): void {
      const cookie = request.cookies[CSRF_COOKIE];
      const body = request.body as Record<string, unknown> | undefined;
      const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
      const fromField = typeof field === 'string' ? field : (field as { value?: unknown } | undefined)?.value;
      const sent = (typeof fromField === 'string' ? fromField : undefined) ?? request.headers[CSRF_HEADER];
      if (!cookie || typeof sent !== 'string' || !isValid(cookie) || sent.length !== cookie.length ||
        !timingSafeEqual(Buffer.from(sent), Buffer.from(cookie))) {
        throw new AppError(403, 'CSRF_FAILED', 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và gửi lại.');
      }
    },
  };
}

export type Csrf = ReturnType<typeof createCsrf>;
