/**
 * Number and symbol of outgoing documents (Decree 30/2020/NĐ-CP art. 15 and Appendix III): numbers run from 01 on
 * 1 January per register and per year; the symbol joins the document type's abbreviation and the issuing body's
 * ("15/QĐ-UBND"); a letter (công văn) has no type abbreviation: "15/UBND-VP".
 */
import type { OfficialKind } from '../official/model.js';

export type { OfficialKind };

export const KIND_ABBREVIATIONS: Record<OfficialKind, string | null> = {
  decision: 'QĐ',
  officialLetter: null,
  certificate: 'XN',
  notice: 'TB',
  report: 'BC',
};

/** "QĐ-UBND", or for letters the body and the drafting office: "UBND-VP". */
export function documentSymbol(kind: OfficialKind, bodyAbbreviation: string, officeAbbreviation = 'VP'): string {
  const type = KIND_ABBREVIATIONS[kind];
  return type ? `${type}-${bodyAbbreviation}` : `${bodyAbbreviation}-${officeAbbreviation}`;
}

/** "Số: 05/QĐ-UBND": numbers below 10 are written with a leading zero. */
export function formatDocumentNumber(number: number, symbol: string): string {
  return `${String(number).padStart(2, '0')}/${symbol}`;
}

/** Vietnamese name of each kind (tên loại văn bản) for lists and the register. */
export const KIND_NAMES: Record<OfficialKind, string> = {
  decision: 'Quyết định',
  officialLetter: 'Công văn',
  certificate: 'Giấy xác nhận',
  notice: 'Thông báo',
  report: 'Báo cáo',
};

/** The counter that numbers a unit's register in a year. */
export const registerCounterName = (register: string, year: number) => `outgoing:${register}:${year}`;
