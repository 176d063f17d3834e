// 规划指标监测: pure helpers for the page — status tags, progress bars, values with their units,
// the years an actual may be entered for, the entry form's checks and the chart of actuals
// against the straight line (GET /planning-indicators/{id} gives `path`).

export const PLANNING_TABLES = ['表2-1', '表1-1'];
export const PLANNING_STATUSES = ['reached', 'on_track', 'behind', 'no_data', 'not_assessable'];
export const NOTE_MAX = 500;

// Element Plus tag type of a progress status.
const TAGS = { reached: 'success', on_track: 'primary', behind: 'danger', no_data: 'info', not_assessable: 'warning' };
export function statusTag(status) {
  return TAGS[status] || 'info';
}

// A number as the tables write it (no float noise: 0.1 + 0.2 → "0.3"), "—" for none.
export function formatNumber(v, digits = 2) {
  if (v === null || v === undefined || v === '' || !Number.isFinite(Number(v))) return '—';
  const n = Number(v);
  const f = Math.round(n * 10 ** digits) / 10 ** digits;
  return String(Object.is(f, -0) ? 0 : f);
}

// "93.3%", "150家", "87.13" (no unit); "—" for none.
export function formatValue(v, unit = '') {
  const s = formatNumber(v);
  return s === '—' ? s : s + (unit || '');
}

// A share (0.366) as a whole-ish percentage for el-progress: 36.6, clamped to 0–100; null for none.
export function percent(share) {
  if (share === null || share === undefined || !Number.isFinite(Number(share))) return null;
  return Math.max(0, Math.min(100, Math.round(Number(share) * 1000) / 10));
}

// el-progress colour: the status decides.
const COLOURS = { reached: '#67c23a', on_track: '#409eff', behind: '#f56c6c' };
export function progressColour(status) {
  return COLOURS[status] || '#909399';
}

// Years an actual may be entered for: baseline year … target year, the latest first.
export function entryYears(ind) {
  const out = [];
  if (!ind || !Number.isInteger(ind.baseline_year) || !Number.isInteger(ind.target_year)) return out;
  for (let y = ind.target_year; y >= ind.baseline_year; y--) out.push(y);
  return out;
}

// The year to offer first: the latest year without an actual up to this year, else the target year.
export function defaultEntryYear(ind, thisYear = new Date().getFullYear()) {
  const years = entryYears(ind);
  if (!years.length) return null;
  const taken = new Set((ind.actuals || []).map((a) => a.year));
  const open = years.find((y) => y <= thisYear && !taken.has(y));
  return open || years.find((y) => y <= thisYear) || years[years.length - 1];
}

// Checks the entry form before sending; keys as the server names them. `t` translates.
export function validateActual(form, ind, t) {
  const errors = {};
  const years = entryYears(ind);
  if (!Number.isInteger(form.year) || !years.includes(form.year)) {
    errors.year = t('planning.errors.year', { from: ind.baseline_year, to: ind.target_year });
  }
  const raw = typeof form.value === 'string' ? form.value.trim() : form.value;
  if (raw === '' || raw === null || raw === undefined) errors.value = t('planning.errors.valueRequired');
  else if (!Number.isFinite(Number(raw))) errors.value = t('planning.errors.valueNumber');
  if ([...String(form.note || '')].length > NOTE_MAX) errors.note = t('planning.errors.noteLong', { max: NOTE_MAX });
  return errors;
}

// The body of PUT /planning-indicators/{id}/actuals/{year}.
export function actualBody(form) {
  return { value: Number(typeof form.value === 'string' ? form.value.trim() : form.value), note: String(form.note || '').trim() };
}

// Rows of the table behind the chart: every year of the line (or of the actuals, without a line)
// with the line's value, the actual and its note.
export function chartRows(ind) {
  if (!ind) return [];
  const byYear = new Map((ind.actuals || []).map((a) => [a.year, a]));
  const line = new Map((ind.path || []).map((p) => [p.year, p.expected]));
  const years = new Set([...line.keys(), ...byYear.keys()]);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const a = byYear.get(year);
      return { year, expected: line.has(year) ? line.get(year) : null, actual: a ? a.value : null, note: a ? a.note : '' };
    });
}

// The ECharts option: the straight line from baseline to target (dashed), the actuals (solid,
// with points), the target as a mark line. `t` translates the series names.
export function chartOption(ind, t) {
  const rows = chartRows(ind);
  const unit = (ind && ind.unit) || '';
  const hasLine = rows.some((r) => r.expected !== null);
  const series = [];
  if (hasLine) {
    series.push({
      name: t('planning.chart.path'),
      type: 'line',
      data: rows.map((r) => r.expected),
      lineStyle: { type: 'dashed' },
      symbol: 'none',
      connectNulls: true,
    });
  }
  series.push({
    name: t('planning.chart.actual'),
    type: 'line',
    data: rows.map((r) => r.actual),
    symbolSize: 8,
    connectNulls: true,
    label: { show: true, formatter: (p) => (p.value === null || p.value === undefined ? '' : formatNumber(p.value)) },
    ...(ind && Number.isFinite(ind.target_value)
      ? { markLine: { symbol: 'none', data: [{ yAxis: ind.target_value, name: t('planning.chart.target') }], label: { formatter: t('planning.chart.target') + ' {c}' + unit } } }
      : {}),
  });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatValue(v, unit) },
    legend: { data: series.map((s) => s.name), top: 0, right: 8 },
    grid: { left: 48, right: 56, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
    yAxis: { type: 'value', name: unit, scale: true },
    series,
  };
}

// Counts by status for the summary line above the table.
export function statusCounts(items) {
  const out = Object.fromEntries(PLANNING_STATUSES.map((s) => [s, 0]));
  for (const x of items || []) if (x && x.progress && out[x.progress.status] !== undefined) out[x.progress.status]++;
  return out;
}

// "2020年：81" — a baseline or target cell as the plan writes it.
export function yearCell(year, text) {
  return `${year}年：${text === '' || text === undefined || text === null ? '—' : text}`;
}

// The import template's columns (the server reads 编号 or 指标名称, 年份, 实际值, optional 表号, 备注).
export const IMPORT_COLUMNS = ['编号', '表号', '指标名称', '年份', '实际值', '备注'];
