import { z } from 'zod';
import type { ProcedureVersion } from '../catalog/index.js';
import type { Channel, DossierState, WorkflowDefinition } from './workflow/index.js';

/** The applicant as written on the dossier (a snapshot: later edits of the person do not change it). */
export const ApplicantSchema = z.object({
  fullName: z.string().normalize('NFC').trim().min(1, 'Nhập họ và tên người nộp.').max(200),
  idNumber: z
    .string()
    .trim()
    .regex(/^(\d{9}|\d{12})?$/, 'Số định danh cá nhân (CCCD) gồm 12 chữ số.')
    .default(''),
  phone: z
    .string()
    .trim()
    .regex(/^(\+?84|0)\d{9,10}$|^$/, 'Số điện thoại không hợp lệ (ví dụ 0912345678).')
    .default(''),
  email: z.union([z.literal(''), z.string().trim().email('Địa chỉ e-mail không hợp lệ.').max(200)]).default(''),
  address: z.string().normalize('NFC').trim().max(300).default(''),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

export const RequestSchema = z.object({
  /** Nội dung yêu cầu giải quyết, in the applicant's words. */
  content: z.string().normalize('NFC').trim().max(2000).default(''),
  /** Quantities for the fee rule (pages of the original, copies, cases). */
  pages: z.coerce.number().int().min(1).max(10_000).default(1),
  copies: z.coerce.number().int().min(1).max(1_000).default(1),
  cases: z.coerce.number().int().min(1).max(1_000).default(1),
  feeExempt: z.boolean().default(false),
});
export type DossierRequest = z.infer<typeof RequestSchema>;

export interface FeeRecord {
  lines: Array<{ name: string; quantity: number; amount: number }>;
  total: number;
}

export interface Dossier {
  unitId: number;
  id: number;
  code: string | null;
  procedureCode: string;
  procedureVersion: number;
  procedure: ProcedureVersion;
  workflow: WorkflowDefinition;
  channel: Channel;
  state: DossierState;
  stateBeforeSupplement: DossierState | null;
  applicantId: number | null;
  applicant: Applicant;
  ownerUserId: number | null;
  request: DossierRequest;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  pausedAt: Date | null;
  supplementCount: number;
  apologyCount: number;
  assignedTo: number | null;
  fee: FeeRecord | null;
  feePaid: boolean;
  feeMethod: string | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  returnMethod: string | null;
  rating: number | null;
  ratingComment: string | null;
  registerBook: string | null;
  registerSeq: number | null;
  version: number;
  lastHash: string | null;
  createdBy: number | null;
  createdAt: Date;
}

export interface DossierEvent {
  seq: number;
  action: string;
  actorUserId: number | null;
  actorName: string;
  at: Date;
  stateBefore: DossierState | null;
  stateAfter: DossierState;
  dueAt: Date | null;
  payload: Record<string, unknown>;
  hash: string;
  prevHash: string | null;
}

/** A public reference to a dossier: its code once it has one, else `draft-<id>`. */
export const dossierRef = (d: Pick<Dossier, 'code' | 'id'>) => d.code ?? `nhap-${d.id}`;
