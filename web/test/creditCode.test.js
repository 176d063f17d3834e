import { describe, it, expect } from 'vitest';
import { checkCreditCode, creditCheckChar, normalizeCreditCode, CREDIT_WEIGHTS, CREDIT_CHARS } from '../src/utils/creditCode.js';
import { creditCodeProblem } from '../src/utils/validators.js';

describe('GB 32100 credit code', () => {
  it('weights are 3^i mod 31', () => {
    let w = 1;
    for (let i = 0; i < 17; i++) {
      expect(CREDIT_WEIGHTS[i]).toBe(w);
      w = (w * 3) % 31;
    }
    expect(CREDIT_CHARS).toHaveLength(31);
  });

  it('accepts the published examples', () => {
    expect(checkCreditCode('91310110666007217T')).toEqual({ valid: true, reason: 'ok' });
    expect(checkCreditCode('91350100M000100Y43').valid).toBe(true);
    expect(creditCheckChar('91310110666007217')).toBe('T');
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('reports a wrong check character with the expected one', () => {
    expect(checkCreditCode('91310110666007217U')).toEqual({ valid: false, reason: 'check', expected: 'T' });
    expect(creditCodeProblem('91310110666007217U')).toEqual(['validate.creditCheck', { char: 'T' }]);
    // an early pilot-region code may be accepted on purpose
    expect(creditCodeProblem('91310110666007217U', true)).toBeNull();
  });

  it('reports length and forbidden characters', () => {
    expect(checkCreditCode('')).toEqual({ valid: false, reason: 'empty' });
    expect(checkCreditCode('9131011066600721')).toMatchObject({ reason: 'length', length: 16 });
    expect(checkCreditCode('91310110666007217TT')).toMatchObject({ reason: 'length', length: 19 });
    expect(checkCreditCode('9131011066600I217T')).toMatchObject({ reason: 'charset', position: 14, char: 'I' });
    expect(creditCodeProblem('91O')).toEqual(['validate.creditCharset', { pos: 3, char: 'O' }]);
    expect(creditCheckChar('9131011066600721')).toBeNull();
    expect(creditCheckChar('9131011066600721S')).toBeNull();
  });

  it('normalizes case, spaces and full-width characters', () => {
    expect(normalizeCreditCode(' 9131 0110 6660 0721 7t ')).toBe('91310110666007217T');
    expect(normalizeCreditCode('９１３１０１１０６６６００７２１７Ｔ')).toBe('91310110666007217T');
    expect(checkCreditCode('91350100m000100y43').valid).toBe(true);
  });

  it('agrees with the test harness on generated codes', () => {
    // makeCreditCode in tests/lib/server.mjs: '91' + region + 8-digit number + '0' + check
    for (let n = 0; n < 200; n++) {
      const first17 = '91330203' + String(n).padStart(8, '0') + '0';
      const code = first17 + creditCheckChar(first17);
      expect(checkCreditCode(code).valid).toBe(true);
    }
  });
});
