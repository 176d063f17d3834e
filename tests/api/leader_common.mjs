// Shared set-up of the 领跑者 API tests: actors, a published benchmarking result to rest on, and
// helpers that take an evaluation plan and a round through their states.
import assert from 'node:assert/strict';
import {
  adminClient, createUser, registerEnterprise, Api, expectStatus, publishPlan, todayCst,
} from './fixtures.mjs';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export const INDICATORS = [
  { name: '洗净比', unit: '', direction: 'higher', baseline: '≥0.70', baseline_source: 'GB/T 4288-2018' },
  { name: '噪声', unit: 'dB(A)', direction: 'lower', baseline: '≤62 dB(A)', baseline_source: 'GB/T 4288-2018' },
];

export function planBody(o = {}) {
  return {
    product: o.product ?? '家用电动洗衣机',
    evaluator: '中国标准化研究院',
    joint_evaluators: ['宁波市标准化研究院', '浙江省家电行业协会'],
    basis_standard: 'GB/T 4288-2018',
    summary: '洗衣机企业标准领跑者评价',
    tier_cuts: o.tier_cuts ?? [34, 67, 100],
    leader_tiers: 1,
    follower_tiers: 2,
    indicators: o.indicators ?? INDICATORS,
  };
}

// Actors: an evaluation body (tech) and another one (tech2), the national office, an expert,
// regulators of 海曙 330203 (own) and 江北 330205 (other), 宁波 330200, and enterprises.
export async function setUpActors(server, extraEnterprises = []) {
  const A = {};
  A.admin = await adminClient(server);
  const mk = async (key, role, region_code) => {
    A[key] = (await createUser(A.admin, { username: `${key}_${Math.random().toString(36).slice(2, 7)}`, role, region_code, name: key })).client;
  };
  await mk('national', 'national_office');
  await mk('tech', 'technical_body', '330200');
  await mk('tech2', 'technical_body', '330100');
  await mk('expert', 'expert');
  await mk('county_hs', 'county_regulator', '330203');
  await mk('county_jb', 'county_regulator', '330205');
  await mk('city_nb', 'city_regulator', '330200');
  await mk('prov_zj', 'province_regulator', '330000');
  A.anon = await new Api(server.base, 'anon').prepare();
  const ents = {};
  for (const [key, region] of [['hs', '330203'], ['hs2', '330203'], ['jb', '330205'], ...extraEnterprises]) {
    const e = await registerEnterprise(server.base, { region, actor: 'ent_' + key, name: `领跑测试${key}电器有限公司` });
    ents[key] = e;
    A['ent_' + key] = e.client;
  }
  return { A, ents };
}

// A published result of the 海曙 enterprise (for result_code), through the whole review chain.
export async function publishedResult(A) {
  const plan = await publishPlan(A.tech, A.national);
  const p = expectStatus(await A.ent_hs.post('/products', {
    name: '滚筒洗衣机', model: 'XQG100', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
  }), 201).body;
  expectStatus(await A.ent_hs.post(`/products/${p.id}/selection`, { selected: true }), 200);
  let r = expectStatus(await A.ent_hs.post('/results', { product_id: p.id, plan_number: plan.plan_number }), 201).body;
  const rows = [
    { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-1', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
    { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-1', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
    { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
  ];
  r = expectStatus(await A.ent_hs.put(`/results/${r.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: r.version, indicators: rows, conclusion: '达到', improvements: [] }), 200).body;
  r = expectStatus(await A.ent_hs.post(`/results/${r.id}/submit`, { version: r.version }), 200).body;
  for (const c of [A.county_hs, A.city_nb, A.prov_zj, A.national])
    r = expectStatus(await c.post(`/results/${r.id}/review`, { version: r.version, action: 'pass', comment: '同意' }), 200).body;
  r = expectStatus(await A.national.post(`/results/${r.id}/review`, { version: r.version, action: 'publish' }), 200).body;
  assert.equal(r.status, 'published');
  return r;
}

// Draft → 公示 (ending today) → published, by the evaluation body.
export async function publishLeaderPlan(tech, o = {}) {
  let p = expectStatus(await tech.post('/leader-plans', planBody(o)), 201, 'draft leader plan').body;
  const today = todayCst();
  p = expectStatus(await tech.post(`/leader-plans/${p.id}/actions`, { action: 'notice', notice_start: today, notice_end: today, version: p.version }), 200, 'notice').body;
  p = expectStatus(await tech.post(`/leader-plans/${p.id}/actions`, { action: 'publish', version: p.version }), 200, 'publish').body;
  return p;
}

export async function uploadPdf(client, name = '承诺书.pdf', bytes = PDF) {
  const r = await client.request('POST', `/files?name=${encodeURIComponent(name)}`, { body: bytes, headers: { 'content-type': 'application/pdf' } });
  expectStatus(r, 201, 'upload');
  return r.body;
}
