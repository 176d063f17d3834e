// Client-side checks mirroring the API contract; each returns an i18n key (plus params) or null.
import { checkCreditCode } from './creditCode.js';

export const USERNAME_RE = /^[a-z0-9_.-]{3,32}$/;
export const PHONE_RE = /^[0-9+-]{7,20}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkPassword(pw) {
  if (typeof pw !== 'string' || pw.length < 10 || !/[A-Za-z]/.test(pw) || !/[0-9]/.test(pw)) return 'validate.passwordRule';
  return null;
}

export function checkUsername(u) {
  return USERNAME_RE.test(u || '') ? null : 'validate.username';
}

export function checkPhone(p) {
  return PHONE_RE.test((p || '').trim()) ? null : 'validate.phone';
}

export function checkEmail(e) {
  if (!e || !e.trim()) return null;
  return EMAIL_RE.test(e.trim()) ? null : 'validate.email';
}

export function checkName(n) {
  const len = [...(n || '').trim()].length;
  return len >= 2 && len <= 100 ? null : 'validate.nameLength';
}

// [key, params] or null. `allowPilot` accepts a wrong check character.
export function creditCodeProblem(code, allowPilot = false) {
  const r = checkCreditCode(code);
  if (r.valid) return null;
  switch (r.reason) {
    case 'empty':
      return ['validate.creditEmpty'];
    case 'charset':
      return ['validate.creditCharset', { pos: r.position, char: r.char }];
    case 'length':
      return ['validate.creditLength', { n: r.length }];
    case 'check':
      return allowPilot ? null : ['validate.creditCheck', { char: r.expected }];
    default:
      return ['validate.creditEmpty'];
  }
}

// A user's display name (姓名): required, at most DISPLAY_NAME_MAX characters after trimming.
export const DISPLAY_NAME_MAX = 50;
export function checkDisplayName(n) {
  const s = (n || '').trim();
  if (!s) return 'validate.displayNameRequired';
  return [...s].length > DISPLAY_NAME_MAX ? 'validate.displayNameLength' : null;
}
