import { describe, it, expect } from 'vitest';
import {
  canAsk, canMaintainDirectory, canUseCirculars, canWriteNotices, circularProblems, confirmationText, directoryProblems,
  durationParts, durationText, noticeActions, noticeProblems, percentText, questionProblems, readerRows, searchHitRoute,
} from '../src/utils/info.js';

const t = (k, p = {}) => `${k}:${JSON.stringify(p)}`;

describe('information services helpers', () => {
  it('who may write what', () => {
    expect(canWriteNotices('county_regulator')).toBe(true);
    expect(canWriteNotices('national_office')).toBe(true);
    expect(canWriteNotices('enterprise')).toBe(false);
    expect(canWriteNotices('admin')).toBe(false);
    expect(canUseCirculars('admin')).toBe(true);
    expect(canUseCirculars('expert')).toBe(false);
    expect(canAsk('enterprise')).toBe(true);
    expect(canAsk('city_regulator')).toBe(false);
    expect(canMaintainDirectory('technical_body')).toBe(false);
    expect(canMaintainDirectory('province_regulator')).toBe(true);
  });
  it('offers the owner the actions of the notice’s state', () => {
    expect(noticeActions({ can_edit: true, status: 'draft' })).toEqual(['edit', 'attach', 'publish', 'delete']);
    expect(noticeActions({ can_edit: true, status: 'published' })).toEqual(['withdraw']);
    expect(noticeActions({ can_edit: true, status: 'withdrawn' })).toEqual([]);
    expect(noticeActions({ can_edit: false, status: 'draft' })).toEqual([]);
  });
  it('lays out the readers with their share, own level first', () => {
    const rows = readerRows({ regions: [{ region_code: '330205', readers: 1, audience: 4 }, { region_code: '', readers: 0, audience: 0 }, { region_code: '330203', readers: 3, audience: 2 }] });
    expect(rows.map((r) => r.region_code)).toEqual(['', '330203', '330205']);
    expect(rows[0].share).toBe(null);
    expect(rows[1].share).toBe(1);
    expect(rows[2].share).toBe(0.25);
    expect(percentText(0.25)).toBe('25.0%');
    expect(percentText(null)).toBe('—');
  });
  it('counts confirmations', () => {
    expect(confirmationText({ confirmed: 1, recipients: [{}, {}, {}] })).toBe('1/3');
    expect(confirmationText({ recipient_count: 2 })).toBe('0/2');
  });
  it('writes durations', () => {
    expect(durationParts(-1)).toBe(null);
    expect(durationParts(90061)).toEqual({ d: 1, h: 1, m: 1 });
    expect(durationText(null, t)).toBe('—');
    expect(durationText(30, t)).toBe('info.q.durationLessMinute:{}');
    expect(durationText(125, t)).toBe('info.q.durationMinutes:{"m":2}');
    expect(durationText(3 * 3600 + 60, t)).toBe('info.q.durationHours:{"h":3,"m":1}');
    expect(durationText(2 * 86400 + 3600, t)).toBe('info.q.durationDays:{"d":2,"h":1}');
  });
  it('checks forms before sending', () => {
    expect(noticeProblems({ title: ' ', body: 'x', audience: 'subtree' })).toEqual({ title: 'info.n.titleRequired' });
    expect(noticeProblems({ title: 'a', body: 'x', audience: 'all' })).toEqual({ audience: 'info.n.audienceRequired' });
    expect(noticeProblems({ title: 'a'.repeat(201), body: '', audience: 'public' })).toEqual({ title: 'info.n.titleTooLong', body: 'info.n.bodyRequired' });
    expect(questionProblems({ title: 'q', body: 'b', target: 'oracle' })).toEqual({ target: 'info.q.targetRequired' });
    expect(questionProblems({ title: 'q', body: 'b', target: 'expert' })).toEqual({});
    expect(circularProblems({ title: '', body: '' })).toEqual({ title: 'info.c.titleRequired', body: 'info.c.bodyRequired' });
    expect(directoryProblems({ kind: 'expert', name: '李明', organization: '', region_code: '110000', email: 'x' })).toEqual({ organization: 'info.d.organizationRequired', email: 'info.d.emailInvalid' });
  });
  it('links search hits inside the app or on the public site', () => {
    expect(searchHitRoute({ kind: 'notice', id: 3 }, false)).toEqual({ name: 'public-notice', params: { id: '3' } });
    expect(searchHitRoute({ kind: 'notice', id: 3 }, true)).toEqual({ name: 'notice', params: { id: '3' } });
    expect(searchHitRoute({ kind: 'result', id: 9, key: 'AB12' }, false)).toEqual({ name: 'verify', params: { code: 'AB12' } });
    expect(searchHitRoute({ kind: 'standard', id: 1 }, false)).toEqual({ name: 'catalog-standard', params: { id: '1' } });
    expect(searchHitRoute({ kind: 'faq', id: 5 }, true)).toEqual({ name: 'public-faq', query: { id: '5' } });
    expect(searchHitRoute({ kind: 'nope', id: 5 }, true)).toBe(null);
  });
});
