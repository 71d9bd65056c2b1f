/** One content model per form, built once here and rendered by both the PDF and the HTML views. */
import { formatMoneyVn, formatVnDate, formatVnDateTime, formatVnTime, formatWorkingDuration, nfc, pad2, resultLabel } from '../text.js';
import type { ApologyForm, ControlSheetForm, ReceiptForm, RefusalForm, RegisterForm, SupplementForm } from './types.js';
import { r, b, i, para, field, lookupLine, SIGN_NOTE, type Run, type FormDocument, a5DossierForm, dossierIntro } from './content-model.js';

export * from './content-model.js';

// ---------------------------------------------------------------- Mẫu 01

export function receiptDocument(f: ReceiptForm): FormDocument {
  const status = f.fee.paid ? (f.fee.method ? `đã nộp (${f.fee.method})` : 'đã nộp') : 'chưa nộp';
  const feeRuns: Run[] = [r('7. Phí, lệ phí: ')];
  if (f.fee.total === 0) {
    feeRuns.push(r('Không thu.'));
  } else {
    feeRuns.push(b(formatMoneyVn(f.fee.total)), r(`, ${status}`));
    if (f.fee.lines.length > 0) {
      feeRuns.push(r('. Gồm: '), r(f.fee.lines.map((l) => `${l.name}: ${formatMoneyVn(l.amount)}`).join('; ')));
    }
    feeRuns.push(r('.'));
  }
  return {
    ...a5DossierForm(f, { id: 'receipt', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', docTitle: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', number: f.number }),
    intro: dossierIntro(f, 'Tiếp nhận hồ sơ của: '),
    body: [
      {
        kind: 'table',
        caption: '1. Thành phần hồ sơ nộp gồm:',
        captionVisible: true,
        columns: [
          { header: 'TT', width: 8, align: 'center' },
          { header: 'Tên giấy tờ', width: 58, align: 'left' },
          { header: 'Hình thức', width: 20, align: 'center' },
          { header: 'Số lượng', width: 14, align: 'center' },
        ],
        rows: f.documents.map((d, idx) => [String(idx + 1), nfc(d.name), nfc(d.form), pad2(d.count)]),
        emptyText: 'Không có giấy tờ.',
        dense: false,
      },
      para([r('2. Số lượng hồ sơ: '), r(`${pad2(f.dossierCount)} (bộ)`)]),
      para([r('3. Thời gian giải quyết hồ sơ theo quy định là: '), r(f.timeLimitText)]),
      para([r('4. Thời gian nhận hồ sơ: '), r(formatVnDateTime(f.receivedAt))]),
      para([r('5. Thời gian trả kết quả giải quyết hồ sơ: '), b(formatVnDateTime(f.dueAt))]),
      para([r('6. Đăng ký nhận kết quả tại: '), r(f.returnPlace)]),
      para(feeRuns),
      ...(f.transfer ? [{ kind: 'transfer' as const, heading: 'Nộp phí, lệ phí bằng chuyển khoản: quét mã VietQR', payload: f.transfer.payload, lines: f.transfer.lines, note: nfc(f.transfer.note) }] : []),
      para([i('Vào Sổ theo dõi hồ sơ, Quyển số: '), i(f.register.book), i(', Số thứ tự: '), i(pad2(f.register.seq))]),
      {
        kind: 'signatures',
        items: [
          { title: 'NGƯỜI NỘP HỒ SƠ', note: SIGN_NOTE, name: nfc(f.applicant.fullName) },
          { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: SIGN_NOTE, name: nfc(f.receiverName) },
        ],
      },
      lookupLine(f.lookupUrl),
    ],
  };
}

// ---------------------------------------------------------------- Mẫu 02

export function supplementDocument(f: SupplementForm): FormDocument {
  return {
    ...a5DossierForm(f, { id: 'supplement', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', docTitle: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', number: f.number }),
    intro: dossierIntro(f, 'Tiếp nhận hồ sơ của Ông/Bà: '),
    body: [
      para([r('Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:')]),
      { kind: 'list', ordered: true, items: f.missingItems.map((m) => [r(m)]) },
      field('Lý do: ', f.reason),
      para(
        [
          r('Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với công chức '),
          b(f.officerName),
          r(', số điện thoại '),
          b(f.officerPhone),
          r(' để được hướng dẫn./.'),
        ],
        { align: 'justify' },
      ),
      { kind: 'signatures', items: [{ title: 'NGƯỜI HƯỚNG DẪN', note: SIGN_NOTE, name: nfc(f.officerName) }] },
      lookupLine(f.lookupUrl),
    ],
  };
}

// ---------------------------------------------------------------- Mẫu 03

export function refusalDocument(f: RefusalForm): FormDocument {
  const title = f.intake ? 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' : 'PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ';
  const action = f.intake ? 'không tiếp nhận, giải quyết hồ sơ này' : 'không giải quyết hồ sơ này';
  return {
    ...a5DossierForm(f, { id: 'refusal', title, docTitle: f.intake ? 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' : 'Phiếu từ chối giải quyết hồ sơ', number: f.number }),
    intro: dossierIntro(f, 'Tiếp nhận hồ sơ của Ông/Bà: '),
    body: [
      para([r(`Qua xem xét, chúng tôi thông báo ${action} với lý do cụ thể như sau:`)], { align: 'justify' }),
      para([r(f.reason.trim() === '' ? '…' : f.reason)], { align: 'justify', indent: true }),
      para([r('Xin thông báo cho Ông/Bà được biết và thực hiện./.')], { indent: true }),
      {
        kind: 'signatures',
        items: [
          {
            title: f.intake ? 'NGƯỜI TIẾP NHẬN HỒ SƠ' : 'NGƯỜI XỬ LÝ HỒ SƠ',
            note: SIGN_NOTE,
            name: nfc(f.officerName),
          },
        ],
      },
      lookupLine(f.lookupUrl),
    ],
  };
}

// ---------------------------------------------------------------- Mẫu 04

export function apologyDocument(f: ApologyForm): FormDocument {
  return {
    ...a5DossierForm(f, { id: 'apology', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', docTitle: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', number: f.number }),
    intro: [
      para([r('Kính gửi: Ông/Bà '), b(f.applicant.fullName)]),
      field('Địa chỉ: ', f.applicant.address),
      field('Mã hồ sơ: ', f.dossierCode, true),
    ],
    body: [
      para(
        [
          r(`Ngày ${formatVnDate(f.receivedAt)} (lúc ${formatVnTime(f.receivedAt)}), chúng tôi tiếp nhận hồ sơ đề nghị giải quyết thủ tục `),
          b(f.procedureName),
          r(' của Ông/Bà.'),
        ],
        { align: 'justify', indent: true },
      ),
      para([r('Thời gian hẹn trả kết quả giải quyết hồ sơ: '), r(formatVnDateTime(f.originalDueAt)), r('.')], {
        indent: true,
      }),
      para([r('Tuy nhiên đến nay, chúng tôi chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hạn như đã hẹn.')], {
        align: 'justify',
        indent: true,
      }),
      para([r('Lý do: '), r(f.reason.trim() === '' ? '…' : f.reason)], { align: 'justify', indent: true }),
      para(
        [
          r('Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào '),
          b(formatVnDateTime(f.newDueAt)),
          r('.'),
        ],
        { align: 'justify', indent: true },
      ),
      para([r('Kính mong nhận được sự thông cảm của Ông/Bà./.')], { indent: true }),
      {
        kind: 'signatures',
        items: [{ title: nfc(f.signerTitle).toLocaleUpperCase('vi'), note: SIGN_NOTE, name: nfc(f.signerName) }],
      },
      lookupLine(f.lookupUrl),
    ],
  };
}

// ---------------------------------------------------------------- Mẫu 05/06 (control sheet)

function minutesText(m: number | null): string {
  return m === null ? '—' : formatWorkingDuration(m);
}

export function controlSheetDocument(f: ControlSheetForm): FormDocument {
  return {
    ...a5DossierForm(f, { id: 'control-sheet', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', docTitle: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', number: null }),
    intro: [
      ...dossierIntro(f, 'Kèm theo hồ sơ của: '),
      field('Thời gian nhận hồ sơ: ', formatVnDateTime(f.receivedAt)),
      field('Thời gian hẹn trả kết quả: ', formatVnDateTime(f.dueAt), true),
    ],
    body: [
      {
        kind: 'table',
        caption: 'Quá trình giải quyết hồ sơ:',
        captionVisible: true,
        columns: [
          { header: 'TÊN CƠ QUAN / BƯỚC', width: 21, align: 'left' },
          { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 33, align: 'left' },
          { header: 'THỜI GIAN (được giao / đã dùng)', width: 20, align: 'left' },
          { header: 'KẾT QUẢ', width: 12, align: 'center' },
          { header: 'GHI CHÚ', width: 14, align: 'left' },
        ],
        rows: f.rows.map((row) => [
          nfc(`${row.body}\n${row.step}`),
          nfc(`Giao: ${formatVnDateTime(row.handedAt)}, người giao: ${row.handedBy};\nNhận: người nhận: ${row.receivedBy}.`),
          `Được giao: ${minutesText(row.allottedMinutes)}\nĐã dùng: ${minutesText(row.usedMinutes)}`,
          resultLabel(row.result),
          nfc(row.note),
        ]),
        emptyText: 'Chưa có bước giải quyết nào.',
        dense: true,
      },
      lookupLine(f.lookupUrl),
    ],
  };
}

// ---------------------------------------------------------------- Mẫu 06/07 (register)

function dateCell(d: Date | null): string {
  return d === null ? '' : `${formatVnDate(d)}\n${formatVnTime(d).replace(' phút', '')}`;
}

export function registerDocument(f: RegisterForm): FormDocument {
  const latest = f.rows.reduce<number>((max, row) => Math.max(max, row.receivedAt.getTime()), Date.UTC(f.year, 0, 1) - 7 * 3600_000);
  return {
    id: 'register',
    format: 'A4-landscape',
    docTitle: nfc(`Sổ theo dõi hồ sơ năm ${f.year} – Quyển số ${f.book}`),
    author: nfc(f.unitName),
    date: new Date(latest),
    header: { kind: 'book', unitName: nfc(f.unitName).toLocaleUpperCase('vi') },
    title: 'SỔ THEO DÕI HỒ SƠ',
    subtitles: [nfc(`Năm ${f.year} – Quyển số: ${f.book}`)],
    qr: null,
    intro: [],
    body: [
      {
        kind: 'table',
        caption: nfc(`Sổ theo dõi hồ sơ năm ${f.year}, quyển số ${f.book}`),
        captionVisible: false,
        columns: [
          { header: 'STT', width: 24, align: 'center' },
          { header: 'Mã hồ sơ', width: 100, align: 'left' },
          { header: 'Tên thủ tục hành chính', width: 86, align: 'left' },
          { header: 'Số lượng hồ sơ (bộ)', width: 36, align: 'center' },
          { header: 'Tên người nộp hồ sơ', width: 60, align: 'left' },
          { header: 'Địa chỉ, số điện thoại', width: 74, align: 'left' },
          { header: 'Cơ quan chủ trì giải quyết', width: 64, align: 'left' },
          { header: 'Ngày nhận hồ sơ', width: 48, align: 'center' },
          { header: 'Ngày hẹn trả kết quả', width: 48, align: 'center' },
          { header: 'Ngày chuyển hồ sơ đến cơ quan giải quyết', width: 52, align: 'center' },
          { header: 'Ngày nhận kết quả từ cơ quan giải quyết', width: 52, align: 'center' },
          { header: 'Ngày trả kết quả', width: 48, align: 'center' },
          { header: 'Ghi chú', width: 44, align: 'left' },
        ],
        rows: f.rows.map((row) => [
          pad2(row.seq),
          nfc(row.dossierCode),
          nfc(row.procedureName),
          pad2(row.count),
          nfc(row.applicantName),
          nfc(row.addressPhone),
          nfc(row.body),
          dateCell(row.receivedAt),
          dateCell(row.dueAt),
          dateCell(row.transferredAt),
          dateCell(row.resultReceivedAt),
          dateCell(row.returnedAt),
          nfc(row.note),
        ]),
        emptyText: 'Chưa có hồ sơ nào được vào sổ.',
        dense: false,
      },
    ],
  };
}

