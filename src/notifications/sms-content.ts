/**
 * The SMS of each kind: the same news as the e-mail, without diacritics, within two message parts. The dossier
 * code and dates are never cut; a long procedure name, reason or list of missing papers is shortened instead.
 */
import { RETURN_METHODS, type Notice } from './notice.js';
import { fitSms } from './sms-text.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "16h30 12/03/2026" (Vietnam time). */
export function smsMoment(d: Date | null): string {
  if (!d) return 'chua xac dinh';
  const l = new Date(d.getTime() + 7 * 3600_000);
  return `${pad2(l.getUTCHours())}h${pad2(l.getUTCMinutes())} ${pad2(l.getUTCDate())}/${pad2(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}

/** "Xã Tứ Mỹ" → "UBND xã Tứ Mỹ" (folded later with the rest). */
const sender = (unitName: string) => `UBND ${unitName.charAt(0).toLocaleLowerCase('vi')}${unitName.slice(1)}`;

/** `label` + value, or nothing when the value was shortened away. */
const stop = (value: string) => (/[.!?]$/.test(value) ? '' : '.');
const opt = (label: string, value: string) => (value ? `${label}${value}${stop(value)} ` : '');

export function smsText(n: Notice): string {
  const common = { from: sender(n.unitName), code: n.code, url: n.lookupUrl, proc: n.procedureName };
  const f = n.facts;
  switch (f.kind) {
    case 'received':
      return fitSms(
        (s) => `${s.from}: Da tiep nhan ho so ${s.code}${s.proc ? ` (${s.proc})` : ''}. Hen tra ket qua: ${s.due}. Tra cuu: ${s.url}`,
        { ...common, due: smsMoment(f.dueAt) }, ['proc'],
      );
    case 'supplementRequested':
      return fitSms(
        (s) => `${s.from}: Ho so ${s.code} can bo sung: ${s.items ? `${s.items}${stop(s.items)}` : 'xem chi tiet.'} ${opt('Ly do: ', s.reason)}Nop bo sung tai Bo phan Mot cua. Tra cuu: ${s.url}`,
        { ...common, items: f.missingItems.join('; '), reason: f.reason }, ['proc', 'reason', 'items'],
      );
    case 'resultReady':
      return fitSms(
        (s) => `${s.from}: Ho so ${s.code}${s.proc ? ` (${s.proc})` : ''} da co ket qua. Moi Ong/Ba den nhan tai Bo phan Mot cua, mang theo giay tiep nhan. Tra cuu: ${s.url}`,
        common, ['proc'],
      );
    case 'apology':
      return fitSms(
        (s) => `${s.from} xin loi: ho so ${s.code} chua tra dung hen. ${opt('Ly do: ', s.reason)}Hen tra moi: ${s.due}. Tra cuu: ${s.url}`,
        { ...common, reason: f.reason, due: smsMoment(f.newDueAt) }, ['proc', 'reason'],
      );
    case 'returned':
      return fitSms(
        (s) => `${s.from}: Ho so ${s.code}${s.proc ? ` (${s.proc})` : ''} da tra ket qua${s.how ? ` ${s.how}` : ''} luc ${s.at}. Cam on Ong/Ba. Tra cuu: ${s.url}`,
        { ...common, how: RETURN_METHODS[f.method] ?? '', at: smsMoment(f.at) }, ['proc', 'how'],
      );
    case 'refused':
      return fitSms(
        (s) => `${s.from}: Ho so ${s.code}${s.proc ? ` (${s.proc})` : ''} khong duoc ${s.what}. ${opt('Ly do: ', s.reason)}Lien he Bo phan Mot cua. Tra cuu: ${s.url}`,
        { ...common, what: f.atIntake ? 'tiep nhan' : 'giai quyet', reason: f.reason }, ['proc', 'reason'],
      );
    case 'stopped':
      return fitSms(
        (s) => `${s.from}: Ho so ${s.code}${s.proc ? ` (${s.proc})` : ''} da dung giai quyet. ${opt('Ly do: ', s.reason)}Lien he Bo phan Mot cua. Tra cuu: ${s.url}`,
        { ...common, reason: f.reason }, ['proc', 'reason'],
      );
  }
}
