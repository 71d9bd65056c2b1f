import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readStatementFile } from '../../src/payments/reconcile/read-file.js';
import { cellText, parseAmount, parseBookedAt } from '../../src/payments/reconcile/values.js';
import { columnsOf } from '../../src/payments/reconcile/columns.js';
import { codesIn, feesNamedIn, compactAscii } from '../../src/payments/reconcile/match.js';
import type { AppError } from '../../src/platform/http/index.js';

/** Vietnam time → the instant. */
const vn = (iso: string) => new Date(`${iso}+07:00`);

async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, 'the file should be refused').not.toBeNull();
  return err as AppError;
}

describe('statement CSV', () => {
  it('finds the header below the account details, with ";" separators and a BOM; reads credits only', async () => {
    const csv = [
      'NGÂN HÀNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN VIỆT NAM;;;;;',
      'SAO KÊ TÀI KHOẢN;;;;;',
      'Số tài khoản: 3700205000000;;;;;',
      'Chủ tài khoản: UBND XA TU MY;;;;;',
      'Từ ngày 01/01/2026 đến ngày 31/01/2026;;;;;',
      ';;;;;',
      'STT;Ngày GD;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Diễn giải',
      '1;05/01/2026 09:15:02;FT26005000001;;50.000;MBVCB.8237461.HS H42.18202-260105-0002.CT tu 0123456789',
      '2;05/01/2026 10:00;FT26005000002;120.000;;Phi quan ly tai khoan',
      '3;06/01/2026;FT26006000003;;"1.250.000";"Nop tien; ho so H42.18202-260106-0001"',
      ';;;;;',
      'Tổng cộng;;;120.000;1.300.000;',
      'Số dư cuối kỳ;;;;;5.000.000',
    ].join('\r\n');
    const s = await readStatementFile(Buffer.from('\uFEFF' + csv, 'utf8'), 'sao-ke.csv');
    expect(s.debitLines).toBe(1);
    expect(s.lines).toEqual([
      { row: 8, bankRef: 'FT26005000001', bookedAt: vn('2026-01-05T09:15:02'), amount: 50_000, description: 'MBVCB.8237461.HS H42.18202-260105-0002.CT tu 0123456789' },
      { row: 10, bankRef: 'FT26006000003', bookedAt: vn('2026-01-06T00:00:00'), amount: 1_250_000, description: 'Nop tien; ho so H42.18202-260106-0001' },
    ]);
  });

  it('reads "," separated English headers without BOM, a single signed amount column, and ISO dates', async () => {
    const csv = [
      'Account,3700205000000',
      'Transaction date,Reference,Amount,Description',
      '2026-01-05 14:30,TX1,"50,000",HS H42.18202-260105-0002',
      '2026-01-05 15:00,TX2,"-20,000",ATM withdrawal',
      '2026-01-05 16:00,TX3,"10,000.00",HS H42.18202-260105-0003',
    ].join('\n');
    const s = await readStatementFile(Buffer.from(csv, 'utf8'), 'statement.csv');
    expect(s.lines.map((l) => [l.bankRef, l.amount, l.bookedAt.toISOString()])).toEqual([
      ['TX1', 50_000, vn('2026-01-05T14:30:00').toISOString()],
      ['TX3', 10_000, vn('2026-01-05T16:00:00').toISOString()],
    ]);
    expect(s.debitLines).toBe(1);
  });

  it('control characters (a NUL…) in a reference or description are spaces: PostgreSQL cannot store a NUL', async () => {
    const csv = 'Ngày GD;Số tham chiếu;Ghi có;Nội dung\n05/01/2026;A\u00001;50.000;HS\u0000H42.18202-260105-0002\u001b\u007f tu AN\n';
    const s = await readStatementFile(Buffer.from(csv, 'utf8'), 'nul.csv');
    expect(s.lines.map((l) => [l.bankRef, l.description])).toEqual([['A 1', 'HS H42.18202-260105-0002 tu AN']]);
  });

  it('refuses a file without a recognisable header, in Vietnamese, naming the columns it needs', async () => {
    const err = await refused(readStatementFile(Buffer.from('a;b;c\n1;2;3\n', 'utf8'), 'x.csv'));
    expect(err).toMatchObject({ status: 400, code: 'NO_STATEMENT_HEADER' });
    expect(err.message).toContain('Không tìm thấy dòng tiêu đề');
    expect(err.message).toContain('Số tham chiếu');
  });

  it('refuses an unreadable amount or date with the row number, and a credit without a reference', async () => {
    const head = 'Ngày giao dịch;Mã giao dịch;Ghi có;Nội dung\n';
    const amount = await refused(readStatementFile(Buffer.from(`${head}05/01/2026;A1;năm mươi nghìn;HS X\n`), 'a.csv'));
    expect(amount).toMatchObject({ code: 'BAD_STATEMENT_AMOUNT' });
    expect(amount.message).toContain('Dòng 2');
    const date = await refused(readStatementFile(Buffer.from(`${head}31/02/2026;A1;50.000;HS X\n`), 'a.csv'));
    expect(date).toMatchObject({ code: 'BAD_STATEMENT_DATE' });
    expect(date.message).toContain('Dòng 2');
    const ref = await refused(readStatementFile(Buffer.from(`${head}05/01/2026;;50.000;HS X\n`), 'a.csv'));
    expect(ref).toMatchObject({ code: 'MISSING_REFERENCE' });
  });

  it('refuses files that are too big, too long, not UTF-8, or of another type', async () => {
    const big = await refused(readStatementFile(Buffer.alloc(2 * 1024 * 1024 + 1, 0x41), 'big.csv'));
    expect(big).toMatchObject({ status: 413, code: 'STATEMENT_TOO_BIG' });
    expect(big.message).toContain('tối đa 2 MB');

    const rows = Array.from({ length: 5001 }, (_, i) => `05/01/2026;R${i};1.000;HS`).join('\n');
    const long = await refused(readStatementFile(Buffer.from(`Ngày GD;Số bút toán;Ghi có;Mô tả\n${rows}\n`), 'long.csv'));
    expect(long).toMatchObject({ code: 'STATEMENT_TOO_LONG' });
    expect(long.message).toContain('5.001 dòng');

    const latin = await refused(readStatementFile(Buffer.from('Ng\xe0y GD;S\xf4 tham chi\xeau;Ghi c\xf3;N\xf4i dung\n', 'latin1'), 'win.csv'));
    expect(latin).toMatchObject({ status: 415, code: 'STATEMENT_NOT_UTF8' });

    const utf16 = await refused(readStatementFile(Buffer.from('Ngày GD;Số tham chiếu;Ghi có;Nội dung\r\n05/01/2026;A1;50.000;HS X\r\n', 'utf16le'), 'utf16.csv'));
    expect(utf16).toMatchObject({ status: 415, code: 'UNSUPPORTED_STATEMENT_TYPE' });

    const xls = await refused(readStatementFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls'));
    expect(xls).toMatchObject({ status: 415, code: 'UNSUPPORTED_STATEMENT_TYPE' });
    expect(xls.message).toContain('.xls');
    const pdf = await refused(readStatementFile(Buffer.from('%PDF-1.7\n...'), 'sao-ke.pdf'));
    expect(pdf).toMatchObject({ status: 415 });
    const fakeXlsx = await refused(readStatementFile(Buffer.from('not a workbook'), 'sao-ke.xlsx'));
    expect(fakeXlsx).toMatchObject({ status: 415 });
    const brokenZip = await refused(readStatementFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), 'sao-ke.xlsx'));
    expect(brokenZip).toMatchObject({ status: 400, code: 'UNREADABLE_XLSX' });
    expect((await refused(readStatementFile(Buffer.alloc(0), 'empty.csv')))).toMatchObject({ code: 'EMPTY_FILE' });
  });
});

describe('statement XLSX', () => {
  it('reads a workbook made like a bank export: details above the header, numbers and dates in cells, debit lines left out', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Thông tin'); // an empty first sheet: the statement is found on the next one
    const sheet = book.addWorksheet('Sao kê');
    sheet.addRow(['NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM']);
    sheet.addRow(['Số tài khoản', '0011001234567']);
    sheet.addRow([]);
    sheet.addRow(['Ngày hiệu lực', 'Số giao dịch/Reference', 'Ghi nợ/Debit', 'Ghi có/Credit', 'Mô tả/Description']);
    sheet.addRow([new Date(Date.UTC(2026, 0, 5, 9, 15, 0)), '5138 - 77421', null, 50_000, 'IBFT HS H42.18202-260105-0002']);
    sheet.addRow([new Date(Date.UTC(2026, 0, 5, 11, 0, 0)), '5138 - 77422', 30_000, null, 'Chuyen tien']);
    sheet.addRow([46_028, '5138 - 77423', null, '75.000', { richText: [{ text: 'HS ' }, { text: 'H42.18202-260106-0009' }] }]); // serial 46028 = 06/01/2026
    sheet.addRow([null, null, 30_000, 125_000, 'Cộng phát sinh']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const s = await readStatementFile(buffer, 'sao-ke.xlsx');
    expect(s.lines).toEqual([
      { row: 5, bankRef: '5138 - 77421', bookedAt: vn('2026-01-05T09:15:00'), amount: 50_000, description: 'IBFT HS H42.18202-260105-0002' },
      { row: 7, bankRef: '5138 - 77423', bookedAt: vn('2026-01-06T00:00:00'), amount: 75_000, description: 'HS H42.18202-260106-0009' },
    ]);
    expect(s.debitLines).toBe(1);
  });

  it('a date cell holding a number too big to be a date (exceljs reads an Invalid Date) is unreadable: ignored above the header, refused with its row number in a transaction', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sao kê');
    sheet.addRow(['Ngày in sao kê', 1e20]).getCell(2).numFmt = 'dd/mm/yyyy';
    sheet.addRow(['Ngày GD', 'Mã giao dịch', 'Số tiền ghi có', 'Diễn giải']);
    sheet.addRow([new Date(Date.UTC(2026, 0, 5, 9, 15, 0)), 'XL-1', 50_000, 'HS H42.18202-260105-0002']);
    const read = await readStatementFile(Buffer.from(await book.xlsx.writeBuffer()), 'sao-ke.xlsx');
    expect(read.lines.map((l) => [l.row, l.bankRef, l.bookedAt])).toEqual([[3, 'XL-1', vn('2026-01-05T09:15:00')]]);

    sheet.addRow([1e20, 'XL-2', 50_000, 'HS H42.18202-260105-0003']).getCell(1).numFmt = 'dd/mm/yyyy';
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load(buffer as unknown as ArrayBuffer);
    const cell = loaded.worksheets[0]!.getRow(4).getCell(1).value;
    expect(cell instanceof Date && Number.isNaN(cell.getTime()), 'exceljs gives an Invalid Date for this cell').toBe(true);
    const err = await refused(readStatementFile(buffer, 'sao-ke.xlsx'));
    expect(err).toMatchObject({ status: 400, code: 'BAD_STATEMENT_DATE' });
    expect(err.message).toContain('Dòng 4: không đọc được ngày giao dịch.');
  });

  it('refuses a workbook without a statement header', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['Họ tên', 'Địa chỉ']);
    const err = await refused(readStatementFile(Buffer.from(await book.xlsx.writeBuffer()), 'x.xlsx'));
    expect(err).toMatchObject({ code: 'NO_STATEMENT_HEADER' });
  });
});

describe('cells', () => {
  it.each([
    ['50.000', 50_000], ['50,000', 50_000], ['50000', 50_000], ['1.250.000', 1_250_000], ['1,250,000.00', 1_250_000], ['1.250.000,00', 1_250_000],
    ['50000.00', 50_000], ['+50.000 VND', 50_000], ['50.000 đ', 50_000], ['-20.000', -20_000], ['(20,000)', -20_000], ['', null], [' ', null],
    [50_000, 50_000], [50_000.0000001, 50_000],
  ] as const)('amount %j → %j', (cell, amount) => {
    expect(parseAmount(cell)).toBe(amount);
  });

  it.each(['50.5', '1.2345', 'năm mươi', '50..000', '12,34,567'])('amount %j is not an amount', (cell) => {
    expect(parseAmount(cell)).toBeUndefined();
  });

  it('dates: dd/mm/yyyy with optional time, ISO with or without zone, Excel dates and serials; impossible dates refused', () => {
    expect(parseBookedAt('05/01/2026')).toEqual(vn('2026-01-05T00:00:00'));
    expect(parseBookedAt('5/1/2026 7:05')).toEqual(vn('2026-01-05T07:05:00'));
    expect(parseBookedAt('05-01-2026 14:30:05')).toEqual(vn('2026-01-05T14:30:05'));
    expect(parseBookedAt('2026-01-05T07:30:05Z')).toEqual(vn('2026-01-05T14:30:05'));
    expect(parseBookedAt('2026-01-05T14:30:05+07:00')).toEqual(vn('2026-01-05T14:30:05'));
    expect(parseBookedAt(new Date(Date.UTC(2026, 0, 5, 14, 30)))).toEqual(vn('2026-01-05T14:30:00'));
    expect(parseBookedAt(46_027.5)).toEqual(vn('2026-01-05T12:00:00'));
    expect(parseBookedAt('31/02/2026')).toBeUndefined();
    expect(parseBookedAt('Tổng cộng')).toBeUndefined();
    expect(parseBookedAt('')).toBeNull();
    expect(parseBookedAt(new Date(Number.NaN))).toBeUndefined();
    expect(cellText(new Date(Number.NaN))).toBe('');
  });

  it('header names without diacritics or case, bilingual, the amount columns never confused', () => {
    expect(columnsOf(['NGÀY GD', 'MÃ GIAO DỊCH', 'SỐ TIỀN GHI NỢ', 'SỐ TIỀN GHI CÓ', 'NỘI DUNG'])).toEqual({ date: 0, reference: 1, debit: 2, credit: 3, amount: null, description: 4 });
    expect(columnsOf(['Ngày hiệu lực', 'Ngày giao dịch', 'Số bút toán', 'Số tiền (VND)', 'Diễn giải'])).toMatchObject({ date: 1, reference: 2, amount: 3, credit: null, description: 4 });
    expect(columnsOf(['Ngày', 'Nội dung', 'Ghi có'])).toBeNull(); // no reference
  });
});

describe('dossier codes in a transfer description', () => {
  const settings = { agencyCode: 'H42.18202', format: '{agency}-{yy}{mm}{dd}-{seq:4}' };
  const pending = ['H42.18202-260105-0002', 'H42.18202-260105-0012', 'H42.18073-260105-0002'].map((code, i) => ({ dossierId: i + 1, code, compact: compactAscii(code) }));

  it.each([
    'HS H42.18202-260105-0002',
    'MBVCB.8237461.HS H42.18202-260105-0002.CT tu 0123456789 NGUYEN VAN A',
    'HSH4218202-260105-0002', // spaces and dots dropped
    'hs h42 18202 260105 0002', // separators replaced, lower case
    'IBFT HS-H42-18202-260105-0002-', // dashes everywhere
  ])('%j names H42.18202-260105-0002 only', (description) => {
    expect(feesNamedIn(description, pending).map((p) => p.code)).toEqual(['H42.18202-260105-0002']);
  });

  it('finds none in a note without a code, and both when two are written', () => {
    expect(feesNamedIn('Chuyen tien an trua', pending)).toEqual([]);
    expect(feesNamedIn('HS H42.18202-260105-0002 va H42.18202-260105-0012', pending).map((p) => p.dossierId)).toEqual([1, 2]);
  });

  it('recognises codes of the unit format that are not pending, rebuilt with their separators', () => {
    expect(codesIn('MBVCB.1.HS H4218202 260107 0042.CT', settings)).toEqual(['H42.18202-260107-0042']);
    expect(codesIn('HS H42.18073-260105-0002', settings)).toEqual([]); // another unit's agency code
    expect(codesIn('Chuyen tien', settings)).toEqual([]);
  });
});
