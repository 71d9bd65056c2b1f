/**
 * Procedure catalogue model (danh mục thủ tục hành chính cấp xã).
 *
 * One zod schema per concept; the TypeScript types are inferred from them, and the same
 * schemas feed validation of seed data / API input and OpenAPI (`z.toJSONSchema`).
 * All text is NFC-normalised and trimmed during parsing (zod `normalize`/`trim` are
 * representable in JSON Schema, unlike a `.transform`).
 */
import { z } from 'zod';

/** NFC-normalise and trim a string (Vietnamese text arrives in both NFC and NFD from crawls and keyboards). */
export function nfc(s: string): string {
  return s.normalize('NFC').trim();
}

/** A string that is NFC-normalised and trimmed when parsed. */
export const NfcString = z.string().normalize('NFC').trim();
/** A non-empty NFC-normalised, trimmed string. */
export const NonEmptyNfcString = NfcString.min(1);

/** Amount of money in Vietnamese đồng (integer, ≥ 0). */
export const VndAmountSchema = z.number().int().min(0);
export type VndAmount = z.infer<typeof VndAmountSchema>;

// ---------------------------------------------------------------------------------------------
// Time limit

export const TimeLimitUnitSchema = z.enum(['working-days', 'days', 'working-hours']);
export type TimeLimitUnit = z.infer<typeof TimeLimitUnitSchema>;

/**
 * Statutory processing time. "Immediately / same day (after 15:00 → next working day)" is
 * `{ value: 0, unit: 'working-days' }` together with `workflow: 'immediate'` on the procedure.
 */
export const TimeLimitSchema = z.object({
  value: z.number().int().min(0),
  unit: TimeLimitUnitSchema,
});
export type TimeLimit = z.infer<typeof TimeLimitSchema>;

// ---------------------------------------------------------------------------------------------
// Required documents (thành phần hồ sơ)

/** original = bản chính; copy = bản sao/bản chụp; certifiedCopy = bản sao có chứng thực; show = xuất trình. */
export const DocumentFormSchema = z.enum(['original', 'copy', 'certifiedCopy', 'show']);
export type DocumentForm = z.infer<typeof DocumentFormSchema>;

export const RequiredDocumentSchema = z.object({
  name: NonEmptyNfcString,
  form: DocumentFormSchema,
  count: z.number().int().min(1),
  note: NonEmptyNfcString.optional(),
});
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

// ---------------------------------------------------------------------------------------------
// Fees (phí, lệ phí)

/** A fixed amount charged per case (trường hợp / việc / hợp đồng), multiplied by the number of cases. */
export const FixedFeeSchema = z.object({
  kind: z.literal('fixed'),
  name: NonEmptyNfcString,
  amount: VndAmountSchema,
});

/** An amount charged per copy issued (e.g. 8,000 đ per copy of a civil-status extract). */
export const PerCopyFeeSchema = z.object({
  kind: z.literal('perCopy'),
  name: NonEmptyNfcString,
  amount: VndAmountSchema,
});

export const PageTierSchema = z.object({
  /** First page (1-based) this rate applies to; applies up to the next tier's `fromPage - 1`. */
  fromPage: z.number().int().min(1),
  amountPerPage: VndAmountSchema,
});
export type PageTier = z.infer<typeof PageTierSchema>;

/**
 * Per-page fee with tiers and an optional cap per copy — certified copies (Circular 226/2016/TT-BTC):
 * 2,000 đ/page for pages 1–2, 1,000 đ/page from page 3, at most 200,000 đ per copy.
 * Pages are counted on the original document.
 */
export const TieredPerPageFeeSchema = z.object({
  kind: z.literal('tieredPerPage'),
  name: NonEmptyNfcString,
  tiers: z
    .array(PageTierSchema)
    .min(1)
    .refine((t) => t.every((tier, i) => i === 0 || tier.fromPage > (t[i - 1]?.fromPage ?? 0)), {
      message: 'tiers must be sorted by strictly increasing fromPage',
    }),
  capPerCopy: VndAmountSchema.optional(),
});

/**
 * Amount decided by the provincial People's Council (HĐND tỉnh). `amount` defaults to 0 until the
 * province configures it; `note` explains where the amount comes from.
 */
export const SetByProvinceFeeSchema = z.object({
  kind: z.literal('setByProvince'),
  name: NonEmptyNfcString,
  note: NonEmptyNfcString,
  /** Configured amount per case for this province; absent = 0 (not yet configured). */
  amount: VndAmountSchema.optional(),
});

export const FeeItemSchema = z.discriminatedUnion('kind', [
  FixedFeeSchema,
  PerCopyFeeSchema,
  TieredPerPageFeeSchema,
  SetByProvinceFeeSchema,
]);
export type FeeItem = z.infer<typeof FeeItemSchema>;
export type FixedFee = z.infer<typeof FixedFeeSchema>;
export type PerCopyFee = z.infer<typeof PerCopyFeeSchema>;
export type TieredPerPageFee = z.infer<typeof TieredPerPageFeeSchema>;
export type SetByProvinceFee = z.infer<typeof SetByProvinceFeeSchema>;

/**
 * When the fee must be paid: at receipt (Decree 61/2018 Art. 22: paid at the counter or by transfer when the dossier
 * is handed in; the default) or at the latest before the result is returned (the result is held until it is paid).
 */
export const PaymentDueSchema = z.enum(['atReceipt', 'beforeResult']);
export type PaymentDue = z.infer<typeof PaymentDueSchema>;

/** `items` are all charged together; `exemptions` lists who/what is exempt (free text for staff). */
export const FeeScheduleSchema = z.object({
  items: z.array(FeeItemSchema),
  exemptions: z.array(NonEmptyNfcString),
  note: NonEmptyNfcString.optional(),
  /** Absent = 'atReceipt'. */
  paymentDue: PaymentDueSchema.optional(),
});
export type FeeSchedule = z.infer<typeof FeeScheduleSchema>;

// ---------------------------------------------------------------------------------------------
// Procedure version

/** National TTHC code, e.g. "1.001193". */
export const ProcedureCodeSchema = z.string().regex(/^\d\.\d{6}$/, 'expected a national TTHC code like 1.001193');
export type ProcedureCode = z.infer<typeof ProcedureCodeSchema>;

/** Calendar date YYYY-MM-DD that exists. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a valid calendar date');

export const OnlineLevelSchema = z.enum(['full', 'partial', 'none']);
export type OnlineLevel = z.infer<typeof OnlineLevelSchema>;

export const WorkflowKindSchema = z.enum(['standard', 'immediate']);
export type WorkflowKind = z.infer<typeof WorkflowKindSchema>;

/** C = confirmed, S = secondary source, G = unconfirmed (tags of research/domain-vn.md). */
export const ConfidenceSchema = z.enum(['C', 'S', 'G']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const ProcedureVersionSchema = z.object({
  code: ProcedureCodeSchema,
  name: NonEmptyNfcString,
  /** Lĩnh vực, e.g. "Hộ tịch". */
  sector: NonEmptyNfcString,
  /** Sector code of the national database, e.g. "G15-TP07". */
  sectorCode: NonEmptyNfcString.optional(),
  level: z.literal('commune'),
  /** Cơ quan có thẩm quyền, e.g. "Ủy ban nhân dân cấp xã", "Công an cấp xã". */
  competentBody: NonEmptyNfcString,
  timeLimit: TimeLimitSchema,
  timeLimitNote: NonEmptyNfcString.optional(),
  requiredDocuments: z.array(RequiredDocumentSchema),
  fees: FeeScheduleSchema,
  /** Kết quả, e.g. "Giấy khai sinh". */
  resultType: NonEmptyNfcString,
  onlineLevel: OnlineLevelSchema,
  /** Legal document numbers, e.g. "60/2014/QH13", "123/2015/NĐ-CP". */
  legalBasis: z.array(NonEmptyNfcString),
  workflow: WorkflowKindSchema,
  effectiveFrom: IsoDateSchema,
  confidence: ConfidenceSchema.optional(),
});
export type ProcedureVersion = z.infer<typeof ProcedureVersionSchema>;
