// What a sensible request to each route looks like, so that mutations start from bodies that
// get past the first checks: valid JSON bodies per route, query values per parameter name, raw
// bodies (CSV, xlsx, uploads), and which roles a route is meant for. Routes without a template
// get a body generated from their OpenAPI schema.
import zlib from 'node:zlib';
import { makeCreditCode } from '../lib/server.mjs';
import { unzipEntries } from '../api/fixtures.mjs';
import { csvOf, listCsv, campaignBody, PDF, PNG } from './world.mjs';
import { CONTROL_CHARS, LONE_SURROGATES, HARMLESS_ODD, longString } from './gen.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

export const ROLE_NAMES = ['anon', 'admin', 'national', 'tech', 'expert', 'county_a', 'city_a', 'prov_a', 'county_b', 'city_b',
  'prov_b', 'ent_a', 'ent_b'];
const REGULATORS = ['county_a', 'city_a', 'prov_a', 'county_b', 'city_b', 'prov_b'];
const ENTS = ['ent_a', 'ent_b'];
const OFFICES = ['national', 'prov_a', 'city_a', 'prov_b', 'city_b'];
const side = (role) => (/_a$/.test(role) ? 'a' : /_b$/.test(role) ? 'b' : null);
export { side };

// The roles a route is for (the others mostly get 401/403/404, which is tested too).
export function naturalRoles(method, path) {
  const p = path.replace('/api/v1', '');
  const write = method !== 'GET';
  if (p === '/enterprises/register') return ['anon', ...ENTS];
  if (p.startsWith('/auth/')) return ROLE_NAMES;
  if (/^\/(health|tools|regions|industries|public)/.test(p)) return ROLE_NAMES;
  if (p === '/enterprises/mine') return ENTS;
  if (p.startsWith('/enterprises')) return write ? [...REGULATORS, 'admin'] : [...REGULATORS, 'national', 'admin'];
  if (p.startsWith('/users')) return write ? ['admin'] : ['admin', ...REGULATORS];
  if (p.startsWith('/audit')) return ['admin', 'national', ...REGULATORS, ...ENTS];
  if (p.startsWith('/standards') && p.includes('advanced')) return ['national', 'admin'];
  if (p.startsWith('/standards')) return write ? ['national', 'tech', 'admin'] : ROLE_NAMES;
  if (p.startsWith('/advanced-fields')) return ROLE_NAMES;
  if (p.startsWith('/plans')) {
    if (p.endsWith('/objections') && write) return [...REGULATORS, ...ENTS, 'expert'];
    if (p.endsWith('/actions')) return ['tech', 'national'];
    return write ? ['tech', 'admin'] : ROLE_NAMES;
  }
  if (p.startsWith('/products')) return write ? ENTS : [...ENTS, ...REGULATORS, 'national', 'admin'];
  if (p.startsWith('/results')) {
    if (p.includes('review')) return [...REGULATORS, 'national'];
    return write ? ENTS : [...ENTS, ...REGULATORS, 'national', 'admin'];
  }
  if (p.startsWith('/files')) return write ? ENTS : [...ENTS, ...REGULATORS, 'national'];
  if (p.startsWith('/notifications')) return ROLE_NAMES.filter((r) => r !== 'anon');
  if (p.startsWith('/settings')) return write ? ['admin', 'national'] : ROLE_NAMES;
  if (p.startsWith('/reports') || /^\/campaigns\/\{id\}\/reports/.test(p)) return write ? REGULATORS : [...REGULATORS, 'national', 'admin'];
  if (p.startsWith('/planning-indicators')) return write ? ['prov_a', 'prov_b'] : [...REGULATORS, 'national', 'admin'];
  if (p.startsWith('/campaigns')) {
    if (/\/(members|list|candidates|stats|results)/.test(p)) return [...REGULATORS, 'national', 'admin'];
    return write ? OFFICES : ROLE_NAMES;
  }
  if (p.startsWith('/support-requests')) return write ? ['tech'] : ['tech', 'expert', ...REGULATORS, 'national', ...ENTS];
  if (p.startsWith('/notices')) return write && !p.endsWith('/read') ? OFFICES.concat(['county_a', 'county_b']) : ROLE_NAMES;
  if (p.startsWith('/circulars')) return write ? [...REGULATORS, 'national'] : [...REGULATORS, 'national', 'admin'];
  if (p.startsWith('/questions')) {
    if (p === '/questions' && write) return ENTS;
    return write ? [...REGULATORS, 'national', 'expert', 'tech'] : ROLE_NAMES;
  }
  if (p.startsWith('/directory')) return write ? [...REGULATORS, 'national', 'admin'] : ROLE_NAMES;
  if (p.startsWith('/search')) return ROLE_NAMES;
  return ROLE_NAMES;
}

// ---------------------------------------------------------------- path parameters
// The pool a path parameter takes its values from.
export function poolFor(path, param) {
  const p = path.replace('/api/v1', '');
  if (param === 'oid') return 'objections';
  if (param === 'enterprise_id') return 'enterprises';
  if (param === 'row_id') return 'listRows';
  if (param === 'hash') return 'hashes';
  if (param === 'number') return 'planNumbers';
  if (param === 'period') return 'periods';
  if (param === 'year') return 'years';
  if (param === 'aid') return 'attachments';
  if (param === 'code') return p.startsWith('/regions') ? 'regions' : 'resultCodes';
  const first = p.split('/')[1];
  if (p.startsWith('/public/leader-rounds')) return 'leaderRounds';
  return {
    enterprises: 'enterprises', users: 'users', audit: 'audit', standards: 'standards', plans: 'plans', products: 'products',
    results: 'results', campaigns: 'campaigns', 'support-requests': 'support', reports: 'reports', 'planning-indicators': 'planning', 'report-jobs': 'reportJobs',
    'leader-plans': 'leaderPlans', 'leader-rounds': 'leaderRounds', 'leader-declarations': 'leaderDeclarations',
    notices: 'notices', circulars: 'circulars', questions: 'questions', directory: 'directory',
    public: p.startsWith('/public/notices') ? 'notices' : p.startsWith('/public/faq') ? 'questions' : 'resultCodes',
  }[first] || 'results';
}

// ---------------------------------------------------------------- query values
export function queryValue(rng, world, name, schema = {}) {
  if (schema.enum && rng.chance(0.8)) return String(rng.pick(schema.enum));
  const P = world.pools;
  switch (name) {
    case 'page': return String(rng.pick([1, 1, 2, 3]));
    case 'page_size': return String(rng.pick([20, 1, 200, 50]));
    case 'q': return rng.pick(['洗衣机', 'IEC', 'GB/T 4288', '宁波', 'a', '测', 'DBFA', '']);
    case 'region_code': case 'parent': return rng.pick(P.regions);
    case 'enterprise_id': return String(rng.pick(P.enterprises));
    case 'campaign_id': return String(rng.pick(P.campaigns));
    case 'plan_number': return rng.pick(P.planNumbers);
    case 'industry_code': return rng.pick(['38', 'C', 'NB02', 'ZJ06', '3851', 'X']);
    case 'code': return rng.chance(0.5) ? makeCreditCode('330203', rng.int(1e6)) : rng.pick(['91330203MA2AGB1234', 'x', '']);
    case 'text': return rng.pick(['GB/T 4288-2018', 'IEC 60456:2010', 'GB 4706.1-2005/IEC 60335-1:2004 IDT', 'Q/NBHS 001-2020', 'xx']);
    case 'a': return rng.pick(['≥0.85', '≤60 dB(A)', '0.5~0.8', '>1', 'x']);
    case 'b': return rng.pick(['≥0.80', '≤65 dB(A)', '0.4~0.9', '>2', 'y']);
    case 'unit': return rng.pick(['dB(A)', 'mA', '', '%']);
    case 'requirement': return rng.pick(['≥0.80', '≤65', '0.5±0.1']);
    case 'value': return rng.pick(['0.85', '64.5', '0.55', 'abc']);
    case 'method': return rng.pick(['full', 'rounded']);
    case 'interval': return rng.pick(['0.01', '1', '0.5']);
    case 'field': return rng.pick(['家用电器', '汽车', '']);
    case 'name': return rng.pick(['检测报告.pdf', 'photo.png', 'a.pdf']);
    case 'month': return rng.pick([world.today.slice(0, 7), '2026-01', '2025-12']);
    case 'year': return String(rng.pick([Number(world.today.slice(0, 4)), 2018, 2100]));
    case 'batch': return String(rng.pick([0, 1, 2]));
    case 'mode': return rng.pick(['good_only', 'all']);
    case 'version': return rng.pick(['1', '2', '3', '4']);
    case 'kinds': return rng.pick(['', 'notice', 'faq,directory', 'standard,plan,result']);
    case 'box': return rng.pick(['', 'sent', 'received']);
    case 'entity': return rng.pick(['result', 'plan', 'user', 'enterprise', 'session', 'campaign']);
    case 'actor': return String(rng.pick(P.users));
    case 'role': return rng.pick(['enterprise', 'county_regulator', 'admin', 'expert']);
    case 'level': return rng.pick(['national', 'province', 'city']);
    case 'status': return rng.pick(['draft', 'submitted', 'published', 'open', 'taken', 'done', 'notice', 'reported', 'returned']);
    case 'result_status': return rng.pick(['none', 'reported', 'draft', 'published']);
    case 'rollup': return rng.pick(['all_better', 'partly_better', 'all_equal', 'not_met', 'undetermined']);
    case 'stage': return rng.pick(['county', 'city', 'province', 'national']);
    case 'table': return rng.pick(['regions', 'industries', 'batches', 'months', 'quotas', 'targets', 'phases', 'status', 'rollup']);
    case 'kind': return rng.pick(['national', 'industry', 'local', 'group', 'enterprise', 'international']);
    case 'standard': return rng.pick(['GB/T 4288-2018', 'IEC 60456:2010']);
    case 'period': return rng.pick(P.periods);
    case 'path': return rng.pick(['1', '0']);
    default:
      if (schema.type === 'integer') return String(rng.pick([0, 1, 2, 10]));
      if (schema.type === 'boolean' || /^(unread|selected|queue|overdue|advanced|compliant)$/.test(name)) return rng.pick(['1', '0', 'true']);
      return rng.pick(['1', 'x', '']);
  }
}

// ---------------------------------------------------------------- JSON body templates
// 附件3's narrative rows (docs/api.md)
const NARRATIVES = ['party_government', 'policies', 'organisation', 'endorsement', 'finance', 'departments', 'voice', 'growth', 'reports', 'leaders'];

let counter = 0;
const seq = () => ++counter;

const productBody = (rng) => ({
  name: rng.pick(['滚筒洗衣机', '双门冰箱', '吸尘器', '电饭煲']) + seq(), model: rng.pick(['XQB80', 'BCD-450', 'X1']), category: '家电',
  industry_code: rng.pick(['38', '3851', 'C']), standards: rng.pick([['GB/T 4288-2018'], ['GB/T 8059-2016', 'GB 4706.1-2005'], []]),
  enterprise_standard: rng.pick(['Q/NBHS 001-2020', '']),
});

function planBody(rng) {
  const n = rng.range(1, 3);
  return {
    product: rng.pick(['家用电动洗衣机', '电冰箱', '空气净化器']) + seq(), industry_code: '38', author_org: '宁波市标准化研究院',
    summary: '性能指标对标 IEC',
    standards: [{ role: 'domestic', number: 'GB/T 4288-2018' }, { role: 'benchmark', number: rng.pick(['IEC 60456:2010', 'IEC 62552-1:2015']) }],
    indicators: Array.from({ length: n }, (_, i) => ({
      name: ['洗净比', '噪声', '泄漏电流'][i], unit: ['', 'dB(A)', 'mA'][i], domestic_requirement: ['≥0.70', '≤62', '≤0.75 mA'][i],
      benchmark_requirement: ['≥0.80', '≤65 dB(A)', '≤0.75mA'][i], domestic_method: 'GB/T 4288-2018 附录A', benchmark_method: 'IEC 60456 9.2',
      core: i < 2, safety: i === 2, health: false, environment: false, notes: '',
    })),
  };
}

function resultInput(rng, world, id) {
  const today = world.today;
  return {
    version: world.versions.get(`results:${id}`) ?? 1,
    enterprise_standard: 'Q/NBHS 001-2020',
    indicators: Array.from({ length: 3 }, (_, i) => ({
      enterprise_requirement: ['≥0.85', '≤60 dB(A)', '≤0.75 mA'][i], measured_value: ['0.88', '58', '0.5'][i],
      report_number: `BG-2026-00${i + 1}`, lab: '宁波市产品质量检验研究院', report_date: today,
      ...(i === 0 && rng.chance(0.4) ? { file_hash: rng.pick(world.pools.hashes), file_name: '检测报告.pdf' } : {}),
      ...(rng.chance(0.2) ? { revised_requirement: '≥0.90' } : {}),
    })),
    conclusion: '各项指标达到或优于对标标准',
    improvements: rng.chance(0.5) ? [{ indicator: '噪声', action: '优化电机减振', responsible: '张工', target_date: addDays(today, 200) }] : [],
    ...(rng.chance(0.3) ? { revised_standard: 'Q/NBHS 002-2026' } : {}),
  };
}

const CAMPAIGN_REGIONS = {
  city_a: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }],
  prov_a: [{ region_code: '330200', quota: 50 }, { region_code: '330100', quota: 30 }],
  city_b: [{ region_code: '330106', quota: 5 }],
  prov_b: [{ region_code: '460100', quota: 5 }],
  national: [],
};
function campaignInput(rng, world, role) {
  const body = campaignBody(world.today, { name: `专项行动${seq()}`, regions: CAMPAIGN_REGIONS[role] || CAMPAIGN_REGIONS.city_a });
  if (role === 'national') {
    body.batches = [{ batch: 1, name: '第一批', start_date: world.today, regions: ['330200', '330100'] }];
  }
  if (rng.chance(0.3)) body.parent_id = rng.pick(world.pools.campaigns);
  if (rng.chance(0.3)) body.review_top = rng.pick(['', 'national', 'province']);
  return body;
}

// Returns a JSON body (a fresh tree) for the route, or undefined when it takes none.
export function jsonTemplate(key, { rng, world, role, params }) {
  const R = world.roles[role] || {};
  const P = world.pools;
  const today = world.today;
  const id = params.id;
  switch (key) {
    case 'POST /api/v1/auth/login': {
      const who = world.roles[rng.pick(ROLE_NAMES.filter((r) => r !== 'anon'))];
      if (rng.chance(0.35)) return { username: R.username || who.username, password: R.password || who.password };
      return { username: rng.pick([who.username, 'nobody', who.username?.toUpperCase(), ` ${who.username} `]), password: rng.pick(['wrong-password-1', who.password, '']) };
    }
    case 'POST /api/v1/auth/password':
      return { old_password: rng.chance(0.6) ? R.password || 'x' : 'not-the-password-1', new_password: `Fz${rng.int(1e9)}pass7` };
    case 'POST /api/v1/enterprises/register': {
      const n = seq();
      const region = rng.pick(['330203', '330106', '330205', '460106']);
      return {
        enterprise: {
          name: `模糊测试企业${n}有限公司`, credit_code: makeCreditCode(region, 700000 + n + rng.int(100000)), region_code: region, industry_code: '38',
          contact_name: '张三', contact_phone: '0574-87654321', contact_email: 'contact@example.com', address: '浙江省宁波市测试路1号',
          flags: rng.pick([['above_size'], [], ['little_giant', 'zhejiang_made']]), ...(rng.chance(0.2) ? { pilot_code: true } : {}),
        },
        user: { username: `fzr_${n}_${rng.int(1e6)}`, password: 'FuzzReg2026pw', display_name: '企业联系人' },
      };
    }
    case 'POST /api/v1/users': {
      const r = rng.pick(['county_regulator', 'city_regulator', 'province_regulator', 'national_office', 'technical_body', 'expert', 'enterprise', 'admin']);
      return {
        username: `fzu_${seq()}_${rng.int(1e6)}`, display_name: '测试用户', role: r,
        ...(r.endsWith('regulator') ? { region_code: { county_regulator: '330203', city_regulator: '330200', province_regulator: '330000' }[r] } : {}),
        ...(r === 'enterprise' ? { enterprise_id: rng.pick(P.enterprises) } : {}),
        ...(rng.chance(0.5) ? { password: 'FuzzUser2026pw' } : {}),
      };
    }
    case 'PATCH /api/v1/users/{id}': return { display_name: `用户${seq()}`, ...(rng.chance(0.5) ? { disabled: rng.chance(0.3) } : {}) };
    case 'POST /api/v1/standards':
      return {
        number: rng.pick(['GB/T ', 'GB ', 'T/ZZB ', 'ISO ', 'IEC ']) + `${rng.range(1000, 39999)}${rng.chance(0.5) ? '.' + rng.range(1, 9) : ''}-${rng.range(1990, 2025)}`,
        title_zh: '家用和类似用途电器', title_en: 'Household appliances', status: rng.pick(['current', 'withdrawn', 'upcoming']),
        issued_on: '2020-01-01', effective_on: '2020-07-01', ics: '97.060', ccs: 'Y62',
      };
    case 'PATCH /api/v1/standards/{id}': return { title_zh: `修改标题${seq()}`, status: rng.pick(['current', 'withdrawn']), effective_on: '2021-01-01' };
    case 'POST /api/v1/standards/{id}/advanced': return { field: rng.pick(['家用电器', '汽车零部件']) };
    case 'POST /api/v1/plans': case 'PUT /api/v1/plans/{id}': return planBody(rng);
    case 'POST /api/v1/plans/{id}/actions': {
      // mostly an action the plan's state allows, sometimes any
      const fits = { draft: ['submit'], consultation: ['notice', 'reject'], notice: ['publish', 'reject'], published: ['withdraw'] }[world.planStatus.get(Number(id))];
      const action = fits && rng.chance(0.7) ? rng.pick(fits) : rng.pick(['submit', 'notice', 'publish', 'reject', 'withdraw']);
      return { action, ...(action === 'notice' ? { notice_start: today, notice_end: addDays(today, rng.pick([0, 10])) } : {}), ...(rng.chance(0.6) ? { comment: '请补充检测方法' } : {}) };
    }
    case 'POST /api/v1/plans/{id}/versions': return {};
    case 'POST /api/v1/leader-plans': case 'PUT /api/v1/leader-plans/{id}':
      return { product: rng.pick(['洗衣机', '电冰箱']), evaluator: '中国标准化研究院', basis_standard: 'GB/T 4288-2018', version: rng.pick([1, 2, 3]),
        indicators: [{ name: '洗净比', unit: '', direction: rng.pick(['higher', 'lower']), baseline: '≥0.70' }] };
    case 'POST /api/v1/leader-plans/{id}/actions': return { action: rng.pick(['notice', 'publish', 'reject', 'withdraw']), notice_start: world.today, notice_end: world.today, comment: '理由' };
    case 'POST /api/v1/leader-plans/{id}/rounds': return { title: '第一轮' };
    case 'POST /api/v1/leader-rounds/{id}/actions': return { action: rng.pick(['shortlist', 'notice', 'publish']), notice_start: world.today, notice_end: world.today };
    case 'POST /api/v1/leader-rounds/{id}/declarations': case 'PUT /api/v1/leader-declarations/{id}':
      return { standard_number: `Q/FZ ${rng.int(900) + 1}-2020`, values: ['≥0.9', '≤50'], version: rng.pick([1, 2]) };
    case 'POST /api/v1/leader-declarations/{id}/commitment': return { file_hash: rng.pick(world.pools.hashes), version: rng.pick([1, 2, 3]) };
    case 'POST /api/v1/plans/{id}/objections': return { text: '噪声限值是否应区分洗涤与脱水？' };
    case 'POST /api/v1/plans/{id}/objections/{oid}/answer': return { answer: '已修改' };
    case 'POST /api/v1/products': case 'PUT /api/v1/products/{id}': return productBody(rng);
    case 'POST /api/v1/products/{id}/selection': return { selected: rng.chance(0.7) };
    case 'POST /api/v1/results': {
      // mostly an own product and a published plan, which may well succeed
      const own = P.products.filter((x) => world.owner[`products:${x}`] === side(role));
      const published = P.plans.filter((x) => world.planStatus.get(x) === 'published');
      const product_id = own.length && rng.chance(0.7) ? rng.pick(own) : rng.pick(P.products);
      return { product_id, ...(rng.chance(0.6) ? { plan_id: published.length && rng.chance(0.7) ? rng.pick(published) : rng.pick(P.plans) } : { plan_number: rng.pick(P.planNumbers) }) };
    }
    case 'PUT /api/v1/results/{id}': return resultInput(rng, world, id);
    case 'POST /api/v1/results/{id}/submit': return { version: world.versions.get(`results:${id}`) ?? 1 };
    case 'POST /api/v1/results/{id}/review': {
      const action = rng.pick(['pass', 'pass', 'return', 'publish']);
      return { version: world.versions.get(`results:${id}`) ?? 1, action, comment: action === 'return' ? '请补充最新检测报告' : '同意' };
    }
    case 'POST /api/v1/results/review': {
      const items = Array.from({ length: rng.range(1, 3) }, () => { const rid = rng.pick(P.results); return { id: rid, version: world.versions.get(`results:${rid}`) ?? 1 }; });
      return { action: 'pass', comment: '同意', items };
    }
    case 'POST /api/v1/notifications/read':
      return rng.chance(0.7) ? { ids: Array.from({ length: rng.range(1, 3) }, () => rng.pick(P.notifications.length ? P.notifications : [1])) } : { all: true };
    case 'PUT /api/v1/settings/review': return { review_top: rng.pick(['national', 'national', 'province']), review_days: rng.pick([15, 1, 365]) };
    case 'POST /api/v1/campaigns': return campaignInput(rng, world, role);
    case 'PUT /api/v1/campaigns/{id}': return { ...campaignInput(rng, world, role), version: world.versions.get(`campaigns:${id}`) ?? 1 };
    case 'POST /api/v1/campaigns/{id}/members': return { enterprise_ids: rng.chance(0.8) ? [rng.pick(P.enterprises)] : [...P.enterprises] };
    case 'PUT /api/v1/campaigns/{id}/reports/{period}':
      return {
        industries_text: '家用电器、汽车零部件', scale_enterprises: rng.pick([120, 0, 100000000]),
        narratives: Object.fromEntries(NARRATIVES.map((k) => [k, `${k}：已落实`])),
        version: world.versions.get(`report:${id}:${params.period}:${role}`) ?? rng.pick([0, 1]),
      };
    case 'POST /api/v1/campaigns/{id}/reports/{period}/submit': return { version: world.versions.get(`report:${id}:${params.period}:${role}`) ?? 1 };
    case 'POST /api/v1/campaigns/{id}/analysis-reports': return rng.chance(0.5) ? {} : { region_code: rng.pick(P.regions) };
    case 'POST /api/v1/reports/{id}/return': return { version: world.versions.get(`reports:${id}`) ?? 1, reason: '数据有误，请核实后重报' };
    case 'PUT /api/v1/planning-indicators/{id}/actuals/{year}': return { value: rng.pick([98.6, 0, 12, 1e6]), note: '统计公报' };
    case 'POST /api/v1/notices':
    case 'PUT /api/v1/notices/{id}':
      return { title: '关于开展对标达标工作的通知', body: '各区县：\n请按要求组织。', audience: rng.pick(['subtree', 'offices', 'public']), version: world.versions.get(`notices:${id}`) ?? 1 };
    case 'POST /api/v1/notices/{id}/actions': return { action: rng.pick(['publish', 'withdraw']), version: world.versions.get(`notices:${id}`) ?? 1 };
    case 'POST /api/v1/notices/{id}/read': return {};
    case 'POST /api/v1/circulars':
    case 'PUT /api/v1/circulars/{id}':
      return { title: '进展通报', body: '正文', recipients: rng.pick([['330203'], ['330203', '330205'], ['330106'], ['330100']]), version: world.versions.get(`circulars:${id}`) ?? 1 };
    case 'POST /api/v1/circulars/generate': return { campaign_id: rng.pick(P.campaigns), kind: rng.pick(['ranking', 'overdue']), phase_key: rng.pick(['select', 'plans', 'results']) };
    case 'POST /api/v1/circulars/{id}/send': return { version: world.versions.get(`circulars:${id}`) ?? 1 };
    case 'POST /api/v1/circulars/{id}/confirm': return {};
    case 'POST /api/v1/questions': return { title: '如何对标', body: '请指导\n谢谢', target: rng.pick(['regulator', 'expert', 'technical_body']) };
    case 'POST /api/v1/questions/{id}/assign': return { assignee_id: rng.pick([0, world.roles.expert.userId, world.roles.tech.userId]), version: world.versions.get(`questions:${id}`) ?? 1 };
    case 'POST /api/v1/questions/{id}/answer': return { answer: '按标准执行。\n谢谢', version: world.versions.get(`questions:${id}`) ?? 1 };
    case 'POST /api/v1/questions/{id}/faq': return { publish: rng.chance(0.7), faq_question: '如何对标？', faq_answer: '按标准执行。', version: world.versions.get(`questions:${id}`) ?? 1 };
    case 'POST /api/v1/directory':
    case 'PUT /api/v1/directory/{id}':
      return { kind: rng.pick(['lab', 'expert', 'standard_body']), name: '宁波检测院', organization: '宁波市', fields: rng.pick([['38'], ['C', '38'], []]), region_code: rng.pick(P.regions), phone: '0574-1', version: world.versions.get(`directory:${id}`) ?? 1 };
    case 'POST /api/v1/support-requests/{id}/actions': {
      const st = world.supportStatus.get(Number(id));
      const action = st && rng.chance(0.7) ? (st === 'open' ? 'take' : 'done') : rng.pick(['take', 'done']);
      return { action, note: action === 'done' || rng.chance(0.5) ? '已制定技术方案' : '' };
    }
    default: return undefined;
  }
}

// A body from an OpenAPI schema (for routes without a template).
export function fromSchema(rng, schema, resolve, depth = 0) {
  schema = resolve(schema) || {};
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => fromSchema(rng, s, resolve, depth + 1)));
  if (schema.enum) return rng.pick(schema.enum.filter((x) => x !== null));
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'object': {
      const o = {};
      for (const [k, s] of Object.entries(schema.properties || {})) {
        if (resolve(s)?.readOnly) continue;
        if (depth < 4) o[k] = fromSchema(rng, s, resolve, depth + 1);
      }
      return o;
    }
    case 'array': return depth < 4 ? [fromSchema(rng, schema.items || {}, resolve, depth + 1)] : [];
    case 'integer': return schema.minimum ?? 1;
    case 'number': return 1.5;
    case 'boolean': return true;
    case 'string': return schema.format === 'date' ? '2026-01-01' : '文本';
    default: return '文本';
  }
}

// ---------------------------------------------------------------- raw bodies
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
// A zip (deflated entries) from {name: text}.
export function zipFiles(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const comp = zlib.deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(comp.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, comp);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0); cen.writeUInt16LE(20, 4); cen.writeUInt16LE(20, 6); cen.writeUInt16LE(0x0800, 8); cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(crc, 16); cen.writeUInt32LE(comp.length, 20); cen.writeUInt32LE(data.length, 24); cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const cenBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cenBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cenBuf, end]);
}

function oddCell(rng) {
  return rng.weighted([
    [4, () => 'a' + rng.pick(CONTROL_CHARS) + 'b'],
    [1, () => rng.pick(LONE_SURROGATES)],
    [2, () => rng.pick(HARMLESS_ODD)],
    [1, () => '=HYPERLINK("http://x")'],
    [1, () => longString(rng, 20000)],
    [1, () => ''],
    [1, () => '"'],
  ])();
}

// Escapes text for XML but keeps control characters as numeric references (which XML 1.0 forbids).
const xmlText = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]))
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `&#${c.charCodeAt(0)};`);

// Rewrites the xlsx's inline/shared strings: one cell's text replaced by an odd one.
function xlsxWithOddText(rng, buf) {
  let files;
  try { files = unzipEntries(buf); } catch { return buf; }
  const name = Object.keys(files).find((n) => n.includes('sharedStrings')) || Object.keys(files).find((n) => n.startsWith('xl/worksheets/'));
  if (!name) return buf;
  const texts = [...files[name].matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)];
  if (texts.length) {
    const m = rng.pick(texts);
    files[name] = files[name].replace(m[0], `<t xml:space="preserve">${xmlText(oddCell(rng))}</t>`);
  }
  return zipFiles(files);
}

function flipBytes(rng, buf) {
  const b = Buffer.from(buf);
  const n = rng.range(1, 20);
  for (let i = 0; i < n; i++) b[rng.int(b.length)] = rng.int(256);
  return rng.chance(0.2) ? b.subarray(0, rng.int(b.length)) : b;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// {bytes, contentType, tag} for the routes that take a file.
export function rawBody(key, { rng, world, plain }) {
  if (key === 'POST /api/v1/files') {
    if (plain) return { bytes: rng.chance(0.5) ? PDF : PNG, contentType: 'application/octet-stream', tag: 'file' };
    return rng.weighted([
      [3, () => ({ bytes: PDF, contentType: 'application/pdf', tag: 'pdf' })],
      [1, () => ({ bytes: PNG, contentType: 'image/png', tag: 'png' })],
      [1, () => ({ bytes: Buffer.concat([PDF.subarray(0, 8), Buffer.from(Array.from({ length: rng.range(0, 500) }, () => rng.int(256)))]), contentType: 'application/pdf', tag: 'pdf-random' })],
      [1, () => ({ bytes: Buffer.from('MZ not a pdf'), contentType: 'application/pdf', tag: 'not-a-pdf' })],
      [1, () => ({ bytes: Buffer.alloc(0), contentType: 'application/octet-stream', tag: 'empty-file' })],
      [1, () => ({ bytes: Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), contentType: 'image/webp', tag: 'webp' })],
    ])();
  }
  if (key === 'POST /api/v1/notices/{id}/attachments') {
    if (plain) return { bytes: PDF, contentType: 'application/pdf', tag: 'pdf' };
    return rng.weighted([
      [3, () => ({ bytes: PDF, contentType: 'application/pdf', tag: 'pdf' })],
      [1, () => ({ bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(Array.from({ length: rng.range(0, 200) }, () => rng.int(256)))]), contentType: 'application/octet-stream', tag: 'zip-random' })],
      [1, () => ({ bytes: Buffer.from('MZ not a pdf'), contentType: 'application/pdf', tag: 'not-a-pdf' })],
      [1, () => ({ bytes: Buffer.alloc(0), contentType: 'application/octet-stream', tag: 'empty-file' })],
    ])();
  }
  if (key === 'POST /api/v1/directory/import') {
    const row = ['专家', '王芳', '宁波大学', '38', rng.pick(['330203', '330106', '110000']), '0574-1', '家电'];
    if (!plain && rng.chance(0.7)) row[rng.int(row.length)] = oddCell(rng);
    return { bytes: Buffer.from(csvOf([['类别', '名称', '所在单位', '专业领域', '地区代码', '电话', '简介'], row])), contentType: 'text/csv', tag: 'csv' };
  }
  if (key === 'POST /api/v1/standards/import') {
    const pickOne = plain ? (list) => list[0][1] : (list) => rng.weighted(list);
    return pickOne([
      [3, () => {
        const lines = world.standardsCsv.replace(/\r/g, '').split('\n').filter(Boolean);
        const header = lines[0];
        const example = (lines[1] || '').split(',');
        const row = example.map((c, i) => (i === 0 ? `GB/T ${rng.range(1000, 39999)}-20${rng.range(10, 24)}` : c));
        const odd = !plain && rng.chance(0.8);
        if (odd) row[rng.int(row.length)] = oddCell(rng);
        return { bytes: Buffer.from(header + '\r\n' + csvOf([row])), contentType: 'text/csv', tag: odd ? 'csv-odd-cell' : 'csv' };
      }],
      [1, () => ({ bytes: xlsxWithOddText(rng, world.xlsx.standards), contentType: XLSX, tag: 'xlsx-odd-text' })],
      [1, () => ({ bytes: flipBytes(rng, world.xlsx.standards), contentType: XLSX, tag: 'xlsx-flipped' })],
      [1, () => ({ bytes: Buffer.from([0xb1, 0xea, 0xd7, 0xbc, 0x2c, 0x0d, 0x0a]), contentType: 'text/csv', tag: 'gbk' })],
    ])();
  }
  if (/list\/import$/.test(key)) {
    const names = plain ? [world.names.enterpriseA] : [world.names.enterpriseA, world.names.enterpriseB, '不存在的企业有限公司'];
    const pickOne = plain ? (list) => list[0][1] : (list) => rng.weighted(list);
    return pickOne([
      [3, () => {
        const row = [1, rng.pick(names), '滚筒洗衣机', 'GB/T 4288-2018 家用和类似用途电动洗衣机', 'IEC 60456:2010 Clothes washing machines',
          rng.pick(['', ...world.pools.planNumbers]), rng.pick(['是', '否', ''])];
        const odd = !plain && rng.chance(0.8);
        if (odd) row[rng.range(1, 6)] = oddCell(rng);
        return { bytes: Buffer.from(listCsv([row])), contentType: 'text/csv', tag: odd ? 'csv-odd-cell' : 'csv' };
      }],
      [1, () => ({ bytes: xlsxWithOddText(rng, world.xlsx.listExport), contentType: XLSX, tag: 'xlsx-odd-text' })],
      [1, () => ({ bytes: flipBytes(rng, rng.pick([world.xlsx.list, world.xlsx.listExport])), contentType: XLSX, tag: 'xlsx-flipped' })],
      [1, () => ({ bytes: Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(listCsv([[1, world.names.enterpriseA, '冰箱', '', '', '', '是']]))]), contentType: 'text/csv', tag: 'csv-bom' })],
    ])();
  }
  if (key === 'POST /api/v1/planning-indicators/import') {
    const pickOne = plain ? (list) => list[0][1] : (list) => rng.weighted(list);
    return pickOne([
      [3, () => {
        const row = [rng.pick(['1', '2', '3']), rng.pick(['2021', '2023', '2025']), rng.pick(['98.6%', '12', '1e999', '-0']), '统计公报'];
        const odd = !plain && rng.chance(0.8);
        if (odd) row[rng.int(row.length)] = oddCell(rng);
        return { bytes: Buffer.from(csvOf([['编号', '年份', '实际值', '备注'], row])), contentType: 'text/csv', tag: odd ? 'csv-odd-cell' : 'csv' };
      }],
      [1, () => ({ bytes: world.xlsx.planning ? xlsxWithOddText(rng, world.xlsx.planning) : Buffer.from('x'), contentType: XLSX, tag: 'xlsx-odd-text' })],
      [1, () => ({ bytes: world.xlsx.planning ? flipBytes(rng, world.xlsx.planning) : Buffer.from('x'), contentType: XLSX, tag: 'xlsx-flipped' })],
    ])();
  }
  return null;
}
