/**
 * Which dossier events a resident is told about, and what each message needs to say. Pure: the facts come from
 * the dossier and the event as the action recorded them (the missing items of a supplement request, the new
 * date of an apology), never from a later state.
 */
import type { Dossier, DossierEvent } from '../dossiers/index.js';
import type { NotificationKind } from './model.js';

export type NoticeFacts =
  | { kind: 'received'; dueAt: Date | null }
  | { kind: 'supplementRequested'; missingItems: string[]; reason: string }
  | { kind: 'resultReady' }
  | { kind: 'apology'; reason: string; previousDueAt: Date | null; newDueAt: Date }
  | { kind: 'returned'; method: string; at: Date }
  /** atIntake: the submitted dossier was not received (refuseIntake); else refused after processing (refuse). */
  | { kind: 'refused'; reason: string; atIntake: boolean }
  | { kind: 'stopped'; reason: string };

/** Everything a template may use. */
export interface Notice {
  facts: NoticeFacts;
  applicantName: string;
  code: string;
  procedureName: string;
  /** The unit's name as written: "Xã Tứ Mỹ". */
  unitName: string;
  /** The public lookup of the dossier: https://…/tra-cuu?ma=<code>. */
  lookupUrl: string;
  /** The applicant's own page of the dossier, when the dossier belongs to an account. */
  ownPageUrl: string | null;
}

const dateOr = (value: unknown, fallback: Date | null): Date | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : fallback);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The facts of the event's message, or null when the event is not one residents are told about. */
export function noticeFacts(dossier: Pick<Dossier, 'dueAt'>, event: Pick<DossierEvent, 'action' | 'at' | 'dueAt' | 'payload'>): NoticeFacts | null {
  const p = event.payload;
  switch (event.action) {
    case 'receive':
      return { kind: 'received', dueAt: event.dueAt ?? dossier.dueAt };
    case 'requestSupplement':
      return { kind: 'supplementRequested', missingItems: Array.isArray(p.missingItems) ? p.missingItems.map(String) : [], reason: text(p.reason) };
    case 'approve':
      return { kind: 'resultReady' };
    case 'apologize':
      return { kind: 'apology', reason: text(p.reason), previousDueAt: dateOr(p.previousDueAt, null), newDueAt: dateOr(p.newDueAt, event.dueAt) ?? event.at };
    case 'returnResult':
      return { kind: 'returned', method: text(p.method), at: event.at };
    case 'refuseIntake':
    case 'refuse':
      return { kind: 'refused', reason: text(p.reason), atIntake: event.action === 'refuseIntake' };
    case 'stop':
      return { kind: 'stopped', reason: text(p.reason) };
    default:
      return null;
  }
}

/** Vietnamese names of the kinds, as the dossier page lists them. */
export const KIND_LABELS: Readonly<Record<NotificationKind, string>> = Object.freeze({
  received: 'Đã tiếp nhận hồ sơ',
  supplementRequested: 'Yêu cầu bổ sung hồ sơ',
  resultReady: 'Có kết quả',
  apology: 'Xin lỗi và hẹn lại',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối tiếp nhận hoặc giải quyết',
  stopped: 'Dừng giải quyết',
});

/** How the result was handed back, in a sentence. */
export const RETURN_METHODS: Readonly<Record<string, string>> = Object.freeze({
  counter: 'trực tiếp tại Bộ phận Một cửa',
  online: 'trực tuyến',
  post: 'qua bưu chính công ích',
});
