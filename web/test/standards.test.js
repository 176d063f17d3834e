import { describe, it, expect, afterEach } from 'vitest';
import zh from '../src/i18n/zh.js';
import en from '../src/i18n/en.js';
import { t, setLocale, flatKeys } from '../src/i18n/index.js';
import { exportUrl, ignoredFilters } from '../src/api/export.js';
import { MENUS, ROLES, allowedRoutes, homeRouteFor } from '../src/utils/roles.js';
import {
  STANDARD_KINDS,
  STANDARD_STATUSES,
  ADOPTIONS,
  kindKey,
  statusKey,
  adoptionKey,
  kindTagType,
  statusTagType,
  canEditStandards,
  canManageAdvancedList,
  emptyCatalogFilters,
  catalogParams,
  catalogStateFromQuery,
  catalogQueryFromState,
  sameQuery,
  emptyStandardForm,
  formFromStandard,
  isIsoDate,
  standardFormProblems,
  standardBody,
  changedMembers,
  advancedFieldProblem,
  EDITABLE_MEMBERS,
} from '../src/utils/standards.js';

afterEach(() => setLocale('zh-CN'));

describe('catalog filters → query string', () => {
  it('sends trimmed, known, non-empty filters; "only advanced" as advanced=1', () => {
    expect(catalogParams(emptyCatalogFilters())).toEqual({});
    expect(catalogParams({ q: '  19001 ', kind: 'national', status: 'current', field: ' 家用电器 ', advanced: true })).toEqual({
      q: '19001',
      kind: 'national',
      status: 'current',
      field: '家用电器',
      advanced: '1',
    });
    expect(catalogParams({ q: '', kind: 'planet', status: 'old', advanced: false })).toEqual({});
    expect(catalogParams({ advanced: '1' })).toEqual({ advanced: '1' });
    expect(catalogParams(null)).toEqual({});
  });

  it('builds the export URL with the same filters', () => {
    const params = catalogParams({ q: 'GB/T 19001', kind: 'national', status: '', field: '家用电器', advanced: true });
    expect(exportUrl('standards', params)).toBe(
      '/api/v1/standards/export.xlsx?q=GB%2FT+19001&kind=national&field=%E5%AE%B6%E7%94%A8%E7%94%B5%E5%99%A8&advanced=1',
    );
    expect(exportUrl('standards', { ...params, page: 3, page_size: 50 })).not.toMatch(/page/);
    expect(ignoredFilters('standards', params)).toEqual([]);
  });

  it('reads the page state from the route query, ignoring bad values', () => {
    expect(catalogStateFromQuery({})).toEqual({ filters: emptyCatalogFilters(), page: 1, size: 20 });
    const s = catalogStateFromQuery({ q: 'ISO 9001', kind: 'international', status: 'withdrawn', field: '电器', advanced: '1', page: '3', page_size: '50' });
    expect(s).toEqual({
      filters: { q: 'ISO 9001', kind: 'international', status: 'withdrawn', field: '电器', advanced: true },
      page: 3,
      size: 50,
    });
    const bad = catalogStateFromQuery({ kind: 'planet', status: 'x', page: '-1', page_size: '1000', advanced: 'no', q: ['a', 'b'] });
    expect(bad).toEqual({ filters: { ...emptyCatalogFilters(), q: 'a' }, page: 1, size: 20 });
  });

  it('writes a short route query and round-trips', () => {
    expect(catalogQueryFromState(emptyCatalogFilters(), 1, 20)).toEqual({});
    const filters = { q: ' 4706 ', kind: 'national', status: '', field: '', advanced: true };
    const query = catalogQueryFromState(filters, 2, 50);
    expect(query).toEqual({ q: '4706', kind: 'national', advanced: '1', page: '2', page_size: '50' });
    const back = catalogStateFromQuery(query);
    expect(back.filters).toEqual({ q: '4706', kind: 'national', status: '', field: '', advanced: true });
    expect([back.page, back.size]).toEqual([2, 50]);
  });

  it('compares queries by content', () => {
    expect(sameQuery({ q: '1', page: 2 }, { page: '2', q: '1' })).toBe(true);
    expect(sameQuery({ q: '1', kind: '' }, { q: '1' })).toBe(true);
    expect(sameQuery({ q: '1' }, { q: '2' })).toBe(false);
    expect(sameQuery({}, undefined)).toBe(true);
  });
});

describe('kind, status and adoption labels', () => {
  it('has a label for every kind, status and adoption degree in both languages', () => {
    const zhKeys = flatKeys(zh);
    const enKeys = flatKeys(en);
    for (const k of STANDARD_KINDS) for (const keys of [zhKeys, enKeys]) expect(keys).toContain(kindKey(k));
    for (const s of STANDARD_STATUSES) for (const keys of [zhKeys, enKeys]) expect(keys).toContain(statusKey(s));
    for (const a of ADOPTIONS) for (const keys of [zhKeys, enKeys]) {
      expect(keys).toContain(adoptionKey(a));
      expect(keys).toContain('adoptionText.' + a);
    }
    expect(kindKey('planet')).toBeNull();
    expect(statusKey('')).toBeNull();
    expect(adoptionKey('XYZ')).toBeNull();
  });

  it('uses the Chinese names of the brief', () => {
    expect(zh.standardKind).toEqual({
      international: '国际标准',
      foreign: '国外先进标准',
      national: '国家标准',
      industry: '行业标准',
      local: '地方标准',
      group: '团体标准',
      enterprise: '企业标准',
    });
    expect(zh.standardStatus).toEqual({ current: '现行', upcoming: '即将实施', withdrawn: '废止' });
  });

  it('translates with the language switch', () => {
    setLocale('zh-CN');
    expect(t(kindKey('foreign'))).toBe('国外先进标准');
    expect(t(statusKey('upcoming'))).toBe('即将实施');
    expect(t('adoptionText.IDT', { number: 'ISO 9001:2015' })).toBe('等同采用 ISO 9001:2015');
    expect(t('menu.standards')).toBe('标准目录');
    setLocale('en');
    expect(t(kindKey('foreign'))).toBe('Foreign advanced standard');
    expect(t(statusKey('withdrawn'))).toBe('Withdrawn');
    expect(t('adoptionText.IDT', { number: 'ISO 9001:2015' })).toBe('Identical adoption of ISO 9001:2015');
    expect(t('menu.standards')).toBe('Standards catalog');
  });

  it('gives every kind and status a tag type', () => {
    for (const k of STANDARD_KINDS) expect(['primary', 'success', 'info', 'warning', 'danger']).toContain(kindTagType(k));
    expect(statusTagType('current')).toBe('success');
    expect(statusTagType('withdrawn')).toBe('info');
    expect(statusTagType('nonsense')).toBe('info');
  });
});

describe('who does what in the catalog', () => {
  it('every role has 标准目录 in its menu, without changing its home page', () => {
    for (const r of ROLES) {
      expect(allowedRoutes(r), r).toContain('standards');
      expect(homeRouteFor(r), r).not.toBe('standards');
      expect(MENUS[r].find((m) => m.name === 'standards').label).toBe('menu.standards');
    }
  });
  it('editors write entries; the national office and admins keep the advanced list', () => {
    expect(ROLES.filter(canEditStandards)).toEqual(['national_office', 'technical_body', 'admin']);
    expect(ROLES.filter(canManageAdvancedList)).toEqual(['national_office', 'admin']);
    expect(canEditStandards(null)).toBe(false);
  });
});

describe('the editor', () => {
  const good = () => ({ ...emptyStandardForm(), number: 'GB/T 19001—2016/ISO 9001:2015', title_zh: '质量管理体系 要求' });

  it('accepts a minimal entry', () => {
    expect(standardFormProblems(good())).toEqual({});
  });

  it('checks dates as real YYYY-MM-DD days', () => {
    expect(isIsoDate('2016-12-30')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2016-13-01')).toBe(false);
    expect(isIsoDate('2016/12/30')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('reports the fields a user must fix', () => {
    const p = standardFormProblems({ ...emptyStandardForm(), status: 'old', issued_on: '2020-02-30', ccs: 'x'.repeat(21) });
    expect(p.number).toEqual(['validate.standardNumberRequired']);
    expect(p.title_zh).toEqual(['validate.titleZhRequired']);
    expect(p.status).toEqual(['validate.statusRequired']);
    expect(p.issued_on).toEqual(['validate.date']);
    expect(p.ccs).toEqual(['validate.codeLength', { max: 20 }]);
    expect(standardFormProblems({ ...good(), title_zh: '标'.repeat(201) }).title_zh).toEqual(['validate.titleLength', { max: 200 }]);
    expect(standardFormProblems({ ...good(), title_zh: '𠀀'.repeat(200) }).title_zh).toBeUndefined(); // characters, not UTF-16 units
  });

  it('keeps dates in order', () => {
    expect(standardFormProblems({ ...good(), issued_on: '2016-12-30', effective_on: '2016-07-01' }).effective_on).toEqual(['validate.effectiveBeforeIssued']);
    expect(standardFormProblems({ ...good(), issued_on: '2016-12-30', effective_on: '2017-07-01' })).toEqual({});
    const w = { ...good(), status: 'withdrawn', issued_on: '2016-12-30', withdrawn_on: '2015-01-01' };
    expect(standardFormProblems(w).withdrawn_on).toEqual(['validate.withdrawnBeforeIssued']);
    // a withdrawal date kept in the form of a current standard is not sent and not checked
    expect(standardFormProblems({ ...w, status: 'current' })).toEqual({});
  });

  it('needs an adopted number with an adoption degree and the other way round', () => {
    expect(standardFormProblems({ ...good(), adoption: 'MOD' }).adopted_number).toEqual(['validate.adoptedNumberRequired']);
    expect(standardFormProblems({ ...good(), adopted_number: 'ISO 1:2000' }).adoption).toEqual(['validate.adoptionRequired']);
    expect(standardFormProblems({ ...good(), adoption: 'ABC', adopted_number: 'ISO 1:2000' }).adoption).toEqual(['validate.adoption']);
    expect(standardFormProblems({ ...good(), adoption: 'NEQ', adopted_number: 'ISO 1:2000' })).toEqual({});
  });

  it('does not ask for the number when editing', () => {
    expect(standardFormProblems({ ...good(), number: '' }, { creating: false })).toEqual({});
  });

  it('builds the POST body: trimmed, empty members left out', () => {
    const body = standardBody({ ...good(), title_en: '  ', ics: ' 03.120.10 ', replaced_by: 'GB 1-2020', withdrawn_on: '2020-01-01' });
    expect(body).toEqual({ number: 'GB/T 19001—2016/ISO 9001:2015', title_zh: '质量管理体系 要求', status: 'current', ics: '03.120.10' });
  });

  it('sends the replacement and the withdrawal date only for withdrawn standards', () => {
    const f = { ...good(), status: 'withdrawn', withdrawn_on: '2021-01-01', replaced_by: ' GB 4706.1—2020 ' };
    expect(standardBody(f)).toMatchObject({ status: 'withdrawn', withdrawn_on: '2021-01-01', replaced_by: 'GB 4706.1—2020' });
    const patch = standardBody({ ...f, status: 'current' }, { creating: false });
    expect(patch).not.toHaveProperty('number');
    expect(patch).toMatchObject({ status: 'current', withdrawn_on: '', replaced_by: '' });
    expect(Object.keys(patch).sort()).toEqual([...EDITABLE_MEMBERS].sort());
  });

  it('drops the adopted number without an adoption degree', () => {
    expect(standardBody({ ...good(), adoption: '', adopted_number: 'ISO 1:2000' })).not.toHaveProperty('adopted_number');
    expect(standardBody({ ...good(), adoption: 'IDT', adopted_number: 'ISO 9001:2015' })).toMatchObject({ adoption: 'IDT', adopted_number: 'ISO 9001:2015' });
  });

  it('PATCHes only what changed', () => {
    const stored = {
      id: 7,
      number: 'GB 4706.1-2005',
      title_zh: '家用电器安全',
      title_en: '',
      status: 'withdrawn',
      issued_on: '2005-08-26',
      effective_on: '',
      withdrawn_on: '2021-01-01',
      replaced_by: 'GB 4706.1-2020',
      ics: '13.120',
      ccs: 'K09',
      adoption: '',
      adopted_number: '',
      advanced_fields: [],
    };
    const form = formFromStandard(stored);
    expect(form.number).toBe('GB 4706.1-2005');
    expect(changedMembers(standardBody(form, { creating: false }), stored)).toEqual({});
    form.title_en = 'Household appliances';
    form.status = 'current';
    expect(changedMembers(standardBody(form, { creating: false }), stored)).toEqual({
      title_en: 'Household appliances',
      status: 'current',
      withdrawn_on: '',
      replaced_by: '',
    });
  });

  it('starts a new form as a current standard', () => {
    expect(emptyStandardForm().status).toBe('current');
    expect(formFromStandard({ status: 'strange', title_zh: 'x' })).toMatchObject({ status: 'current', title_zh: 'x' });
    expect(formFromStandard(null)).toEqual(emptyStandardForm());
  });

  it('checks a product field of the advanced list', () => {
    expect(advancedFieldProblem('家用电器')).toBeNull();
    expect(advancedFieldProblem('   ')).toEqual(['validate.fieldRequired']);
    expect(advancedFieldProblem('电'.repeat(51))).toEqual(['validate.fieldLength', { max: 50 }]);
    expect(advancedFieldProblem('电'.repeat(50))).toBeNull();
  });
});

describe('catalog routes', async () => {
  const { routes } = await import('../src/router/index.js');
  const all = routes.flatMap((r) => [r, ...(r.children || [])]);
  const byName = (n) => all.find((r) => r.name === n);

  it('are public at /standards and inside the app for signed-in users', () => {
    expect(byName('catalog')).toMatchObject({ path: '/standards', meta: { public: true } });
    expect(byName('catalog-standard').meta.public).toBe(true);
    expect(byName('standards').meta).toMatchObject({ menu: true, title: 'menu.standards' });
    expect(byName('standard').meta.public).toBeUndefined();
  });

  it('open the editor to editors only', () => {
    for (const n of ['standard-new', 'standard-edit']) {
      expect(byName(n).meta.roles, n).toEqual(['national_office', 'technical_body', 'admin']);
      expect(byName(n).meta.menuActive, n).toBe('standards');
    }
  });
});
