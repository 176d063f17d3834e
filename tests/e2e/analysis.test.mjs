// End-to-end: a city office generates the 综合分析报告 of its campaign in Chromium. Through the API
// beforehand: the Ningbo (330200) city regulator, an enterprise of 海曙区 and the city's campaign
// with it as a member. The city opens the campaign's 分析报告 tab, presses 生成综合分析报告, sees the
// job's progress bar reach 已完成 and the report in the list with its download button; the file
// the button fetches is a Word document (fetched in the page with the page's session).
//
//   node --test tests/e2e/analysis.test.mjs   (needs build/duibiao, web/dist and /usr/bin/chromium)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login } from './lib.mjs';

const skip = e2eSkip();
const tab = (page, name) => page.getByRole('tab', { name, exact: true });

test('a city office generates its campaign\'s 综合分析报告 and sees it done, ready to download', { skip, timeout: 300000 }, async (t) => {
  const env = await startE2E('analysis', { viewport: { width: 1500, height: 950 } });
  const { server } = env;
  let page = null;
  let step = 'start';
  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const year = new Date().getUTCFullYear();
  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    const username = `ana_city_${suffix}`;
    const city = await makeUser(server, admin, { username, display_name: '宁波市市场监管局', role: 'city_regulator', region_code: '330200' }, password);
    const c = new Client(server.base);
    await c.prepare();
    let r = await c.post('/api/v1/enterprises/register', {
      enterprise: { name: `宁波海曙分析测试${suffix}电器有限公司`, credit_code: makeCreditCode('330203', (Number(suffix) + 17) % 1e8), region_code: '330203', industry_code: '38', contact_name: '王工', contact_phone: '0574-87000000' },
      user: { username: `ana_e_${suffix}`, password, display_name: '王工' },
    });
    assert.equal(r.status, 201, r.text);
    const ent = r.body.enterprise;
    r = await city.post('/api/v1/campaigns', {
      name: `宁波市${year}年对标达标提升专项行动（分析测试${suffix}）`, year, start_date: `${year}-01-01`, end_date: `${year + 1}-12-31`,
      industries: ['NB02'], regions: [{ region_code: '330203', quota: 10 }],
    });
    assert.equal(r.status, 201, r.text);
    const campaignId = r.body.id;
    r = await city.post(`/api/v1/campaigns/${campaignId}/members`, { enterprise_ids: [ent.id] });
    assert.equal(r.status, 200, r.text);

    step = 'open-tab';
    page = await env.newPage();
    await login(page, server.base, username, password);
    await page.goto(`${server.base}/app/campaigns/${campaignId}`);
    await tab(page, '分析报告').click();
    const box = testid(page, 'analysis');
    await box.waitFor();
    await waitForText(testid(box, 'analysis-list'), '还没有生成过报告', 'an empty list first');
    await waitForText(testid(box, 'analysis-region'), '本辖区全部', 'the whole scope by default');

    step = 'generate';
    await testid(box, 'analysis-generate').click();
    const current = testid(box, 'analysis-current');
    await current.waitFor();
    await waitForText(testid(current, 'analysis-status'), '已完成', 'the job done');
    const bar = testid(current, 'analysis-progress');  // el-progress: role="progressbar" on its root
    assert.equal(await bar.getAttribute('aria-valuenow'), '100', 'the bar full');
    await testid(current, 'analysis-download-current').waitFor({ state: 'visible' });
    const row = testid(box, 'analysis-list').locator('.el-table__body tr').first();
    await waitForText(row, '已完成', 'the report listed');
    await waitForText(row, '宁波市', 'for the city');
    await testid(row, 'analysis-download').waitFor({ state: 'visible' });

    step = 'file';
    const list = await city.get(`/api/v1/campaigns/${campaignId}/analysis-reports`);
    assert.equal(list.status, 200, list.text);
    const url = list.body.items[0].download_url;
    const got = await page.evaluate(async (u) => {
      const res = await fetch(u);
      const b = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), zip: b[0] === 0x50 && b[1] === 0x4b };
    }, url);
    assert.equal(got.status, 200);
    assert.match(got.type, /wordprocessingml/);
    assert.ok(got.zip, 'a zip (docx)');

    const serious = env.problems.filter((p) => !/Failed to load resource|ResizeObserver/.test(p));
    assert.deepEqual(serious, [], 'no browser errors');
  } catch (e) {
    await env.fail(t, e, step, page || env.page);
  } finally {
    await env.close();
  }
});
