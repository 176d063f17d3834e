import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zh from '../src/i18n/zh.js';
import en from '../src/i18n/en.js';
import { flatKeys, t, setLocale, locale, interpolate } from '../src/i18n/index.js';
import { ROLES, ENTERPRISE_FLAGS, MENUS } from '../src/utils/roles.js';
import { INDUSTRY_KINDS } from '../src/utils/industries.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '../src');

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(vue|js)$/.test(f) ? [p] : [];
  });
}

describe('i18n dictionaries', () => {
  const zhKeys = flatKeys(zh).sort();
  const enKeys = flatKeys(en).sort();

  it('have the same keys in both languages', () => {
    expect(enKeys).toEqual(zhKeys);
  });

  it('have no empty strings and the same placeholders', () => {
    for (const key of zhKeys) {
      const a = key.split('.').reduce((o, k) => o[k], zh);
      const b = key.split('.').reduce((o, k) => o[k], en);
      expect(typeof a === 'string' && a.length > 0, key).toBe(true);
      expect(typeof b === 'string' && b.length > 0, key).toBe(true);
      const ph = (s) => (s.match(/\{\w+\}/g) || []).sort();
      expect(ph(b), key).toEqual(ph(a));
    }
  });

  it('name every role, flag, menu entry, industry kind and region level', () => {
    for (const r of ROLES) expect(zhKeys).toContain('role.' + r);
    for (const f of ENTERPRISE_FLAGS) expect(zhKeys).toContain('flag.' + f);
    for (const k of INDUSTRY_KINDS) expect(zhKeys).toContain('industryKind.' + k);
    for (const l of ['province', 'city', 'county', 'zone']) expect(zhKeys).toContain('level.' + l);
    for (const items of Object.values(MENUS)) for (const m of items) expect(zhKeys).toContain(m.label);
    for (const s of ['valid', 'pilot_unconfirmed', 'pilot_confirmed']) expect(zhKeys).toContain('codeStatus.' + s);
  });

  it('uses the role labels of the brief', () => {
    expect(zh.role).toEqual({
      enterprise: '企业',
      county_regulator: '县级监管部门',
      city_regulator: '市级监管部门',
      province_regulator: '省级监管部门',
      national_office: '全国专项行动办公室',
      technical_body: '技术机构',
      expert: '专家',
      admin: '系统管理员',
    });
  });

  it('has every literal key used in the source', () => {
    const used = new Set();
    for (const f of files(src)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/label: '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/return '(validate\.[a-zA-Z]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/'(validate\.[a-zA-Z]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !zhKeys.includes(k));
    expect(missing).toEqual([]);
  });

  it('translates with parameters and falls back', () => {
    setLocale('zh-CN');
    expect(t('common.total', { n: 5 })).toBe('共 5 条');
    expect(t('role.city_regulator')).toBe('市级监管部门');
    setLocale('en');
    expect(locale.value).toBe('en');
    expect(t('role.city_regulator')).toBe('City regulator');
    expect(t('no.such.key')).toBe('no.such.key');
    setLocale('fr');
    expect(locale.value).toBe('en');
    setLocale('zh-CN');
    expect(interpolate('{a}-{b}', { a: 1 })).toBe('1-{b}');
  });
});
