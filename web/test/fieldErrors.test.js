import { describe, it, expect } from 'vitest';
import { mapFieldErrors, conflictField, formErrorsFrom } from '../src/utils/fieldErrors.js';
import { ApiError } from '../src/api/http.js';

const PROPS = ['name', 'credit_code', 'region_code', 'industry_code', 'contact_phone', 'flags', 'username', 'password', 'display_name'];
const OPTS = {
  props: PROPS,
  prefixes: ['enterprise', 'user'],
  conflicts: { credit_code: ['信用代码', 'credit code'], username: ['用户名', 'username'] },
};

describe('mapFieldErrors', () => {
  it('strips enterprise./user. prefixes and keeps plain keys', () => {
    const { byProp, other } = mapFieldErrors(
      { 'enterprise.credit_code': '校验码错误', 'user.username': '格式不对', region_code: '须为县级', 'enterprise.name': '太短' },
      OPTS,
    );
    expect(byProp).toEqual({ credit_code: '校验码错误', username: '格式不对', region_code: '须为县级', name: '太短' });
    expect(other).toEqual({});
  });

  it('maps array items to the array field and keeps unknown keys apart', () => {
    const { byProp, other } = mapFieldErrors({ 'enterprise.flags[1]': '未知标签', 'enterprise.foo': '?', bar: '!' }, OPTS);
    expect(byProp).toEqual({ flags: '未知标签' });
    expect(other).toEqual({ 'enterprise.foo': '?', bar: '!' });
  });

  it('joins several messages for one field and applies aliases', () => {
    const { byProp } = mapFieldErrors({ 'user.password': '太短', password: '缺少数字' }, OPTS);
    expect(byProp.password).toBe('太短；缺少数字');
    const r = mapFieldErrors({ old: '原密码错误' }, { props: ['old_password'], aliases: { old: 'old_password' } });
    expect(r.byProp).toEqual({ old_password: '原密码错误' });
  });

  it('accepts everything when no props are given', () => {
    expect(mapFieldErrors({ x: 'y' }).byProp).toEqual({ x: 'y' });
    expect(mapFieldErrors(null).byProp).toEqual({});
  });
});

describe('conflicts', () => {
  it('guesses the field of a 409 without fields from the message', () => {
    expect(conflictField('该统一社会信用代码已注册', OPTS.conflicts)).toBe('credit_code');
    expect(conflictField('用户名已被使用', OPTS.conflicts)).toBe('username');
    expect(conflictField('Username taken', OPTS.conflicts)).toBe('username');
    expect(conflictField('其他冲突', OPTS.conflicts)).toBeNull();
  });

  it('formErrorsFrom attaches 409 messages to fields and reports the rest generally', () => {
    const dup = new ApiError({ status: 409, code: 'conflict', message: '统一社会信用代码已注册' });
    expect(formErrorsFrom(dup, OPTS)).toMatchObject({ byProp: { credit_code: '统一社会信用代码已注册' }, general: '' });
    const withFields = new ApiError({ status: 409, code: 'conflict', message: 'dup', fields: { 'user.username': '已存在' } });
    expect(formErrorsFrom(withFields, OPTS).byProp).toEqual({ username: '已存在' });
    const vague = new ApiError({ status: 409, code: 'conflict', message: '状态已变化' });
    expect(formErrorsFrom(vague, OPTS)).toMatchObject({ byProp: {}, general: '状态已变化' });
    const mixed = new ApiError({ status: 422, message: '校验失败', fields: { name: '太短', zzz: '未知' } });
    expect(formErrorsFrom(mixed, OPTS)).toMatchObject({ byProp: { name: '太短' }, general: '未知' });
  });
});
