/**
 * A unit's fee settings (table payment_settings): the fee account VietQR pays into, the fee-collecting organisation
 * and its tax code printed on receipts, and the receipt's template symbol and receipt symbol. A fee account belongs
 * to one unit (the bank's webhook finds the unit by its account number).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, RawTransaction } from '../platform/db/index.js';
import type { FieldError } from '../platform/http/index.js';
import { findUnitByCode, peoplesCommitteeName, DEMO_COMMUNE_CODE } from '../identity/index.js';

/** Receipt template symbol most issuers use for a fee receipt without face value, electronic (secondary sources). */
export const DEFAULT_TEMPLATE_SYMBOL = '01BLP0-001';
/** Receipt symbol pattern: series "AA", the year's last two digits, "E" for electronic (secondary sources). */
export const DEFAULT_RECEIPT_SYMBOL = 'AA-{yy}E';

export interface PaymentSettings {
  unitId: number;
  bankBin: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
  collectorName: string;
  collectorTaxCode: string;
  templateSymbol: string;
  receiptSymbol: string;
  isDemo: boolean;
}

/** The receipt symbol of a year: "AA-{yy}E" → "AA-27E" in 2027. */
export const receiptSymbolFor = (pattern: string, year: number): string => pattern.replaceAll('{yy}', String(year % 100).padStart(2, '0'));

/** Whether the unit can take VietQR transfers (an account is set). */
export const acceptsTransfers = (s: PaymentSettings): boolean => s.bankBin !== '' && s.accountNumber !== '';

/** What is missing before receipts can be issued, in Vietnamese; empty when ready. */
export function receiptSetupProblems(s: PaymentSettings): string[] {
  const problems: string[] = [];
  if (!s.collectorName) problems.push('chưa khai báo tên đơn vị thu phí, lệ phí');
  if (!s.collectorTaxCode) problems.push('chưa khai báo mã số thuế của đơn vị thu phí, lệ phí');
  return problems;
}

const toSettings = (unitId: number, r: Record<string, unknown> | undefined): PaymentSettings => ({
  unitId,
  bankBin: String(r?.bank_bin ?? ''), bankName: String(r?.bank_name ?? ''), accountNumber: String(r?.account_number ?? ''), accountName: String(r?.account_name ?? ''),
  collectorName: String(r?.collector_name ?? ''), collectorTaxCode: String(r?.collector_tax_code ?? ''),
  templateSymbol: String(r?.template_symbol ?? DEFAULT_TEMPLATE_SYMBOL), receiptSymbol: String(r?.receipt_symbol ?? DEFAULT_RECEIPT_SYMBOL), isDemo: r?.is_demo === true,
});

/** A unit's settings (the defaults when it has none yet). */
export async function paymentSettingsOf(db: Pick<Database, 'rows'>, unitId: number): Promise<PaymentSettings> {
  const rows = await db.rows<Record<string, unknown>>(sql`select * from payment_settings where unit_id = ${unitId}`);
  return toSettings(unitId, rows[0]);
}

/** The same inside a transaction. */
export async function paymentSettingsIn(tx: RawTransaction, unitId: number): Promise<PaymentSettings> {
  const rows = await tx.query<Record<string, unknown>>('select * from payment_settings where unit_id = $1', [unitId]);
  return toSettings(unitId, rows[0]);
}

const ascii = (max: number, message: string) => z.string().trim().max(max, message).regex(/^[\x20-\x7e]*$/, message);

/** The admin form's fields, checked; messages in Vietnamese. */
export const PaymentSettingsInputSchema = z.object({
  bankBin: z.string().trim().regex(/^(\d{6})?$/, 'Mã BIN ngân hàng gồm 6 chữ số (ví dụ 970405 Agribank), hoặc để trống.'),
  bankName: z.string().normalize('NFC').trim().max(100, 'Tên ngân hàng tối đa 100 ký tự.'),
  accountNumber: z.string().trim().regex(/^([A-Za-z0-9]{1,19})?$/, 'Số tài khoản gồm 1–19 chữ số hoặc chữ cái, không có dấu cách.'),
  accountName: ascii(50, 'Tên chủ tài khoản viết không dấu, tối đa 50 ký tự (như ngân hàng in).').transform((s) => s.toUpperCase()),
  collectorName: z.string().normalize('NFC').trim().min(1, 'Nhập tên đơn vị thu phí, lệ phí.').max(200, 'Tên đơn vị thu tối đa 200 ký tự.'),
  collectorTaxCode: z.string().trim().regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (đơn vị phụ thuộc: 10 chữ số, dấu gạch và 3 chữ số).'),
  templateSymbol: ascii(20, 'Ký hiệu mẫu biên lai viết không dấu, tối đa 20 ký tự.').pipe(z.string().min(1, 'Nhập ký hiệu mẫu biên lai, ví dụ 01BLP0-001.')),
  receiptSymbol: ascii(20, 'Ký hiệu biên lai viết không dấu, tối đa 20 ký tự.').pipe(z.string().min(1, 'Nhập ký hiệu biên lai, ví dụ AA-{yy}E.')),
}).refine((v) => (v.bankBin === '') === (v.accountNumber === ''), { path: ['accountNumber'], message: 'Nhập cả mã BIN ngân hàng và số tài khoản, hoặc để trống cả hai (không nhận chuyển khoản).' })
  .refine((v) => v.accountNumber === '' || v.accountName !== '', { path: ['accountName'], message: 'Nhập tên chủ tài khoản.' });
export type PaymentSettingsInput = z.output<typeof PaymentSettingsInputSchema>;

export function parsePaymentSettings(body: Record<string, unknown>): { ok: true; value: PaymentSettingsInput } | { ok: false; errors: FieldError[] } {
  const fields = Object.fromEntries(['bankBin', 'bankName', 'accountNumber', 'accountName', 'collectorName', 'collectorTaxCode', 'templateSymbol', 'receiptSymbol']
    .map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).slice(0, 500) : '']));
  const parsed = PaymentSettingsInputSchema.safeParse(fields);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const param = String(issue.path[0] ?? 'collectorName');
    if (!errors.some((e) => e.param === param)) errors.push({ param, message: issue.message });
  }
  return { ok: false, errors };
}

/** Said next to the account number when another unit already collects into it. */
export const ACCOUNT_TAKEN_MESSAGE = 'Số tài khoản này đã được đơn vị khác khai báo làm tài khoản thu phí, lệ phí. Mỗi tài khoản chỉ thu phí cho một đơn vị (ngân hàng báo giao dịch theo số tài khoản): kiểm tra lại số tài khoản, hoặc liên hệ quản trị viên tỉnh.';

/** The unique index of migration 0021: one unit per fee account. */
const ACCOUNT_INDEX = 'payment_settings_account_number_idx';

const isAccountTaken = (err: unknown): boolean => {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return e?.code === '23505' && `${e.constraint ?? ''} ${e.message ?? ''}`.includes(ACCOUNT_INDEX);
};

export type SaveResult = { ok: true } | { ok: false; errors: FieldError[] };

/**
 * Saves a unit's settings (they are no longer demo values once an administrator saves them). Refused, nothing saved,
 * with the field error for `accountNumber`, when another unit already collects into the account (checked first; two
 * saves at once are stopped by the unique index, and told the same).
 */
export async function savePaymentSettings(db: Pick<Database, 'rows'>, unitId: number, v: PaymentSettingsInput, userId: number | null, isDemo = false): Promise<SaveResult> {
  const taken: SaveResult = { ok: false, errors: [{ param: 'accountNumber', message: ACCOUNT_TAKEN_MESSAGE }] };
  if (v.accountNumber !== '') {
    const others = await db.rows(sql`select 1 from payment_settings where account_number = ${v.accountNumber} and unit_id <> ${unitId} limit 1`);
    if (others.length) return taken;
  }
  try {
    await db.rows(sql`insert into payment_settings (unit_id, bank_bin, bank_name, account_number, account_name, collector_name, collector_tax_code,
        template_symbol, receipt_symbol, is_demo, updated_by, updated_at)
      values (${unitId}, ${v.bankBin}, ${v.bankName}, ${v.accountNumber}, ${v.accountName}, ${v.collectorName}, ${v.collectorTaxCode},
        ${v.templateSymbol}, ${v.receiptSymbol}, ${isDemo}, ${userId}, now())
      on conflict (unit_id) do update set bank_bin = excluded.bank_bin, bank_name = excluded.bank_name, account_number = excluded.account_number,
        account_name = excluded.account_name, collector_name = excluded.collector_name, collector_tax_code = excluded.collector_tax_code,
        template_symbol = excluded.template_symbol, receipt_symbol = excluded.receipt_symbol, is_demo = excluded.is_demo,
        updated_by = excluded.updated_by, updated_at = now()`);
  } catch (err) {
    if (isAccountTaken(err)) return taken;
    throw err;
  }
  return { ok: true };
}

/**
 * DEMO values for Tứ Mỹ so that the demo shows VietQR codes and issues receipts: the account and tax code are made up
 * (is_demo: every page that shows them says so). Kept when the unit already has settings; none when another unit
 * already declared the demo account (the demo then shows no VietQR).
 */
export async function seedDemoPaymentSettings(db: Database): Promise<void> {
  const unit = await findUnitByCode(db, DEMO_COMMUNE_CODE);
  if (!unit || (await db.rows(sql`select 1 from payment_settings where unit_id = ${unit.id}`)).length) return;
  await savePaymentSettings(db, unit.id, {
    bankBin: '970405', bankName: 'Agribank (tài khoản mẫu – DEMO)', accountNumber: '3700205000000', accountName: 'UBND XA TU MY DEMO',
    collectorName: peoplesCommitteeName(unit.fullName), collectorTaxCode: '3000000000',
    templateSymbol: DEFAULT_TEMPLATE_SYMBOL, receiptSymbol: DEFAULT_RECEIPT_SYMBOL,
  }, null, true);
}
