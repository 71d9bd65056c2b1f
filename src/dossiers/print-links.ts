import { dossierRef, type Dossier } from './model.js';

export type PrintForm = 'giay-tiep-nhan' | 'phieu-bo-sung' | 'phieu-tu-choi' | 'van-ban-xin-loi' | 'phieu-kiem-soat';

export const PRINT_FORM_LABELS: Record<PrintForm, string> = {
  'giay-tiep-nhan': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  'phieu-bo-sung': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  'phieu-tu-choi': 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  'van-ban-xin-loi': 'Văn bản xin lỗi và hẹn lại ngày trả kết quả',
  'phieu-kiem-soat': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
};

/** Which forms exist for a dossier in its current history. */
export function formsFor(d: Dossier): PrintForm[] {
  const forms: PrintForm[] = [];
  if (d.receivedAt) forms.push('giay-tiep-nhan');
  if (d.supplementCount > 0) forms.push('phieu-bo-sung');
  if (d.state === 'refusedIntake' || d.state === 'refused') forms.push('phieu-tu-choi');
  if (d.apologyCount > 0) forms.push('van-ban-xin-loi');
  if (d.receivedAt) forms.push('phieu-kiem-soat');
  return forms;
}

export function printLinksFor(d: Dossier, audience: 'staff' | 'applicant'): Array<{ href: string; label: string }> {
  const forms = formsFor(d).filter((f) => audience === 'staff' || f !== 'phieu-kiem-soat');
  return forms.flatMap((f) => [
    { href: `/ho-so/${dossierRef(d)}/in/${f}`, label: PRINT_FORM_LABELS[f] },
    { href: `/ho-so/${dossierRef(d)}/in/${f}.pdf`, label: `${PRINT_FORM_LABELS[f]} (PDF)` },
  ]);
}
