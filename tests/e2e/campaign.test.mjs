// End-to-end: a city office runs its campaign (专项行动) in Chromium. Two enterprises, one in
// 海曙区 (330203) and one in 江北区 (330205), are registered through the API beforehand. The Ningbo
// city regulator (330200) signs in, creates the campaign with 附件1 quotas for the two districts
// (the rows come from "按下级区划填充"), imports a 附件2 list (CSV) naming both enterprises, sees
// them as members and on the dashboard (2 enterprises, 0 submitted, the quota share); the 海曙
// enterprise then submits a result (products, a published plan and the result set up through the
// API), and the reloaded dashboard shows submitted = 1, with the result behind the figure.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/campaign.test.mjs
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login, TIMEOUT } from './lib.mjs';

const DOMESTIC = 'GB/T 4288-2018';
const BENCHMARK = 'IEC 60456:2010';
const HEADER = ['序号', '企业名称', '产品名称', '执行标准号、名称', '比对标准号、名称', '平台现有技术方案编号', '另行制定技术方案技术支持需求'];
const todayChina = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

const skip = e2eSkip();

const menu = (page, text) => page.locator('.el-menu-item').filter({ hasText: text });
const tableRow = (table, text) => table.locator('.el-table__body tr').filter({ hasText: text }).first();
const tab = (page, name) => page.getByRole('tab', { name, exact: true });
// the number inside an Element Plus input-number carrying `id` (on the wrapper or the input)
const numberInput = (scope, id) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const statValue = (page, key) => testid(page, 'stat-' + key).locator('[data-testid="stat-value"]');

function csvCell(v) {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csv = (rows) => '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

async function register(server, { name, code, region, username, password }) {
  const c = new Client(server.base);
  await c.prepare();
  const r = await c.post('/api/v1/enterprises/register', {
    enterprise: { name, credit_code: code, region_code: region, industry_code: '38', contact_name: '王工', contact_phone: '0574-87000000', flags: ['above_size'] },
    user: { username, password, display_name: '王工' },
  });
  assert.equal(r.status, 201, r.text);
  return { client: c, enterprise: r.body.enterprise };
}

test('a city office creates a campaign with quotas, imports its 附件2 list and follows the dashboard', { skip, timeout: 300000 }, async (t) => {
  const env = await startE2E('campaign', { viewport: { width: 1500, height: 950 } });
  const { server } = env;
  let page = null;
  let step = 'start';

  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const users = { city: `cmp_city_${suffix}`, national: `cmp_nat_${suffix}`, tech: `cmp_tech_${suffix}` };
  const entHs = { name: `宁波海曙专项测试${suffix}电器有限公司`, code: makeCreditCode('330203', (Number(suffix) + 31) % 1e8), region: '330203', username: `cmp_hs_${suffix}`, password };
  const entJb = { name: `宁波江北专项测试${suffix}冰箱有限公司`, code: makeCreditCode('330205', (Number(suffix) + 57) % 1e8), region: '330205', username: `cmp_jb_${suffix}`, password };
  const year = Number(todayChina().slice(0, 4));
  const campaignName = `${year}年宁波市对标达标提升专项行动（测试${suffix}）`;

  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    const national = await makeUser(server, admin, { username: users.national, display_name: '全国办', role: 'national_office' }, password);
    const tech = await makeUser(server, admin, { username: users.tech, display_name: '宁波市标准化研究院', role: 'technical_body', region_code: '330200' }, password);
    await makeUser(server, admin, { username: users.city, display_name: '宁波市市场监管局', role: 'city_regulator', region_code: '330200' }, password);
    const hs = await register(server, entHs);
    const jb = await register(server, entJb);

    step = 'published-plan';
    let r = await national.post('/api/v1/standards', { number: BENCHMARK, title_zh: '家用电动洗衣机 性能测试方法' });
    assert.ok([201, 409].includes(r.status), r.text);
    r = await tech.post('/api/v1/plans', {
      product: '家用电动洗衣机',
      industry_code: '38',
      author_org: '宁波市标准化研究院',
      summary: '洗衣机性能指标对标 IEC',
      standards: [
        { role: 'domestic', number: DOMESTIC },
        { role: 'benchmark', number: BENCHMARK },
      ],
      indicators: [
        { name: '洗净比', unit: '', domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', core: true },
        { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '≤65 dB(A)', core: true },
      ],
    });
    assert.equal(r.status, 201, r.text);
    const planId = r.body.id;
    const today = todayChina();
    for (const body of [{ action: 'submit' }, { action: 'notice', notice_start: today, notice_end: today }]) {
      r = await tech.post(`/api/v1/plans/${planId}/actions`, body);
      assert.equal(r.status, 200, `${body.action}: ${r.text}`);
    }
    r = await national.post(`/api/v1/plans/${planId}/actions`, { action: 'publish' });
    assert.equal(r.status, 200, r.text);
    const planNumber = r.body.plan_number;

    // ---- the city office creates the campaign ------------------------------------------------
    step = 'city-creates-campaign';
    page = await env.newPage();
    await login(page, server.base, users.city, password);
    await menu(page, '专项行动').click();
    await page.waitForURL('**/app/campaigns');
    await page.getByRole('heading', { name: '专项行动' }).waitFor();
    await testid(page, 'campaign-create').click();
    await page.waitForURL('**/app/campaigns/new');
    await testid(page, 'campaign-name').fill(campaignName);
    // the four phases are prefilled with the seed's deadlines of the year
    assert.equal(await testid(page, 'phase-row').count(), 4);
    assert.equal(await testid(page, 'phase-name').first().inputValue(), '确定对标企业');

    step = 'quotas';
    await testid(page, 'fill-children').click();
    const hsRow = page.locator('[data-testid="region-row"][data-region="330203"]');
    const jbRow = page.locator('[data-testid="region-row"][data-region="330205"]');
    await hsRow.waitFor();
    await jbRow.waitFor();
    // Ningbo's districts and functional zones: 10 + 5 rows
    assert.ok((await testid(page, 'region-row').count()) >= 10, 'the sub-regions of 宁波市 are listed');
    await waitForText(hsRow, '海曙区', 'the 海曙 row names the district');
    await numberInput(hsRow, 'region-quota').fill('10');
    await numberInput(hsRow, 'region-quota').press('Tab');
    await numberInput(jbRow, 'region-quota').fill('8');
    await numberInput(jbRow, 'region-quota').press('Tab');
    await waitForText(testid(page, 'quota-total'), '名额合计 18', 'the quota total');

    step = 'save-campaign';
    await testid(page, 'campaign-save').click();
    await page.waitForURL(/\/app\/campaigns\/\d+$/);
    const campaignId = page.url().split('/').pop();
    await waitForText(testid(page, 'campaign-title'), campaignName, 'the new campaign');
    const quotas = testid(page, 'overview-quotas');
    await waitForText(tableRow(quotas, '海曙区'), '10', 'the 海曙 quota on the overview');
    await waitForText(tableRow(quotas, '江北区'), '8', 'the 江北 quota on the overview');

    // ---- the 附件2 list ----------------------------------------------------------------------
    step = 'import-list';
    await tab(page, '企业名单（附件2）').click();
    await testid(page, 'list-import').click();
    const dialog = testid(page, 'import-dialog');
    await dialog.waitFor({ state: 'visible' });
    // a list with a row naming an enterprise that is not registered: nothing is imported, the row is named
    const bad = csv([
      HEADER,
      [1, entHs.name, '滚筒洗衣机', `${DOMESTIC} 家用和类似用途电动洗衣机`, `${BENCHMARK} Clothes washing machines`, planNumber, '否'],
      [2, `不存在的企业${suffix}`, '电热水器', 'GB/T 20289-2006 储水式电热水器', 'IEC 60379:1987 Methods for measuring the performance', '', '否'],
    ]);
    await dialog.locator('input[type="file"]').setInputFiles({ name: '有错误的附件2.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await testid(dialog, 'import-send').click();
    const refused = page.locator('[data-testid="import-report"][data-ok="0"]');
    await refused.waitFor({ timeout: TIMEOUT });
    const errorRow = tableRow(testid(refused, 'import-errors'), `不存在的企业${suffix}`);
    await waitForText(errorRow, '企业名称', 'the column of the bad row');
    assert.equal((await errorRow.locator('td').first().innerText()).trim(), '3', 'the bad row is the third of the file (after the header)');
    assert.equal(await testid(dialog, 'import-count-imported').count(), 0, 'no counts for a refused file');

    const file = csv([
      HEADER,
      [1, entHs.name, '滚筒洗衣机', `${DOMESTIC} 家用和类似用途电动洗衣机`, `${BENCHMARK} Clothes washing machines for household use`, planNumber, '否'],
      [2, entJb.name, '智能冰箱', 'GB/T 8059-2016 家用和类似用途制冷器具', 'IEC 62552-1:2015 Household refrigerating appliances', '', '是'],
    ]);
    await dialog.locator('input[type="file"]').setInputFiles({ name: '宁波市附件2.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await testid(dialog, 'import-send').click();
    const report = page.locator('[data-testid="import-report"][data-ok="1"]');
    await report.waitFor({ timeout: TIMEOUT });
    const count = async (key) => (await testid(report, 'import-count-' + key).locator('.count-value').innerText()).trim();
    assert.equal(await count('imported'), '2', 'two rows imported');
    assert.equal(await count('members_added'), '2', 'both enterprises became members');
    assert.equal(await count('support_requests'), '1', 'the 江北 row asks for technical support');
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const list = testid(page, 'list-table');
    await tableRow(list, entHs.name).waitFor();
    await waitForText(tableRow(list, entHs.name), planNumber, 'the plan number of the 海曙 row');
    await waitForText(tableRow(list, entJb.name), '是', 'the 江北 row needs support');

    step = 'members';
    await tab(page, '参与企业').click();
    const members = testid(page, 'members-table');
    await tableRow(members, entHs.name).waitFor();
    await waitForText(tableRow(members, entHs.name), '海曙区', 'the 海曙 member');
    await waitForText(tableRow(members, entJb.name), '江北区', 'the 江北 member');
    assert.equal(await members.locator('.el-table__body tr').count(), 2, 'two members');

    step = 'dashboard-before';
    await tab(page, '数据看板').click();
    await testid(page, 'stat-enterprises').waitFor();
    await waitForText(statValue(page, 'enterprises'), '2', 'two member enterprises');
    assert.equal((await statValue(page, 'submitted').innerText()).trim(), '0', 'nothing submitted yet');
    assert.equal((await statValue(page, 'quota_share').innerText()).trim(), '11.1%', '2 of 18 quota places');
    // the quota chart's data table: each district with its quota and members
    await testid(page, 'chart-toggle-quotas').click();
    const quotaTable = testid(page, 'chart-table-quotas');
    await waitForText(tableRow(quotaTable, '海曙区'), '10.0%', '海曙: 1 of 10');
    await waitForText(tableRow(quotaTable, '江北区'), '12.5%', '江北: 1 of 8');
    // an enterprise figure drills down to the members tab, filtered by the district
    await testid(tableRow(quotaTable, '海曙区'), 'drill-quotas-enterprises').click();
    await tableRow(members, entHs.name).waitFor();
    await members.locator('.el-table__body tr').filter({ hasText: entJb.name }).waitFor({ state: 'detached' });
    assert.equal(await members.locator('.el-table__body tr').count(), 1, 'only the 海曙 member');

    // ---- the 海曙 enterprise submits a result (through the API) --------------------------------
    step = 'enterprise-submits';
    const ent = hs.client;
    r = await ent.post('/api/v1/products', { name: '滚筒洗衣机', model: 'XQG100', standards: [DOMESTIC], enterprise_standard: 'Q/NBHS 001-2020' });
    assert.equal(r.status, 201, r.text);
    const productId = r.body.id;
    assert.equal((await ent.post(`/api/v1/products/${productId}/selection`, { selected: true })).status, 200);
    r = await ent.post('/api/v1/results', { product_id: productId, plan_number: planNumber });
    assert.equal(r.status, 201, r.text);
    let result = r.body;
    r = await ent.put(`/api/v1/results/${result.id}`, {
      version: result.version,
      enterprise_standard: 'Q/NBHS 001-2020',
      indicators: [
        { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'NBJC-2026-1', lab: '宁波市产品质量检验研究院', report_date: today },
        { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'NBJC-2026-2', lab: '宁波市产品质量检验研究院', report_date: today },
      ],
      conclusion: '各项指标优于对标标准',
      improvements: [],
    });
    assert.equal(r.status, 200, r.text);
    result = r.body;
    r = await ent.post(`/api/v1/results/${result.id}/submit`, { version: result.version });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'submitted');

    step = 'dashboard-after';
    await page.goto(`${server.base}/app/campaigns/${campaignId}?tab=dashboard`);
    await testid(page, 'stat-submitted').waitFor();
    await waitForText(statValue(page, 'submitted'), '1', 'the submission on the reloaded dashboard');
    assert.equal((await statValue(page, 'enterprises').innerText()).trim(), '2');
    assert.equal((await statValue(page, 'results').innerText()).trim(), '1');
    // the status chart's table, and the region ranking with 海曙 first
    await testid(page, 'chart-toggle-statuses').click();
    await waitForText(tableRow(testid(page, 'chart-table-statuses'), '已提交'), '1', 'one result waiting for the county');
    await testid(page, 'chart-toggle-regions').click();
    const regions = testid(page, 'chart-table-regions');
    const firstRegion = regions.locator('.el-table__body tr').first();
    await waitForText(firstRegion, '海曙区', '海曙 ranks first');
    // the figure drills down to the result behind it
    await testid(page, 'stat-submitted').click();
    const drawer = testid(page, 'results-drawer');
    const drill = testid(page, 'drill-results-table');
    await tableRow(drill, entHs.name).waitFor();
    await waitForText(tableRow(drill, entHs.name), planNumber, 'the submitted result in the drill-down');
    assert.equal(await drill.locator('.el-table__body tr').count(), 1, 'exactly the one result');
    await waitForText(drawer.locator('[data-testid="drill-filter"]'), '已提交', 'the filter is named');

    // refused requests (the start-up /auth/me before signing in, the refused import) are logged by
    // Chromium as failed loads; anything else is a fault of the page
    const serious = env.problems.filter((p) => !/Failed to load resource|ResizeObserver/.test(p));
    assert.deepEqual(serious, [], 'no browser errors');
  } catch (e) {
    await env.fail(t, e, step, page || env.page);
  } finally {
    await env.close();
  }
});
