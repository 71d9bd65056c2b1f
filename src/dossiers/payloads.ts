import { z } from 'zod';
import type { ActionName } from './workflow/index.js';

const text = (max: number, message: string) => z.string().normalize('NFC').trim().min(1, message).max(max);
const optionalText = (max: number) => z.string().normalize('NFC').trim().max(max).default('');
const lines = (message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/\r?\n/)).map((s) => s.normalize('NFC').trim()).filter(Boolean))
    .pipe(z.array(z.string().max(500)).min(1, message).max(50));

/** What each action needs from the person performing it. Validated before anything changes. */
export const ACTION_PAYLOADS = {
  submit: z.object({}),
  receive: z.object({ feePaid: z.coerce.boolean().default(false), note: optionalText(1000) }),
  refuseIntake: z.object({ reason: text(2000, 'Nhập lý do từ chối tiếp nhận.') }),
  requestSupplement: z.object({ missingItems: lines('Liệt kê ít nhất một giấy tờ cần bổ sung.'), reason: text(2000, 'Nhập lý do yêu cầu bổ sung.') }),
  supplement: z.object({ note: optionalText(1000) }),
  assign: z.object({ specialistUserId: z.coerce.number().int().positive('Chọn chuyên viên xử lý.') }),
  recordVerification: z.object({ note: text(4000, 'Nhập nội dung thẩm định, xác minh.') }),
  submitForApproval: z.object({ note: optionalText(4000) }),
  approve: z.object({ note: optionalText(2000) }),
  sendBack: z.object({ comments: text(2000, 'Nhập ý kiến để chuyên viên xử lý tiếp.') }),
  refuse: z.object({ reason: text(2000, 'Nhập lý do từ chối giải quyết.') }),
  apologize: z.object({
    reason: text(2000, 'Nhập lý do chậm trả kết quả.'),
    newDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Chọn ngày hẹn trả mới.'),
  }),
  stop: z.object({ reason: text(2000, 'Nhập lý do dừng xử lý.') }),
  withdraw: z.object({ reason: optionalText(1000) }),
  returnResult: z.object({ method: z.enum(['counter', 'online', 'post'], { message: 'Chọn hình thức trả kết quả.' }) }),
  rate: z.object({
    score: z.coerce.number({ message: 'Chọn mức đánh giá từ 1 đến 5.' }).int().min(1, 'Chọn mức đánh giá từ 1 đến 5.').max(5, 'Chọn mức đánh giá từ 1 đến 5.'),
    comment: optionalText(1000),
  }),
} satisfies Record<ActionName, z.ZodType>;

export type ActionPayload<A extends ActionName> = z.output<(typeof ACTION_PAYLOADS)[A]>;
