/**
 * Finding the dossier code in a transfer's description. Banks rewrite the note the resident's app sent ("HS
 * H42.18202-260105-0002"): they put their own prefix before it ("MBVCB.8237461.HS H42..."), drop or change the
 * spaces, dots and dashes, cut what follows. So codes are compared as letters and digits only, upper case without
 * diacritics (`bankAscii`), against the unit's pending fees; a code-shaped run of the unit's code format that is not a
 * pending fee is still recognised, to say why the line was not matched.
 */
import { formatDossierCode } from '../../dossiers/code.js';
import { bankAscii } from '../transfer-note.js';

/** Letters and digits only: "HS H42.18202-260105-0002" → "HSH42182022601050002". */
export const compactAscii = (text: string): string => bankAscii(text).replace(/[^A-Z0-9]/g, '');

/** A fee waiting to be paid, with its dossier code as compared. */
export interface PendingFee {
  dossierId: number;
  code: string;
  compact: string;
}

/** Codes shorter than this are not looked for (they would match by chance). */
const MIN_CODE = 6;

/**
 * The pending fees whose dossier code the description contains. A code that is part of a longer code also found
 * is dropped (the longer one is what was written).
 */
export function feesNamedIn(description: string, pending: readonly PendingFee[]): PendingFee[] {
  const text = compactAscii(description);
  const found = pending.filter((p) => p.compact.length >= MIN_CODE && text.includes(p.compact));
  return found.filter((p) => !found.some((q) => q !== p && q.compact.length > p.compact.length && q.compact.includes(p.compact)));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Part = 'yyyy' | 'yy' | 'mm' | 'dd' | 'seq';

/**
 * The codes of the unit's format (`{agency}-{yy}{mm}{dd}-{seq:4}` by default) written in a description, rebuilt
 * with their separators: "MBVCB.1.HS H4218202 260105 0002" → ["H42.18202-260105-0002"].
 */
export function codesIn(description: string, settings: { agencyCode: string; format: string }): string[] {
  const parts: Part[] = [];
  let pattern = '';
  let last = 0;
  const token = /\{(agency|yyyy|yy|mm|dd|seq(?::(\d))?)\}/g;
  for (let m = token.exec(settings.format); m; m = token.exec(settings.format)) {
    pattern += escapeRegExp(compactAscii(settings.format.slice(last, m.index)));
    last = m.index + m[0].length;
    const name = m[1]!;
    if (name === 'agency') {
      pattern += escapeRegExp(compactAscii(settings.agencyCode));
    } else if (name === 'yyyy' || name === 'yy' || name === 'mm' || name === 'dd') {
      pattern += name === 'yyyy' ? '(\\d{4})' : '(\\d{2})';
      parts.push(name);
    } else {
      pattern += m[2] ? `(\\d{${m[2]}})` : '(\\d{1,9})';
      parts.push('seq');
    }
  }
  pattern += escapeRegExp(compactAscii(settings.format.slice(last)));
  if (compactAscii(pattern.replace(/\(\\d\{[\d,]+\}\)/g, '')).length < 2) return []; // a format without fixed letters or digits matches any number
  const codes = new Set<string>();
  const re = new RegExp(pattern, 'g');
  const text = compactAscii(description);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const v: Record<Part, string> = { yyyy: '', yy: '', mm: '01', dd: '01', seq: '0' };
    parts.forEach((p, i) => (v[p] = m![i + 1]!));
    const year = v.yyyy || `20${v.yy || '00'}`;
    codes.add(formatDossierCode(settings.format, { agencyCode: settings.agencyCode, date: `${year}-${v.mm}-${v.dd}`, seq: Number(v.seq) }));
    re.lastIndex = m.index + 1; // overlapping runs too
  }
  return [...codes];
}
