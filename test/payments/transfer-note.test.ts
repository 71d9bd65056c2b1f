import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TRANSFER_NOTE, TransferNoteError, bankAscii, transferNote } from '../../src/payments/transfer-note.js';

describe('bankAscii', () => {
  it.each([
    // diacritics stripped, đ → D, upper case
    ['Lệ phí chứng thực — Đường Nguyễn Huệ', 'LE PHI CHUNG THUC DUONG NGUYEN HUE'],
    ['đồng ĐỒNG ươ ƯƠ', 'DONG DONG UO UO'],
    // NFC and NFD input alike
    ['Ủy ban nhân dân xã Tứ Mỹ', 'UY BAN NHAN DAN XA TU MY'],
    ['Ủy ban nhân dân xã Tứ Mỹ'.normalize('NFD'), 'UY BAN NHAN DAN XA TU MY'],
    // only A–Z, 0–9, space, "." and "-"; anything else becomes one space
    ['HS/2026_01#0002', 'HS 2026 01 0002'],
    ['  a..b--c  \t\n d ', 'A..B--C D'],
    ['€ ₫ 😀', ''],
  ])('%j → %j', (text, ascii) => {
    expect(bankAscii(text)).toBe(ascii);
  });

  it('always returns [A-Z0-9 .-] only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(bankAscii(s)).toMatch(/^(?:[A-Z0-9.-]+(?: [A-Z0-9.-]+)*)?$/);
      }),
    );
  });
});

describe('transferNote', () => {
  it('prefixes "HS" when it fits', () => {
    expect(transferNote('H42-260105-0002')).toBe('HS H42-260105-0002');
    expect(transferNote('g09.20-260105-0002')).toBe('HS G09.20-260105-0002');
  });

  it('drops the prefix for a long code: the default format with a 13-character agency code is exactly 25 characters', () => {
    const code = '000.00.04.H40-260105-0002';
    expect(code).toHaveLength(MAX_TRANSFER_NOTE);
    expect(transferNote(code)).toBe(code);
    expect(transferNote('000.04.H40-260105-0002')).toBe('HS 000.04.H40-260105-0002');
    expect(transferNote('00.00.04.H40-260105-0002')).toBe('00.00.04.H40-260105-0002');
  });

  it('cleans diacritics and other characters out of the code', () => {
    expect(transferNote(' Đồng/2026-0001 ')).toBe('HS DONG 2026-0001');
  });

  it('refuses a code that does not fit in 25 characters, rather than cutting it', () => {
    expect(() => transferNote('000.00.04.H40-20260105-0002')).toThrow(TransferNoteError);
    expect(() => transferNote('000.00.04.H40-20260105-0002')).toThrow(/27 ký tự/);
  });

  it('refuses a code with nothing usable left', () => {
    expect(() => transferNote('₫/#')).toThrow(/không còn ký tự/);
  });

  it('is never longer than 25 characters and always ASCII [A-Z0-9 .-]', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9.\-/ đĐ]{1,30}$/), (code) => {
        let note: string;
        try {
          note = transferNote(code);
        } catch (e) {
          expect(e).toBeInstanceOf(TransferNoteError);
          return;
        }
        expect(note.length).toBeLessThanOrEqual(MAX_TRANSFER_NOTE);
        expect(note).toMatch(/^[A-Z0-9 .-]+$/);
        expect(note.endsWith(bankAscii(code))).toBe(true);
      }),
    );
  });
});
