import { describe, it, expect } from 'vitest';
import zh from '../src/i18n/zh.js';
import { allowedRoutes } from '../src/utils/roles.js';
import {
  statusTag, formatNumber, formatValue, percent, progressColour, entryYears, defaultEntryYear, validateActual,
  actualBody, chartRows, chartOption, statusCounts, yearCell, PLANNING_STATUSES,
} from '../src/utils/planning.js';

const t = (k, p = {}) => k + JSON.stringify(p);
const awards = {
  id: 1, name: '中国质量奖、省政府质量奖获奖组织（累计）', unit: '家', baseline_year: 2020, baseline_text: '81', target_year: 2025, target_text: '150', target_value: 150,
  actuals: [{ year: 2022, value: 110, note: '' }, { year: 2023, value: 123, note: '省质量办' }],
  path: [2020, 2021, 2022, 2023, 2024, 2025].map((year, i) => ({ year, expected: 81 + 13.8 * i })),
};

describe('planning helpers', () => {
  it('tags and colours every status', () => {
    expect(PLANNING_STATUSES.map(statusTag)).toEqual(['success', 'primary', 'danger', 'info', 'warning']);
    expect(statusTag('nope')).toBe('info');
    expect(progressColour('behind')).toBe('#f56c6c');
    expect(progressColour('no_data')).toBe('#909399');
    for (const s of PLANNING_STATUSES) expect(zh.planning.status[s]).toBeTruthy();
  });

  it('formats values with their units and shares as percentages', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(122.39999999)).toBe('122.4');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatValue(93.3, '%')).toBe('93.3%');
    expect(formatValue(150, '家')).toBe('150家');
    expect(formatValue(1.25, '亿元')).toBe('1.25亿元');
    expect(formatValue(87.13, '')).toBe('87.13');
    expect(formatValue(undefined, '%')).toBe('—');
    expect(percent(0.36609)).toBe(36.6);
    expect(percent(1.7)).toBe(100);
    expect(percent(-0.2)).toBe(0);
    expect(percent(null)).toBe(null);
    expect(yearCell(2020, '81')).toBe('2020年：81');
    expect(yearCell(2020, '-')).toBe('2020年：-');
    expect(yearCell(2020, '')).toBe('2020年：—');
  });

  it('offers the years from baseline to target, the open one first', () => {
    expect(entryYears(awards)).toEqual([2025, 2024, 2023, 2022, 2021, 2020]);
    expect(entryYears({})).toEqual([]);
    expect(defaultEntryYear(awards, 2024)).toBe(2024);
    expect(defaultEntryYear(awards, 2023)).toBe(2021); // 2023 and 2022 are taken
    expect(defaultEntryYear(awards, 2019)).toBe(2020);
    expect(defaultEntryYear({ ...awards, actuals: [] }, 2030)).toBe(2025);
  });

  it('checks the entry form as the server does', () => {
    expect(validateActual({ year: 2023, value: '123.5', note: '' }, awards, t)).toEqual({});
    expect(Object.keys(validateActual({ year: 2019, value: '1', note: '' }, awards, t))).toEqual(['year']);
    expect(Object.keys(validateActual({ year: 2023, value: ' ', note: '' }, awards, t))).toEqual(['value']);
    expect(Object.keys(validateActual({ year: 2023, value: 'abc', note: '' }, awards, t))).toEqual(['value']);
    expect(Object.keys(validateActual({ year: 2023, value: '1', note: '注'.repeat(501) }, awards, t))).toEqual(['note']);
    expect(validateActual({ year: 2023, value: '1', note: '注'.repeat(500) }, awards, t)).toEqual({});
    expect(actualBody({ value: ' 98.6 ', note: ' 抽检 ' })).toEqual({ value: 98.6, note: '抽检' });
  });

  it('draws actuals against the straight line, with its table', () => {
    const rows = chartRows(awards);
    expect(rows.map((r) => r.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(rows[3]).toEqual({ year: 2023, expected: 81 + 13.8 * 3, actual: 123, note: '省质量办' });
    expect(rows[0].actual).toBe(null);
    const o = chartOption(awards, t);
    expect(o.xAxis.data).toEqual(['2020', '2021', '2022', '2023', '2024', '2025']);
    expect(o.series).toHaveLength(2);
    expect(o.series[0].lineStyle.type).toBe('dashed');
    expect(o.series[1].data).toEqual([null, null, 110, 123, null, null]);
    expect(o.series[1].markLine.data[0].yAxis).toBe(150);
    expect(o.yAxis.name).toBe('家');
    // Without a line (baseline "-"): the actuals alone.
    const noLine = chartOption({ ...awards, path: [], target_value: null }, t);
    expect(noLine.series).toHaveLength(1);
    expect(noLine.xAxis.data).toEqual(['2022', '2023']);
    expect(noLine.series[0].markLine).toBeUndefined();
    expect(chartRows(null)).toEqual([]);
  });

  it('counts statuses and opens the page to the province office and the national office', () => {
    const items = [{ progress: { status: 'behind' } }, { progress: { status: 'behind' } }, { progress: { status: 'reached' } }, {}];
    expect(statusCounts(items)).toEqual({ reached: 1, on_track: 0, behind: 2, no_data: 0, not_assessable: 0 });
    expect(allowedRoutes('province_regulator')).toContain('planning');
    expect(allowedRoutes('national_office')).toContain('planning');
    expect(allowedRoutes('enterprise')).not.toContain('planning');
    expect(allowedRoutes('technical_body')).not.toContain('planning');
    expect(zh.menu.planning).toBe('规划指标监测');
  });
});
