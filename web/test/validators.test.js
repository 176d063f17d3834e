import { describe, it, expect } from 'vitest';
import { checkPassword, checkUsername, checkPhone, checkEmail, checkName, checkDisplayName, DISPLAY_NAME_MAX } from '../src/utils/validators.js';
import { homeRouteFor, allowedRoutes, ROLES, MENUS, needsRegion, needsEnterprise, canManageUsers, userRoleFilterOptions } from '../src/utils/roles.js';
import { groupIndustries, industryLabel } from '../src/utils/industries.js';

describe('form checks (mirroring the API contract)', () => {
  it('password: at least 10 characters with letters and digits', () => {
    expect(checkPassword('abcdefghij')).toBe('validate.passwordRule');
    expect(checkPassword('1234567890')).toBe('validate.passwordRule');
    expect(checkPassword('abc123')).toBe('validate.passwordRule');
    expect(checkPassword('abcde12345')).toBeNull();
  });
  it('username: 3–32 of a-z0-9_.-', () => {
    expect(checkUsername('ab')).toBe('validate.username');
    expect(checkUsername('Admin')).toBe('validate.username');
    expect(checkUsername('王五')).toBe('validate.username');
    expect(checkUsername('ent_1.a-b')).toBeNull();
    expect(checkUsername('a'.repeat(33))).toBe('validate.username');
  });
  it('phone: digits, - and +, 7–20', () => {
    expect(checkPhone('0574-87654321')).toBeNull();
    expect(checkPhone('+8613800000000')).toBeNull();
    expect(checkPhone('123456')).toBe('validate.phone');
    expect(checkPhone('0574 8765432')).toBe('validate.phone');
  });
  it('email optional; name 2–100 characters', () => {
    expect(checkEmail('')).toBeNull();
    expect(checkEmail('a@b.cn')).toBeNull();
    expect(checkEmail('a@b')).toBe('validate.email');
    expect(checkName('甲')).toBe('validate.nameLength');
    expect(checkName('甲乙')).toBeNull();
    expect(checkName('厂'.repeat(101))).toBe('validate.nameLength');
  });
  it('display name: required, at most 50 characters after trimming', () => {
    expect(DISPLAY_NAME_MAX).toBe(50);
    expect(checkDisplayName('')).toBe('validate.displayNameRequired');
    expect(checkDisplayName('   ')).toBe('validate.displayNameRequired');
    expect(checkDisplayName(undefined)).toBe('validate.displayNameRequired');
    expect(checkDisplayName('王')).toBeNull();
    expect(checkDisplayName(' ' + '王'.repeat(50) + ' ')).toBeNull();
    expect(checkDisplayName('王'.repeat(51))).toBe('validate.displayNameLength');
    expect(checkDisplayName('𠀀'.repeat(50))).toBeNull(); // counted as characters, not UTF-16 units
  });
});

describe('roles', () => {
  it('every role has a menu and a home page it may open', () => {
    for (const r of ROLES) {
      expect(MENUS[r], r).toBeTruthy();
      expect(allowedRoutes(r)).toContain(homeRouteFor(r));
    }
    expect(homeRouteFor('enterprise')).toBe('workbench');
    expect(homeRouteFor('county_regulator')).toBe('workbench');
    expect(homeRouteFor('admin')).toBe('workbench');
    expect(homeRouteFor('expert')).toBe('workbench');
    expect(allowedRoutes('national_office')).toEqual(['workbench', 'enterprises', 'review-queue', 'results', 'campaigns', 'planning', 'standards', 'plans', 'leaders', 'notices', 'circulars', 'questions', 'directory', 'app-search', 'audit', 'review-settings']);
    expect(allowedRoutes('enterprise')).not.toContain('users');
  });
  it('regulators see users read-only; only the admin manages them; the national office has no user list (the API refuses it)', () => {
    expect(allowedRoutes('national_office')).not.toContain('users');
    for (const r of ['county_regulator', 'city_regulator', 'province_regulator']) {
      expect(allowedRoutes(r), r).toContain('users');
      expect(MENUS[r].find((m) => m.name === 'users').label, r).toBe('menu.usersReadonly');
      expect(canManageUsers(r), r).toBe(false);
    }
    expect(MENUS.admin.find((m) => m.name === 'users').label).toBe('menu.users');
    expect(canManageUsers('admin')).toBe(true);
    for (const r of ['enterprise', 'technical_body', 'expert']) expect(allowedRoutes(r), r).not.toContain('users');
  });
  it('offers the roles a user list can hold in its role filter', () => {
    expect(userRoleFilterOptions('admin')).toEqual(ROLES);
    expect(userRoleFilterOptions('national_office')).toEqual(ROLES);
    expect(userRoleFilterOptions('county_regulator')).toEqual(['enterprise', 'county_regulator', 'technical_body', 'expert']);
    expect(userRoleFilterOptions('city_regulator')).toEqual(['enterprise', 'county_regulator', 'city_regulator', 'technical_body', 'expert']);
    expect(userRoleFilterOptions('province_regulator')).toEqual([
      'enterprise',
      'county_regulator',
      'city_regulator',
      'province_regulator',
      'technical_body',
      'expert',
    ]);
  });
  it('regulators need a region, enterprise users an enterprise', () => {
    expect(needsRegion('city_regulator')).toBe(true);
    expect(needsRegion('national_office')).toBe(false);
    expect(needsEnterprise('enterprise')).toBe(true);
    expect(needsEnterprise('expert')).toBe(false);
  });
});

describe('industries', () => {
  it('groups by kind in the order 门类, 大类, 产业集群', () => {
    const g = groupIndustries([
      { code: 'ZJ1', name: '汽车及零部件', kind: 'cluster' },
      { code: '34', name: '通用设备制造业', kind: 'division' },
      { code: 'C', name: '制造业', kind: 'section' },
    ]);
    expect(g.map((x) => x.kind)).toEqual(['section', 'division', 'cluster']);
    expect(industryLabel(g[1].items[0])).toBe('34 通用设备制造业');
    expect(industryLabel(g[2].items[0])).toBe('汽车及零部件');
  });
});
