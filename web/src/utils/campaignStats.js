// Pure helpers of the campaign dashboard (数据看板): the figure cards, the tables behind every chart
// (查看数据) with the export table each one has, what a click on a figure drills down to (the
// results behind it, or the member enterprises), percentages, and the ECharts options.

// ---- numbers ------------------------------------------------------------------------------------

const num = (v) => {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
};

// part / whole as a percentage rounded to one decimal; null when there is no whole.
export function percent(part, whole) {
  const w = num(whole);
  if (!(w > 0)) return null;
  return Math.round((num(part) / w) * 1000) / 10;
}

// A share the server sent (a percentage with one decimal: 25.0 for a quarter) → number or null.
// The figures behind it are preferred where the answer has them (see percent()).
export function sharePercent(v) {
  if (v === null || v === undefined || v === '' || !Number.isFinite(Number(v))) return null;
  return Math.round(Number(v) * 10) / 10;
}

// "25.0%" / "—".
export function formatPercent(p) {
  return p === null || p === undefined ? '—' : `${Number(p).toFixed(1)}%`;
}

// Progress bar value (0–100, capped) for a percentage that may exceed 100.
export const progressValue = (p) => (p === null || p === undefined ? 0 : Math.max(0, Math.min(100, Number(p))));

// ---- drill-down ---------------------------------------------------------------------------------

// A drill spec → {kind: 'results'|'members', filters} for one row. `from` maps filter names to the
// row's members; `fixed` adds constant filters; `scope` is the dashboard's region filter, kept
// unless the row names a region itself.
export function drillFor(spec, row = {}, scope = '') {
  if (!spec) return null;
  const filters = {};
  if (scope) filters.region_code = scope;
  for (const [filter, prop] of Object.entries(spec.from || {})) {
    const v = row[prop];
    if (v !== undefined && v !== null && v !== '') filters[filter] = String(v);
  }
  Object.assign(filters, spec.fixed || {});
  return { kind: spec.kind, filters };
}

const results = (from = {}, fixed = {}) => ({ kind: 'results', from, fixed });
// The results counted as submitted (everything but drafts and returned ones): the server's
// status filter `reported`.
const REPORTED = { status: 'reported' };
// 达标: the reported results whose roll-up meets the benchmark (filter compliant=1).
const COMPLIANT = { status: 'reported', compliant: '1' };
const members = (from = {}, fixed = {}) => ({ kind: 'members', from, fixed });

// The figure cards on top: key (i18n `stats.card.<key>`), value from `totals`, drill.
export const STAT_CARDS = [
  { key: 'enterprises', drill: members() },
  { key: 'products', drill: members() },
  { key: 'plans', drill: results() },
  { key: 'results', drill: results() },
  { key: 'submitted', drill: results({}, REPORTED) },
  { key: 'published', drill: results({}, { status: 'published' }) },
  { key: 'compliant', drill: results({}, COMPLIANT) },
  { key: 'quota_share', drill: members(), percent: true },
];

export function statCards(stats) {
  const tot = (stats && stats.totals) || {};
  return STAT_CARDS.map((c) => {
    if (c.percent) {
      const p = tot.quota > 0 ? percent(tot.enterprises, tot.quota) : sharePercent(tot.quota_share);
      return { ...c, value: p, text: formatPercent(p), sub: { enterprises: num(tot.enterprises), quota: num(tot.quota) } };
    }
    return { ...c, value: num(tot[c.key]), text: String(num(tot[c.key])) };
  });
}

// ---- the tables behind the charts ---------------------------------------------------------------

// Each table: `source` (member of Stats), `export` (the `table` of stats/export.xlsx, null when
// the server has no such table), columns {prop, label (i18n key), type?, drill?}.
export const STATS_TABLES = {
  statuses: {
    source: 'results_by_status',
    export: 'status',
    columns: [
      { prop: 'label', label: 'stats.col.status', i18n: { prefix: 'resultStatus.', code: 'status' } },
      { prop: 'count', label: 'stats.col.count', type: 'number', drill: results({ status: 'status' }) },
    ],
  },
  rollups: {
    source: 'results_by_rollup',
    export: 'rollup',
    columns: [
      { prop: 'label', label: 'stats.col.rollup', i18n: { prefix: 'rollUp.', code: 'rollup' } },
      { prop: 'count', label: 'stats.col.count', type: 'number', drill: results({ rollup: 'rollup' }) },
    ],
  },
  plans: {
    source: 'plans_by_status',
    export: null,
    columns: [
      { prop: 'label', label: 'stats.col.planStatus', i18n: { prefix: 'planStatus.', code: 'status' } },
      { prop: 'count', label: 'stats.col.count', type: 'number' },
    ],
  },
  regions: {
    source: 'regions',
    export: 'regions',
    columns: [
      { prop: 'rank', label: 'stats.col.rank', type: 'number' },
      { prop: 'region_name', label: 'stats.col.region' },
      { prop: 'enterprises', label: 'stats.col.enterprises', type: 'number', drill: members({ region_code: 'region_code' }) },
      { prop: 'quota', label: 'stats.col.quota', type: 'number' },
      { prop: 'quota_share', label: 'stats.col.quotaShare', type: 'percent', of: ['enterprises', 'quota'] },
      { prop: 'results', label: 'stats.col.results', type: 'number', drill: results({ region_code: 'region_code' }) },
      { prop: 'submitted', label: 'stats.col.submitted', type: 'number', drill: results({ region_code: 'region_code' }, REPORTED) },
      { prop: 'published', label: 'stats.col.published', type: 'number', drill: results({ region_code: 'region_code' }, { status: 'published' }) },
      { prop: 'compliant', label: 'stats.col.compliant', type: 'number', drill: results({ region_code: 'region_code' }, COMPLIANT) },
    ],
  },
  industries: {
    source: 'industries',
    export: 'industries',
    columns: [
      { prop: 'code', label: 'stats.col.industryCode' },
      { prop: 'name', label: 'stats.col.industry' },
      { prop: 'enterprises', label: 'stats.col.enterprises', type: 'number', drill: members({ industry_code: 'code' }) },
      { prop: 'results', label: 'stats.col.results', type: 'number', drill: results({ industry_code: 'code' }) },
      { prop: 'published', label: 'stats.col.published', type: 'number', drill: results({ industry_code: 'code' }, { status: 'published' }) },
    ],
  },
  batches: {
    source: 'batches',
    export: 'batches',
    columns: [
      { prop: 'batch', label: 'stats.col.batch' },
      { prop: 'name', label: 'stats.col.batchName' },
      { prop: 'enterprises', label: 'stats.col.enterprises', type: 'number', drill: members({ batch: 'batch' }) },
      { prop: 'results', label: 'stats.col.results', type: 'number', drill: results({ batch: 'batch' }) },
      { prop: 'published', label: 'stats.col.published', type: 'number', drill: results({ batch: 'batch' }, { status: 'published' }) },
    ],
  },
  months: {
    source: 'months',
    export: 'months',
    columns: [
      { prop: 'month', label: 'stats.col.month' },
      { prop: 'members_added', label: 'stats.col.membersAdded', type: 'number' },
      { prop: 'submitted', label: 'stats.col.submitted', type: 'number', drill: results({ month: 'month' }, REPORTED) },
      { prop: 'published', label: 'stats.col.published', type: 'number', drill: results({ month: 'month' }, { status: 'published' }) },
    ],
  },
  quotas: {
    source: 'quotas',
    export: 'quotas',
    columns: [
      { prop: 'region_name', label: 'stats.col.region' },
      { prop: 'quota', label: 'stats.col.quota', type: 'number' },
      { prop: 'enterprises', label: 'stats.col.enterprises', type: 'number', drill: members({ region_code: 'region_code' }) },
      { prop: 'share', label: 'stats.col.quotaShare', type: 'percent', of: ['enterprises', 'quota'] },
    ],
  },
  targets: {
    source: 'targets',
    export: 'targets',
    columns: [
      { prop: 'label', label: 'stats.col.target' },
      { prop: 'value', label: 'stats.col.targetValue', type: 'number' },
      { prop: 'actual', label: 'stats.col.actual', type: 'number' },
      { prop: 'share', label: 'stats.col.progress', type: 'percent', of: ['actual', 'value'] },
      { prop: 'due_date', label: 'stats.col.dueDate' },
    ],
  },
  phases: {
    source: 'phases',
    export: 'phases',
    columns: [
      { prop: 'name', label: 'stats.col.phase' },
      { prop: 'due_date', label: 'stats.col.dueDate' },
      { prop: 'regions_reached', label: 'stats.col.regionsReached', type: 'number' },
      { prop: 'regions_total', label: 'stats.col.regionsTotal', type: 'number' },
    ],
  },
};
// The tables of GET /campaigns/{id}/stats/export.xlsx (the contract's seven, plus status and
// roll-up, which the server also exports).
export const STATS_EXPORT_TABLES = ['regions', 'industries', 'batches', 'months', 'quotas', 'targets', 'phases', 'status', 'rollup'];

export const tableRows = (stats, name) => {
  const spec = STATS_TABLES[name];
  const rows = spec && stats ? stats[spec.source] : null;
  return Array.isArray(rows) ? rows : [];
};

// A table cell's value for display: numbers as they are, percentages computed from the figures
// behind them when the row has them (else the server's share), text as it is.
export function cellValue(column, row) {
  const r = row || {};
  if (column.type === 'percent') {
    const [part, whole] = column.of || [];
    const p = part && whole && num(r[whole]) > 0 ? percent(r[part], r[whole]) : sharePercent(r[column.prop]);
    return formatPercent(p);
  }
  const v = r[column.prop];
  if (column.type === 'number') return v === null || v === undefined || v === '' ? '—' : String(num(v));
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

// The text of a cell: a label from our dictionary when the column has one for the row's code
// (`te(key)` says whether it exists), else what cellValue() gives.
export function cellText(column, row, t, te) {
  const i = column.i18n;
  if (i && row && row[i.code] && te && te(i.prefix + row[i.code])) return t(i.prefix + row[i.code]);
  return cellValue(column, row);
}

// Regions in ranking order (rank 1 first; rows without a rank last, by name).
export function rankedRegions(rows) {
  return (rows || []).slice().sort((a, b) => {
    const ra = Number(a.rank) > 0 ? Number(a.rank) : Infinity;
    const rb = Number(b.rank) > 0 ? Number(b.rank) : Infinity;
    if (ra !== rb) return ra - rb;
    return String(a.region_name || '').localeCompare(String(b.region_name || ''), 'zh');
  });
}

// Target progress rows: {…target, percent, overdue}.
export function targetProgress(rows) {
  return (rows || []).map((g) => {
    const p = num(g.value) > 0 && g.actual !== null && g.actual !== undefined ? percent(g.actual, g.value) : sharePercent(g.share);
    return { ...g, percent: p };
  });
}

// ---- charts -------------------------------------------------------------------------------------
// Each builder returns {rows, option, drill(dataIndex, seriesIndex) → drillFor spec or null}.

const PALETTE = ['#1d3f8f', '#409eff', '#67c23a', '#e6a23c', '#f56c6c', '#909399', '#36cfc9', '#9254de'];
const baseGrid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };

function barChart({ categories, series, horizontal = false, stack = false }) {
  const cat = { type: 'category', data: categories, axisLabel: { interval: 0, rotate: !horizontal && categories.length > 6 ? 30 : 0 } };
  const val = { type: 'value', minInterval: 1 };
  return {
    color: PALETTE,
    tooltip,
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: baseGrid,
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ type: 'bar', barMaxWidth: 28, stack: stack ? 'all' : undefined, ...s })),
  };
}

// results by status (bar), labelled by `labelOf(status, serverLabel)`.
export function statusChart(stats, labelOf = (k, l) => l || k) {
  const rows = (stats && stats.results_by_status) || [];
  return {
    rows,
    option: barChart({ categories: rows.map((r) => labelOf(r.status, r.label)), series: [{ name: '', data: rows.map((r) => num(r.count)), colorBy: 'data' }] }),
    drill: (i) => (rows[i] ? drillFor(STATS_TABLES.statuses.columns[1].drill, rows[i]) : null),
  };
}

export function rollupChart(stats, labelOf = (k, l) => l || k) {
  const rows = (stats && stats.results_by_rollup) || [];
  return {
    rows,
    option: {
      color: ['#67c23a', '#95d475', '#409eff', '#f56c6c', '#e6a23c', '#909399'],
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}' },
          // empty slices keep their legend entry but draw no label
          data: rows.map((r) => {
            const value = num(r.count);
            const item = { name: labelOf(r.rollup, r.label), value };
            return value > 0 ? item : { ...item, label: { show: false }, labelLine: { show: false } };
          }),
        },
      ],
    },
    drill: (i) => (rows[i] ? drillFor(STATS_TABLES.rollups.columns[1].drill, rows[i]) : null),
  };
}

export function plansChart(stats, labelOf = (k, l) => l || k) {
  const rows = (stats && stats.plans_by_status) || [];
  return {
    rows,
    option: barChart({ categories: rows.map((r) => labelOf(r.status, r.label)), series: [{ name: '', data: rows.map((r) => num(r.count)), colorBy: 'data' }] }),
    drill: () => null,
  };
}

// Columns of a table whose drill the chart series use, by prop.
const columnDrill = (table, prop) => (STATS_TABLES[table].columns.find((c) => c.prop === prop) || {}).drill || null;

// A grouped bar chart of one table over some of its number columns (`props`), with `names` the
// series names (same order).
function tableBars(table, rows, categoryOf, props, names, { horizontal = false } = {}) {
  return {
    rows,
    option: barChart({ categories: rows.map(categoryOf), series: props.map((p, k) => ({ name: names[k], data: rows.map((r) => num(r[p])) })), horizontal }),
    drill: (i, s = 0) => {
      const spec = columnDrill(table, props[s]);
      return rows[i] && spec ? drillFor(spec, rows[i]) : null;
    },
  };
}

export const REGION_SERIES = ['enterprises', 'submitted', 'published', 'compliant'];
export function regionChart(stats, names = REGION_SERIES) {
  const rows = rankedRegions((stats && stats.regions) || []);
  return tableBars('regions', rows, (r) => (r.rank ? `${r.rank}. ${r.region_name}` : r.region_name), REGION_SERIES, names, { horizontal: rows.length > 8 });
}

export const INDUSTRY_SERIES = ['enterprises', 'results', 'published'];
export function industryChart(stats, names = INDUSTRY_SERIES) {
  const rows = (stats && stats.industries) || [];
  return tableBars('industries', rows, (r) => r.name || r.code, INDUSTRY_SERIES, names, { horizontal: true });
}

export const BATCH_SERIES = ['enterprises', 'results', 'published'];
export function batchChart(stats, names = BATCH_SERIES, batchLabel = (b) => String(b.batch)) {
  const rows = (stats && stats.batches) || [];
  return tableBars('batches', rows, (r) => r.name || batchLabel(r), BATCH_SERIES, names);
}

export const MONTH_SERIES = ['members_added', 'submitted', 'published'];
export function monthChart(stats, names = MONTH_SERIES) {
  const rows = ((stats && stats.months) || []).slice().sort((a, b) => String(a.month).localeCompare(String(b.month)));
  return {
    rows,
    option: {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: baseGrid,
      xAxis: { type: 'category', data: rows.map((r) => r.month), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: MONTH_SERIES.map((p, k) => ({ type: 'line', name: names[k], smooth: true, symbolSize: 8, data: rows.map((r) => num(r[p])) })),
    },
    drill: (i, s = 0) => {
      const spec = columnDrill('months', MONTH_SERIES[s]);
      return rows[i] && spec ? drillFor(spec, rows[i]) : null;
    },
  };
}

// Quota progress per sub-region: the member enterprises as bars, the quota as a hollow bar behind
// them, the share in the label.
export function quotaChart(stats, names = ['enterprises', 'quota']) {
  const rows = (stats && stats.quotas) || [];
  const labels = rows.map((r) => {
    const p = percent(r.enterprises, r.quota);
    return p === null ? '' : formatPercent(p);
  });
  return {
    rows,
    option: {
      color: ['#409eff', '#1d3f8f'],
      tooltip,
      legend: { top: 0 },
      grid: baseGrid,
      xAxis: { type: 'category', data: rows.map((r) => r.region_name || r.region_code), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: names[1],
          barMaxWidth: 32,
          data: rows.map((r) => num(r.quota)),
          itemStyle: { color: 'rgba(29,63,143,0.06)', borderColor: '#1d3f8f', borderWidth: 1, borderType: 'dashed' },
          z: 1,
        },
        {
          type: 'bar',
          name: names[0],
          barMaxWidth: 32,
          barGap: '-100%',
          data: rows.map((r) => num(r.enterprises)),
          label: { show: true, position: 'top', formatter: (p) => labels[p.dataIndex] || '' },
          z: 2,
        },
      ],
    },
    // both series lead to the member enterprises of the region
    drill: (i) => (rows[i] ? drillFor(columnDrill('quotas', 'enterprises'), rows[i]) : null),
  };
}
