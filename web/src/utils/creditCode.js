// GB 32100-2015 统一社会信用代码: 18 characters, the last one a check character.
export const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// weight i = 3^i mod 31
export const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// Upper-cases and removes spaces (people paste codes with spaces or in lower case).
export function normalizeCreditCode(code) {
  return String(code ?? '')
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

// The check character for the first 17 characters, or null when one of them is not allowed.
export function creditCheckChar(first17) {
  if (typeof first17 !== 'string' || first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const idx = CREDIT_CHARS.indexOf(first17[i]);
    if (idx < 0) return null;
    sum += idx * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

// Checks a code. Returns {valid, reason, expected?, position?}; reason is one of
// 'empty', 'length', 'charset', 'check', 'ok' (the UI turns it into a sentence).
export function checkCreditCode(raw) {
  const code = normalizeCreditCode(raw);
  if (!code) return { valid: false, reason: 'empty' };
  for (let i = 0; i < code.length; i++) {
    if (!CREDIT_CHARS.includes(code[i])) return { valid: false, reason: 'charset', position: i + 1, char: code[i] };
  }
  if (code.length !== 18) return { valid: false, reason: 'length', length: code.length };
  const expected = creditCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { valid: false, reason: 'check', expected };
  return { valid: true, reason: 'ok' };
}

// The region of the registration authority a credit code carries (characters 3–8) when it is not
// the chosen region's province / city (zones and counties of one city count as the same place):
// {codeRegion} or null. Only compared once both are known.
export function codeRegionMismatch(code, regionCode) {
  const c = String(code || '').toUpperCase();
  const r = String(regionCode || '');
  if (c.length !== 18 || !/^\d{6}$/.test(c.slice(2, 8)) || !/^\d{6}/.test(r)) return null;
  const codeRegion = c.slice(2, 8);
  // same city (first four digits), or a province-level code in the code matching the province
  if (codeRegion.slice(0, 4) === r.slice(0, 4)) return null;
  if (codeRegion.slice(2) === '0000' && codeRegion.slice(0, 2) === r.slice(0, 2)) return null;
  return { codeRegion };
}
