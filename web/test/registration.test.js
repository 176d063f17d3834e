import { describe, it, expect } from 'vitest';
import { codeRegionMismatch } from '../src/utils/creditCode.js';
import { flagsForRegion, ENTERPRISE_FLAGS } from '../src/utils/roles.js';

describe('registration hints', () => {
  it('warns when the credit code was issued outside the chosen city', () => {
    // 91330200… issued by Ningbo's authority
    expect(codeRegionMismatch('913302001234567890', '110101')).toEqual({ codeRegion: '330200' });
    expect(codeRegionMismatch('913302001234567890', '330203')).toBeNull();
    expect(codeRegionMismatch('913302121234567890', '330205')).toBeNull();
    // a provincial authority's code matches any place of that province
    expect(codeRegionMismatch('913300001234567890', '330203')).toBeNull();
    expect(codeRegionMismatch('913300001234567890', '460100')).toEqual({ codeRegion: '330000' });
    // nothing to compare yet
    expect(codeRegionMismatch('91330200', '110101')).toBeNull();
    expect(codeRegionMismatch('913302001234567890', '')).toBeNull();
  });
  it('offers the Zhejiang-only tag to Zhejiang enterprises only', () => {
    expect(flagsForRegion('330203')).toEqual(ENTERPRISE_FLAGS);
    expect(flagsForRegion('110101')).not.toContain('zhejiang_made');
    expect(flagsForRegion('110101').length).toBe(ENTERPRISE_FLAGS.length - 1);
    expect(flagsForRegion('')).not.toContain('zhejiang_made');
  });
});
