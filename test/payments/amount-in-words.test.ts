import { describe, expect, it } from 'vitest';
import { AmountInWordsError, MAX_AMOUNT_IN_WORDS, amountInWords } from '../../src/payments/amount-in-words.js';

describe('amountInWords (Số tiền bằng chữ)', () => {
  it.each([
    // The four cases the fees issue names.
    [115, 'Một trăm mười lăm đồng'],
    [1_005, 'Một nghìn không trăm linh năm đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    // Small numbers and the tone changes of 1, 4 and 5.
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [110, 'Một trăm mười đồng'],
    // Empty groups: "không trăm" is read inside the number, not at its head.
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [2_000_050_000, 'Hai tỷ không trăm năm mươi nghìn đồng'],
    [10 ** 12, 'Một nghìn tỷ đồng'],
  ])('%d → %s', (vnd, words) => {
    expect(amountInWords(vnd)).toBe(words);
  });

  it('takes a bigint as well', () => {
    expect(amountInWords(1_250_000n)).toBe('Một triệu hai trăm năm mươi nghìn đồng');
    expect(amountInWords(MAX_AMOUNT_IN_WORDS)).toBe(
      'Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
    );
  });

  it('returns NFC text', () => {
    for (const vnd of [14, 24, 1_005, 1_000_000_000, 2_000_050_000]) {
      const words = amountInWords(vnd);
      expect(words).toBe(words.normalize('NFC'));
    }
    expect(amountInWords(1_000_000_000)).toBe('M\u1ed9t t\u1ef7 \u0111\u1ed3ng');
  });

  it('can use "lẻ", "tỉ" and "bốn" instead', () => {
    expect(amountInWords(1_005, { zeroTens: 'lẻ' })).toBe('Một nghìn không trăm lẻ năm đồng');
    expect(amountInWords(1_000_000_000, { billion: 'tỉ' })).toBe('Một tỉ đồng');
    expect(amountInWords(24, { fourAfterTens: 'bốn' })).toBe('Hai mươi bốn đồng');
    expect(amountInWords(14, { fourAfterTens: 'bốn' })).toBe('Mười bốn đồng');
    expect(amountInWords(2_000_104, { zeroTens: 'lẻ', billion: 'tỉ' })).toBe('Hai triệu một trăm lẻ bốn đồng');
  });

  it.each([
    ['negative', -1],
    ['negative bigint', -5n],
    ['fractional', 1_000.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['unsafe integer', 2 ** 53],
    ['over the limit', MAX_AMOUNT_IN_WORDS + 1n],
  ])('refuses a %s amount', (_, vnd) => {
    expect(() => amountInWords(vnd)).toThrow(AmountInWordsError);
  });

  it('says why it refuses', () => {
    expect(() => amountInWords(-1)).toThrow(/âm/);
    expect(() => amountInWords(0.5)).toThrow(/số nguyên/);
    expect(() => amountInWords(Number.NaN)).toThrow(/không phải là số/);
    expect(() => amountInWords(10n ** 15n)).toThrow(/quá lớn/);
  });
});
