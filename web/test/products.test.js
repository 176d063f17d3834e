import { describe, it, expect } from 'vitest';
import zh from '../src/i18n/zh.js';
import en from '../src/i18n/en.js';
import { t, setLocale, flatKeys } from '../src/i18n/index.js';
import { MENUS, ROLES, allowedRoutes, homeRouteFor } from '../src/utils/roles.js';
import { routes } from '../src/router/index.js';
import {
  MAX_SELECTED,
  STANDARDS_MAX,
  PRODUCT_READER_ROLES,
  canReadEnterpriseProducts,
  emptyProductForm,
  emptyStandardRow,
  formFromProduct,
  productInput,
  looksLikeEnterpriseStandard,
  productFormProblems,
  hasProductProblems,
  productFieldErrors,
  selectionHint,
  canSelectMore,
  isSelectionLimit,
} from '../src/utils/products.js';

const stored = {
  id: 7,
  enterprise_id: 3,
  name: '滚筒洗衣机',
  model: 'XQG100',
  category: '洗衣机',
  industry_code: '38',
  standards: ['GB 4706.24-2008', 'GB/T 4288-2018'],
  enterprise_standard: 'Q/NBHS 001-2020',
  selected: true,
};

describe('product form', () => {
  it('starts with one empty standard row', () => {
    const f = emptyProductForm();
    expect(f.name).toBe('');
    expect(f.standards).toHaveLength(1);
    expect(f.standards[0].number).toBe('');
    expect(f.standards[0].uid).toBeTruthy();
    expect(emptyProductForm().standards[0].uid).not.toBe(f.standards[0].uid);
  });

  it('is filled from a stored product', () => {
    const f = formFromProduct(stored);
    expect(f.name).toBe('滚筒洗衣机');
    expect(f.enterprise_standard).toBe('Q/NBHS 001-2020');
    expect(f.standards.map((r) => r.number)).toEqual(stored.standards);
    expect(new Set(f.standards.map((r) => r.uid)).size).toBe(2);
    expect(formFromProduct({ name: 'x', standards: [] }).standards).toHaveLength(1);
    expect(formFromProduct(null).name).toBe('');
    expect(formFromProduct({ name: 'x', model: null, standards: [5, 'GB 1-2000'] }).standards.map((r) => r.number)).toEqual(['GB 1-2000']);
  });

  it('becomes a ProductInput: trimmed, blank rows left out, uids follow the sent rows', () => {
    const f = formFromProduct(stored);
    f.name = '  滚筒洗衣机 ';
    f.standards.splice(1, 0, emptyStandardRow('   '));
    f.standards[2].number = ' GB/T 4288—2018 ';
    const { body, uids } = productInput(f);
    expect(body).toEqual({
      name: '滚筒洗衣机',
      model: 'XQG100',
      category: '洗衣机',
      industry_code: '38',
      standards: ['GB 4706.24-2008', 'GB/T 4288—2018'],
      enterprise_standard: 'Q/NBHS 001-2020',
    });
    expect(uids).toEqual([f.standards[0].uid, f.standards[2].uid]);
    expect(productInput(null).body.standards).toEqual([]);
  });

  it('recognizes enterprise standard numbers by their Q/ prefix', () => {
    expect(looksLikeEnterpriseStandard('Q/NBHS 001-2020')).toBe(true);
    expect(looksLikeEnterpriseStandard(' q / nbhs 001')).toBe(true);
    expect(looksLikeEnterpriseStandard('GB/T 1-2000')).toBe(false);
    expect(looksLikeEnterpriseStandard('')).toBe(false);
    expect(looksLikeEnterpriseStandard(undefined)).toBe(false);
  });

  it('client checks: name, at least one standard (or the own Q/ one), Q/ prefix, duplicates, lengths', () => {
    expect(hasProductProblems(productFormProblems(formFromProduct(stored)))).toBe(false);
    let p = productFormProblems(emptyProductForm());
    expect(p.form.name).toEqual(['products.nameRequired']);
    expect(p.form.standards).toEqual(['products.standardsRequired']);
    expect(hasProductProblems(p)).toBe(true);

    const onlyOwn = { ...emptyProductForm(), name: '冰箱', enterprise_standard: 'Q/NBHS 002-2021' };
    expect(hasProductProblems(productFormProblems(onlyOwn))).toBe(false);

    const wrongOwn = { ...formFromProduct(stored), enterprise_standard: 'GB/T 1-2000' };
    expect(productFormProblems(wrongOwn).form.enterprise_standard).toEqual(['products.enterpriseStandardQ']);

    const dup = formFromProduct({ ...stored, standards: ['GB/T 4288-2018', 'gb/t  4288-2018'] });
    p = productFormProblems(dup);
    expect(p.standards[dup.standards[1].uid]).toEqual(['products.standardDuplicate']);
    expect(p.standards[dup.standards[0].uid]).toBeUndefined();

    const long = { ...formFromProduct(stored), name: '字'.repeat(101), category: 'c'.repeat(51) };
    p = productFormProblems(long);
    expect(p.form.name).toEqual(['products.tooLong', { max: 100 }]);
    expect(p.form.category).toEqual(['products.tooLong', { max: 50 }]);
    expect(productFormProblems({ ...long, name: '字'.repeat(100) }).form.name).toBeUndefined();

    const many = formFromProduct({ ...stored, standards: Array.from({ length: STANDARDS_MAX + 1 }, (_, i) => `GB ${i + 1}-2000`) });
    expect(productFormProblems(many).form.standards).toEqual(['products.standardsMax', { max: STANDARDS_MAX }]);
    expect(hasProductProblems(null)).toBe(false);
  });

  it('server field errors land on the row that was sent at that index', () => {
    const uids = ['p1', 'p3'];
    const r = productFieldErrors(
      { name: '请填写产品名称', 'standards[1]': '无法识别', 'standards[5]': '??', enterprise_standard: '应以 Q/ 开头', foo: 'bar' },
      uids,
    );
    expect(r.form).toEqual({ name: '请填写产品名称', standards: '??', enterprise_standard: '应以 Q/ 开头' });
    expect(r.standards).toEqual({ p3: '无法识别' });
    expect(r.other).toEqual({ foo: 'bar' });
    expect(productFieldErrors({ standards: ['a', 'b'] }).form.standards).toBe('a；b');
    expect(productFieldErrors(undefined)).toEqual({ form: {}, standards: {}, other: {} });
  });
});

describe('campaign selection', () => {
  it('hints how many of the 1–3 are selected', () => {
    expect(MAX_SELECTED).toBe(3);
    expect(selectionHint(0)).toEqual(['products.hintNone', { max: 3 }, 'warning']);
    expect(selectionHint(undefined)[0]).toBe('products.hintNone');
    expect(selectionHint(1)).toEqual(['products.hintSome', { n: 1, left: 2, max: 3 }, 'success']);
    expect(selectionHint(2)[1].left).toBe(1);
    expect(selectionHint(3)).toEqual(['products.hintFull', { n: 3, max: 3 }, 'success']);
    expect(selectionHint(4)[0]).toBe('products.hintFull');
    setLocale('zh-CN');
    expect(t(...selectionHint(1).slice(0, 2))).toContain('还可再选 2 个');
    setLocale('en');
    expect(t(...selectionHint(3).slice(0, 2))).toContain('limit of 3');
    setLocale('zh-CN');
  });

  it('knows when more can be selected and what the 409 is', () => {
    expect(canSelectMore(2)).toBe(true);
    expect(canSelectMore(3)).toBe(false);
    expect(isSelectionLimit({ status: 409, message: '最多选择 3 个产品' })).toBe(true);
    expect(isSelectionLimit({ status: 422 })).toBe(false);
    expect(isSelectionLimit(null)).toBe(false);
  });
});

describe('menus, routes and texts', () => {
  it('enterprises get 我的产品 after their home page; the readers are the regulators, the national office and admins', () => {
    expect(allowedRoutes('enterprise')).toContain('products');
    expect(homeRouteFor('enterprise')).toBe('workbench');
    expect(MENUS.enterprise[2]).toMatchObject({ name: 'products', label: 'menu.products' });
    for (const r of ROLES.filter((x) => x !== 'enterprise')) expect(allowedRoutes(r), r).not.toContain('products');
    expect(PRODUCT_READER_ROLES.every((r) => allowedRoutes(r).includes('enterprises'))).toBe(true);
    expect(canReadEnterpriseProducts('county_regulator')).toBe(true);
    expect(canReadEnterpriseProducts('admin')).toBe(true);
    expect(canReadEnterpriseProducts('technical_body')).toBe(false);
    expect(canReadEnterpriseProducts('enterprise')).toBe(false);
  });

  it('has a menu route for the products page', () => {
    const app = routes.find((r) => r.path === '/app');
    const route = app.children.find((c) => c.name === 'products');
    expect(route.meta).toMatchObject({ menu: true, title: 'menu.products' });
  });

  it('every products key exists in both languages', () => {
    const zhKeys = flatKeys(zh).filter((k) => k.startsWith('products.'));
    expect(zhKeys.length).toBeGreaterThan(20);
    expect(flatKeys(en).filter((k) => k.startsWith('products.'))).toEqual(zhKeys);
    for (const k of ['menu.products', 'auditEntity.product', 'auditAction.select', 'auditAction.unselect', 'auditAction.delete']) {
      expect(flatKeys(zh)).toContain(k);
      expect(flatKeys(en)).toContain(k);
    }
  });
});
