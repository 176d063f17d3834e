// End-to-end in Chromium: a technical body drafts a 领跑者 evaluation plan, puts it to 公示 and
// publishes it, starts a round; enterprises declare their standards (one through the page, two
// through the API); the evaluation body sees them ranked into tiers and sets the shortlist; the
// leading enterprise uploads its commitment letter on the page; the list is noticed and
// published; an anonymous visitor finds the enterprise on the public list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login, TIMEOUT } from './lib.mjs';

const skip = e2eSkip();
// The <input> of an el-input carrying data-testid (on the input itself or its wrapper).
const inp = (scope, id) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function registerEnterprise(server, { name, region, username, password, n }) {
  const c = new Client(server.base);
  await c.prepare();
  const r = await c.post('/api/v1/enterprises/register', {
    enterprise: { name, credit_code: makeCreditCode(region, n), region_code: region, industry_code: 'C', contact_name: '张三', contact_phone: '0574-87654321', contact_email: 'a@example.com', address: '宁波市测试路1号', flags: [] },
    user: { username, password, display_name: name + '联系人' },
  });
  assert.equal(r.status, 201, r.text);
  return c;
}

test('an evaluation plan is published, enterprises are ranked, the list is published and found by a visitor', { skip, timeout: 300000 }, async (t) => {
  const env = await startE2E('leaders', { viewport: { width: 1500, height: 950 } });
  const { server } = env;
  let step = 'start';
  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const product = `家用电动洗衣机${suffix}`;
  const leaderName = `宁波领跑${suffix}电器有限公司`;
  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    await makeUser(server, admin, { username: `lp_tech_${suffix}`, display_name: '中国标准化研究院', role: 'technical_body', region_code: '330200' }, password);
    await registerEnterprise(server, { name: leaderName, region: '330203', username: `lp_ent_${suffix}`, password, n: (Number(suffix) + 3) % 1e8 });
    const e2 = await registerEnterprise(server, { name: `宁波跟跑${suffix}电器有限公司`, region: '330205', username: `lp_e2_${suffix}`, password, n: (Number(suffix) + 5) % 1e8 });
    const e3 = await registerEnterprise(server, { name: `宁波第三${suffix}电器有限公司`, region: '330206', username: `lp_e3_${suffix}`, password, n: (Number(suffix) + 7) % 1e8 });

    step = 'draft-plan';
    const tech = await env.newPage();
    await login(tech, server.base, `lp_tech_${suffix}`, password);
    await tech.goto(server.base + '/app/leaders');
    await testid(tech, 'leader-new-plan').click();
    await inp(tech, 'lp-product').fill(product);
    await inp(tech, 'lp-basis').fill('GB/T 4288-2018');
    const row0 = testid(tech, 'lp-ind-0');
    await inp(row0, 'lp-ind-name').fill('洗净比');
    await inp(row0, 'lp-ind-baseline').fill('≥0.70');
    await tech.getByRole('button', { name: '添加核心指标' }).click();
    const row1 = testid(tech, 'lp-ind-1');
    await inp(row1, 'lp-ind-name').fill('噪声');
    await inp(row1, 'lp-ind-unit').fill('dB(A)');
    await testid(row1, 'lp-ind-direction').click();
    await tech.locator('.el-select-dropdown__item:visible').filter({ hasText: '越小越好' }).click();
    await inp(row1, 'lp-ind-baseline').fill('≤62 dB(A)');
    await inp(tech, 'lp-cuts').fill('34,67,100');
    await testid(tech, 'lp-save').click();
    await tech.waitForURL('**/app/leader-plans/**');
    await waitForText(testid(tech, 'lp-status'), '草稿', 'draft status');
    await waitForText(testid(tech, 'lp-rule'), '第1档：前34%', 'tier rule shown');

    step = 'notice-publish';
    await testid(tech, 'lp-notice').click();
    await waitForText(testid(tech, 'lp-status'), '公示', 'notice status');
    await testid(tech, 'lp-publish').click();
    await waitForText(testid(tech, 'lp-status'), '已发布', 'published status');
    await waitForText(testid(tech, 'lp-number'), 'LPPJ-', 'plan number');
    await testid(tech, 'lp-open-round').click();
    await tech.waitForURL('**/app/leader-rounds/**');
    const roundId = tech.url().match(/leader-rounds\/(\d+)/)[1];
    await waitForText(testid(tech, 'lr-status'), '申报中', 'round open');

    step = 'declarations';
    const ent = await env.newPage();
    await login(ent, server.base, `lp_ent_${suffix}`, password);
    await ent.goto(`${server.base}/app/leader-rounds/${roundId}`);
    await inp(ent, 'ld-standard').fill('Q/NBLP 001-2024');
    await inp(ent, 'ld-value-0').fill('≥0.90');
    await inp(ent, 'ld-value-1').fill('≤50 dB(A)');
    await testid(ent, 'ld-submit').click();
    await waitForText(testid(ent, 'lr-decl-status'), '已申报', 'own declaration listed');
    for (const [c, num, values] of [[e2, 'Q/NBGP 002-2023', ['≥0.80', '≤58']], [e3, 'Q/NBDS 003-2022', ['0.75', '≤61 dB(A)']]]) {
      const r = await c.post(`/api/v1/leader-rounds/${roundId}/declarations`, { standard_number: num, values });
      assert.equal(r.status, 201, r.text);
    }

    step = 'ranking';
    await tech.reload();
    const ranking = testid(tech, 'lr-ranking');
    await waitForText(ranking.locator('tr'), leaderName, 'ranking row');
    const leaderRow = ranking.locator('.el-table__body tr').filter({ hasText: leaderName });
    await waitForText(leaderRow, '领跑者', 'the best is a front-runner');
    assert.equal(await ranking.locator('.el-table__body tr').count(), 3);
    await testid(tech, 'lr-shortlist').click();
    await waitForText(testid(tech, 'lr-status'), '已确定入围名单', 'shortlisted');

    step = 'commitment';
    await ent.reload();
    await waitForText(testid(ent, 'lr-decl-status'), '入围', 'shortlisted for the enterprise');
    const file = `/tmp/duibiao-e2e-commitment-${suffix}.pdf`;
    writeFileSync(file, PDF);
    await testid(ent, 'lr-commitment-file').setInputFiles(file);
    await waitForText(testid(ent, 'lr-decl-status'), '已提交承诺书', 'commitment submitted');

    step = 'publish-list';
    await tech.reload();
    await testid(tech, 'lr-notice').click();
    await waitForText(testid(tech, 'lr-status'), '名单公示', 'list noticed');
    await testid(tech, 'lr-publish').click();
    await waitForText(testid(tech, 'lr-status'), '名单已发布', 'list published');

    step = 'visitor';
    const visitor = await env.newPage();
    await visitor.goto(server.base + '/');
    await testid(visitor, 'nav-leaders').click();
    await visitor.waitForURL('**/leaders');
    await inp(visitor, 'leader-search').fill(leaderName);
    await testid(visitor, 'leader-search-button').click();
    const entries = testid(visitor, 'leader-entries');
    await waitForText(testid(entries, 'leader-entry-name'), leaderName, 'the enterprise on the public list');
    await waitForText(testid(entries, 'leader-entry-level'), '领跑者', 'its level');
    assert.equal(await entries.locator('.el-table__body tr').count(), 1);
    const problems = env.problems.filter((p) => !/401|Unauthorized/.test(p));
    assert.deepEqual(problems, [], problems.join('\n'));
  } catch (e) {
    await env.fail(t, e, step);
  } finally {
    await env.close();
  }
});
