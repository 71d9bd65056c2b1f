import type { ApologyForm, ControlSheetForm, FormHeader, ReceiptForm, RefusalForm, SupplementForm, ApplicantBlock } from '../documents/forms/index.js';
import { classifyTimeliness, type WorkingCalendar } from '../calendar/index.js';
import { describeTimeLimitShort } from '../catalog/describe.js';
import type { Unit } from '../identity/index.js';
import type { Dossier, DossierEvent } from './model.js';

/** Builds the data of each printable form from the dossier and its events (the forms are derived, never edited). */

export interface FormContext {
  unit: Unit;
  lookupBaseUrl: string; // e.g. https://xa.example.vn
  calendar: WorkingCalendar;
}

const FORM_LABEL: Record<string, string> = { original: 'Bản chính', copy: 'Bản sao', certifiedCopy: 'Bản sao có chứng thực', show: 'Xuất trình' };

export function headerOf(ctx: FormContext, date: Date): FormHeader {
  return {
    parentBody: `ỦY BAN NHÂN DÂN ${ctx.unit.fullName.toLocaleUpperCase('vi')}`,
    issuingBody: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
    place: ctx.unit.name,
    date,
  };
}

const applicantOf = (d: Dossier): ApplicantBlock => ({ fullName: d.applicant.fullName, address: d.applicant.address, phone: d.applicant.phone, email: d.applicant.email });
const lookupUrl = (ctx: FormContext, d: Dossier) => `${ctx.lookupBaseUrl}/tra-cuu?ma=${encodeURIComponent(d.code ?? '')}`;
const last = (events: DossierEvent[], action: string) => [...events].reverse().find((e) => e.action === action);
const num = (d: Dossier, suffix: string) => `${d.registerSeq ?? '…'}/${suffix}`;

/** `handedIn`: indexes of the required documents that have a file; all of them when nothing was scanned. */
export function receiptForm(ctx: FormContext, d: Dossier, events: DossierEvent[], handedIn: Set<number> = new Set()): ReceiptForm | null {
  const received = events.find((e) => e.action === 'receive');
  if (!received || !d.code) return null;
  const fee = d.fee ?? { lines: [], total: 0 };
  return {
    header: headerOf(ctx, received.at),
    number: num(d, 'TNHS'),
    dossierCode: d.code,
    lookupUrl: lookupUrl(ctx, d),
    applicant: applicantOf(d),
    procedureName: d.procedure.name,
    documents: d.procedure.requiredDocuments
      .filter((_, i) => handedIn.size === 0 || handedIn.has(i))
      .map((r) => ({ name: r.name, form: FORM_LABEL[r.form] ?? r.form, count: r.count })),
    dossierCount: 1,
    timeLimitText: describeTimeLimitShort(d.procedure),
    receivedAt: received.at,
    dueAt: received.dueAt ?? d.dueAt ?? received.at,
    returnPlace: d.channel === 'online' ? 'Trực tuyến và tại Trung tâm Phục vụ hành chính công' : `Trung tâm Phục vụ hành chính công ${ctx.unit.fullName}`,
    fee: { lines: fee.lines.map((l) => ({ name: l.name, amount: l.amount })), total: fee.total, paid: d.feePaid, method: d.feeMethod === 'cash' ? 'tiền mặt' : d.feeMethod },
    register: { book: d.registerBook ?? '', seq: d.registerSeq ?? 0 },
    receiverName: received.actorName,
  };
}

export function supplementForm(ctx: FormContext, d: Dossier, events: DossierEvent[]): SupplementForm | null {
  const e = last(events, 'requestSupplement');
  if (!e || !d.code) return null;
  return {
    header: headerOf(ctx, e.at), number: num(d, 'YCBS'), dossierCode: d.code, lookupUrl: lookupUrl(ctx, d), applicant: applicantOf(d), procedureName: d.procedure.name,
    missingItems: (e.payload.missingItems as string[]) ?? [], reason: String(e.payload.reason ?? ''), officerName: e.actorName, officerPhone: '',
  };
}

export function refusalForm(ctx: FormContext, d: Dossier, events: DossierEvent[]): RefusalForm | null {
  const e = last(events, 'refuseIntake') ?? last(events, 'refuse');
  if (!e) return null;
  return {
    header: headerOf(ctx, e.at), number: num(d, 'TC'), dossierCode: d.code ?? '', lookupUrl: lookupUrl(ctx, d), applicant: applicantOf(d), procedureName: d.procedure.name,
    reason: String(e.payload.reason ?? ''), officerName: e.actorName, intake: e.action === 'refuseIntake',
  };
}

export function apologyForm(ctx: FormContext, d: Dossier, events: DossierEvent[]): ApologyForm | null {
  const e = last(events, 'apologize');
  if (!e || !d.code || !d.receivedAt) return null;
  return {
    header: headerOf(ctx, e.at), number: num(d, 'XL'), dossierCode: d.code, lookupUrl: lookupUrl(ctx, d), applicant: applicantOf(d), procedureName: d.procedure.name,
    receivedAt: d.receivedAt, originalDueAt: new Date(String(e.payload.previousDueAt)), reason: String(e.payload.reason ?? ''), newDueAt: new Date(String(e.payload.newDueAt)),
    signerName: e.actorName, signerTitle: 'CHỦ TỊCH',
  };
}

/** Where the dossier is after each hand-over, as the control sheet names it. */
const STEP: Record<string, { step: string; body: string }> = {
  receive: { step: 'Tiếp nhận hồ sơ', body: 'Trung tâm Phục vụ hành chính công' },
  requestSupplement: { step: 'Yêu cầu bổ sung hồ sơ', body: 'Người nộp hồ sơ' },
  supplement: { step: 'Nhận hồ sơ bổ sung', body: 'Trung tâm Phục vụ hành chính công' },
  assign: { step: 'Chuyển chuyên viên xử lý', body: 'Công chức chuyên môn' },
  submitForApproval: { step: 'Trình lãnh đạo phê duyệt', body: 'Lãnh đạo Ủy ban nhân dân' },
  sendBack: { step: 'Trả lại để xử lý tiếp', body: 'Công chức chuyên môn' },
  approve: { step: 'Phê duyệt, chuyển trả kết quả', body: 'Trung tâm Phục vụ hành chính công' },
  refuse: { step: 'Từ chối giải quyết', body: 'Trung tâm Phục vụ hành chính công' },
  apologize: { step: 'Xin lỗi và hẹn lại ngày trả', body: 'Người nộp hồ sơ' },
  returnResult: { step: 'Trả kết quả', body: 'Người nộp hồ sơ' },
};

/** The control sheet: every hand-over from the event log, the working time used since the previous one, and timeliness. */
export function controlSheetForm(ctx: FormContext, d: Dossier, events: DossierEvent[]): ControlSheetForm | null {
  const received = events.find((e) => e.action === 'receive');
  if (!received || !d.code) return null;
  const handovers = events.filter((e) => e.seq >= received.seq && STEP[e.action]);
  let previous: DossierEvent | null = null;
  const rows = handovers.map((e) => {
    const used = previous ? ctx.calendar.workingMinutesBetween(previous.at, e.at) : null;
    const finishing = e.action === 'approve' || e.action === 'refuse';
    const dueAtThen = e.dueAt ?? d.dueAt;
    const row = {
      body: STEP[e.action]!.body,
      step: STEP[e.action]!.step,
      handedAt: e.at,
      handedBy: previous?.actorName ?? d.applicant.fullName,
      receivedBy: e.action === 'returnResult' || e.action === 'requestSupplement' || e.action === 'apologize' ? d.applicant.fullName : e.actorName,
      allottedMinutes: null,
      usedMinutes: used,
      result: finishing && dueAtThen ? (d.supplementCount > 1 ? 'late' as const : classifyTimeliness(e.at, dueAtThen)) : null,
      note: String(e.payload.reason ?? e.payload.comments ?? e.payload.note ?? ''),
    };
    previous = e;
    return row;
  });
  return {
    header: headerOf(ctx, events[events.length - 1]!.at), dossierCode: d.code, lookupUrl: lookupUrl(ctx, d), applicant: applicantOf(d), procedureName: d.procedure.name,
    receivedAt: received.at, dueAt: d.dueAt ?? received.at, rows,
  };
}
