import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest } from './access.js';

export interface FieldError {
  param: string;
  message: string;
}

/** An expected failure with a stable code, an HTTP status and a Vietnamese message for people. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, errors: FieldError[] = []) => new AppError(400, code, message, errors);
export const notFound = (message = 'Không tìm thấy trang hoặc dữ liệu bạn cần.') => new AppError(404, 'NOT_FOUND', message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError(403, 'FORBIDDEN', message);
export const unauthorized = (message = 'Bạn cần đăng nhập để tiếp tục.') => new AppError(401, 'UNAUTHENTICATED', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Xung đột dữ liệu',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Định dạng dữ liệu không được hỗ trợ',
  423: 'Tài khoản bị tạm khóa',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Lỗi';
}

/** Turns anything thrown into an AppError; unknown errors become 500 (and are logged as bugs). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const byCode: Record<string, [string, string]> = {
      FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', 'Dữ liệu gửi lên vượt quá giới hạn cho phép.'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Định dạng dữ liệu gửi lên không được hỗ trợ.'],
      FST_ERR_CTP_EMPTY_JSON_BODY: ['INVALID_BODY', 'Nội dung JSON bị trống.'],
      FST_ERR_CTP_INVALID_JSON_BODY: ['INVALID_BODY', 'Nội dung JSON không hợp lệ.'],
    };
    const [code, message] = byCode[fe.code] ?? ['BAD_REQUEST', 'Yêu cầu không hợp lệ.'];
    return new AppError(fe.statusCode, code, message);
  }
  if (err instanceof SyntaxError) return new AppError(400, 'INVALID_BODY', 'Nội dung gửi lên không hợp lệ.');
  return new AppError(500, 'INTERNAL', 'Đã có lỗi hệ thống. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo cho quản trị viên.');
}

export type ErrorPageRenderer = (request: FastifyRequest, error: AppError) => string | Promise<string>;

export async function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError, renderPage: ErrorPageRenderer) {
  if (isApiRequest(request) || !(request.headers.accept ?? '').includes('text/html') && request.method !== 'GET' && !isFormRequest(request)) {
    return reply
      .status(error.status)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: `https://xaso.vn/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
        title: titleFor(error.status),
        status: error.status,
        detail: error.message,
        code: error.code,
        instance: request.url.split('?')[0],
        ...(error.errors.length ? { errors: error.errors } : {}),
      });
  }
  return reply.status(error.status).type('text/html; charset=utf-8').send(await renderPage(request, error));
}

function isFormRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}
