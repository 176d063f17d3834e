// End-to-end: a 附件3 half-year progress report goes from a county office to the city office and
// back, in Chromium. Through the API beforehand: the 海曙区 (330203) county regulator and the
// Ningbo (330200) city regulator, two enterprises in 海曙区, and the city's campaign with both as
// members. The county opens the campaign's 进展报表（附件3） tab, picks last year's first half (long
// overdue: the 逾期 tag and the reminder), sees the computed rows (2 participating enterprises),
// types 规上企业总数 and a few rows and presses 报送: the report is saved and the server's 422 puts
// "请填写…" beside each empty row; it fills the rest and submits (the figures frozen). The city sees
// the report in its children's table with the figures and the aggregate row, the narratives side by
// side, opens it in the drawer and returns it with a reason (an empty reason is refused in the
// dialog). The county reloads and sees the reason, the report editable again.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/reports.test.mjs
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login, TIMEOUT } from './lib.mjs';

const todayChina = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const NARRATIVE_KEYS = ['party_government', 'policies', 'organisation', 'endorsement', 'finance', 'departments', 'voice', 'growth', 'reports', 'leaders'];

const skip = e2eSkip();

const tableRow = (table, text) => table.locator('.el-table__body tr').filter({ hasText: text }).first();
const tab = (page, name) => page.getByRole('tab', { name, exact: true });
const numberInput = (scope, id) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const textInput = (scope, id) => scope.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();
const fieldError = (scope, key) => testid(scope, 'report-field-' + key).locator('.el-form-item__error');

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

// Opens the campaign's 附件3 tab and picks a period in the picker.
async function openReports(page, base, campaignId, periodLabel) {
  await page.goto(`${base}/app/campaigns/${campaignId}`);
  await tab(page, '进展报表（附件3）').click();
  const desk = testid(page, 'campaign-reports');
  await testid(desk, 'report-period').waitFor();
  await testid(desk, 'report-period').click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: periodLabel }).first().click();
  await waitForText(desk.locator('.sheet-title'), periodLabel, 'the desk of the period');
  return desk;
}

// Answers the Element Plus confirm box with the button named `name`.
async function answerBox(page, name) {
  const box = page.locator('.el-message-box').last();
  await box.waitFor({ state: 'visible' });
  await box.getByRole('button', { name, exact: true }).click();
  await box.waitFor({ state: 'hidden' });
}

test('a county files and submits its 附件3 report, the city returns it with a reason, the county sees why', { skip, timeout: 300000 }, async (t) => {
  const env = await startE2E('reports', { viewport: { width: 1500, height: 950 } });
  const { server } = env;
  let page = null;
  let step = 'start';

  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const users = { county: `rep_cty_${suffix}`, city: `rep_city_${suffix}` };
  const year = Number(todayChina().slice(0, 4));
  // last year's first half: due on July 5 of last year, so overdue on any day the test runs
  const period = `${year - 1}-H1`;
  const periodLabel = `${year - 1}年上半年`;
  const reason = `规上企业总数与统计年鉴口径不一致，请核实后重新报送（${suffix}）`;
  const text = (key) => `海曙区${key}情况${suffix}`;

  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    await makeUser(server, admin, { username: users.county, display_name: '海曙区市场监管局', role: 'county_regulator', region_code: '330203' }, password);
    const city = await makeUser(server, admin, { username: users.city, display_name: '宁波市市场监管局', role: 'city_regulator', region_code: '330200' }, password);
    const e1 = await register(server, { name: `宁波海曙报表测试${suffix}电器有限公司`, code: makeCreditCode('330203', (Number(suffix) + 41) % 1e8), region: '330203', username: `rep_e1_${suffix}`, password });
    const e2 = await register(server, { name: `宁波海曙报表测试${suffix}厨具有限公司`, code: makeCreditCode('330203', (Number(suffix) + 73) % 1e8), region: '330203', username: `rep_e2_${suffix}`, password });

    step = 'campaign';
    let r = await city.post('/api/v1/campaigns', {
      name: `宁波市${year - 1}年对标达标提升专项行动（报表测试${suffix}）`,
      year: year - 1,
      start_date: `${year - 1}-01-01`,
      end_date: `${year}-12-31`,
      industries: ['NB02'],
      regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }],
    });
    assert.equal(r.status, 201, r.text);
    const campaignId = r.body.id;
    r = await city.post(`/api/v1/campaigns/${campaignId}/members`, { enterprise_ids: [e1.enterprise.id, e2.enterprise.id] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.added, 2, r.text);

    // ---- the county fills in its report -------------------------------------------------------
    step = 'county-opens';
    const countyPage = (page = await env.newPage());
    await login(countyPage, server.base, users.county, password);
    let desk = await openReports(countyPage, server.base, campaignId, periodLabel);
    const own = testid(desk, 'report-own');
    await waitForText(testid(own, 'report-status'), '草稿', 'a new report is a draft');
    assert.equal((await testid(own, 'report-due-date').innerText()).trim(), `${year - 1}-07-05`, 'county → city by July 5');
    await waitForText(testid(own, 'report-overdue'), '逾期', 'the overdue tag');
    await waitForText(testid(own, 'report-due-banner'), '已逾期', 'the reminder');
    await waitForText(testid(own, 'report-figure-enterprises'), '2', 'the two 海曙 members, computed');
    assert.equal(await textInput(own, 'report-industries').inputValue(), '智能家电', 'prefilled from the campaign\'s industries');
    await waitForText(testid(own, 'report-figures-state'), '平台自动计算', 'the figures are computed');
    assert.equal(await testid(own, 'report-export-xlsx').count(), 0, 'no export before the first save');
    // the form's rows, in its wording
    await waitForText(testid(own, 'report-row-party_government'), '纳入当地党委、政府工作情况', 'the first narrative row');
    await waitForText(testid(own, 'report-row-voice'), '“浙江制造”标准', 'the hint of the standards row');

    step = 'county-submits-incomplete';
    await numberInput(own, 'report-scale').fill('50');
    await numberInput(own, 'report-scale').press('Tab');
    for (const k of ['party_government', 'policies', 'organisation']) await textInput(own, 'report-narrative-' + k).fill(text(k));
    await testid(own, 'report-submit').click();
    await answerBox(countyPage, '报送');
    // saved (version 1), then refused: every empty row named beside its field
    await waitForText(fieldError(own, 'narratives.finance'), '请填写“当地财政支持情况”', 'the server\'s message beside the row');
    await waitForText(fieldError(own, 'narratives.leaders'), '请填写', 'the last row too');
    assert.equal(await fieldError(own, 'narratives.policies').count(), 0, 'no message on a filled row');
    await waitForText(testid(own, 'report-errors'), '不能报送', 'the summary above the form');
    await waitForText(testid(own, 'report-share-enterprises'), '4.0', '2 of 50 规上 enterprises');
    await testid(own, 'report-export-xlsx').waitFor({ state: 'visible' });
    await waitForText(testid(own, 'report-status'), '草稿', 'still a draft');

    step = 'county-submits';
    for (const k of NARRATIVE_KEYS.slice(3)) await textInput(own, 'report-narrative-' + k).fill(text(k));
    await fieldError(own, 'narratives.finance').waitFor({ state: 'detached' });
    await testid(own, 'report-submit').click();
    await answerBox(countyPage, '报送');
    await waitForText(testid(own, 'report-status'), '已报送', 'submitted');
    await waitForText(testid(own, 'report-figures-state'), '报送时已冻结', 'the figures are frozen');
    assert.equal(await testid(own, 'report-save').count(), 0, 'nothing to save any more');
    assert.equal(await testid(own, 'report-overdue').count(), 0, 'a submitted report is not overdue');
    await waitForText(testid(own, 'report-narrative-text-growth'), text('growth'), 'the text read-only');

    // ---- the city sees it among its children and returns it ----------------------------------
    step = 'city-children';
    const cityPage = (page = await env.newPage());
    await login(cityPage, server.base, users.city, password);
    desk = await openReports(cityPage, server.base, campaignId, periodLabel);
    const children = testid(desk, 'report-children');
    const hs = tableRow(children, '海曙区');
    await waitForText(testid(hs, 'child-status'), '已报送', 'the county\'s report in the children\'s table');
    assert.equal((await testid(hs, 'child-enterprises').innerText()).trim(), '2');
    assert.equal((await testid(hs, 'child-scale_enterprises').innerText()).trim(), '50');
    assert.equal((await testid(hs, 'child-enterprise_share').innerText()).trim(), '4.0');
    const jb = tableRow(children, '江北区');
    await waitForText(testid(jb, 'child-status'), '未填报', '江北 has not started');
    await waitForText(testid(jb, 'child-overdue'), '逾期', 'and is overdue');
    await waitForText(children.locator('.el-table__footer'), '合计（已报送 1 / ', 'the aggregate row');
    await waitForText(testid(desk, 'report-children-count'), '已报送 1 /', 'the count above the table');
    // the narratives side by side
    await waitForText(testid(desk, 'narrative-330203-policies'), text('policies'), 'the 海曙 column of the narratives');

    step = 'city-views';
    await testid(hs, 'child-view').click();
    const drawer = testid(cityPage, 'report-drawer');
    await waitForText(testid(drawer, 'drawer-status'), '已报送', 'the report in the drawer');
    await waitForText(testid(drawer, 'report-narrative-text-voice'), text('voice'), 'its text, read-only');
    await waitForText(testid(drawer, 'report-figure-enterprises'), '2', 'its frozen figures');
    assert.equal(await drawer.locator('textarea').count(), 0, 'nothing to type in the drawer');

    step = 'city-returns';
    await testid(drawer, 'drawer-return').click();
    const dialog = testid(cityPage, 'report-return-dialog');
    await dialog.waitFor({ state: 'visible' });
    await testid(dialog, 'report-return-confirm').click();
    await waitForText(dialog.locator('.el-form-item__error'), '请写明退回理由', 'a reason is required');
    await textInput(dialog, 'report-return-input').fill(reason);
    await testid(dialog, 'report-return-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(testid(drawer, 'drawer-status'), '已退回', 'the drawer follows');
    await cityPage.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' }).catch(() => {});
    await waitForText(testid(tableRow(children, '海曙区'), 'child-status'), '已退回', 'returned in the table');
    await waitForText(children.locator('.el-table__footer'), '合计（已报送 0 / ', 'the aggregate no longer counts it');
    assert.equal((await testid(tableRow(children, '海曙区'), 'child-enterprises').innerText()).trim(), '—', 'no figures for a returned report');

    // ---- the county sees why -----------------------------------------------------------------
    step = 'county-sees-reason';
    page = countyPage;
    desk = await openReports(countyPage, server.base, campaignId, periodLabel);
    const again = testid(desk, 'report-own');
    await waitForText(testid(again, 'report-status'), '已退回', 'the report came back');
    await waitForText(testid(again, 'report-return-reason'), reason, 'with the city\'s reason');
    await waitForText(testid(again, 'report-figures-state'), '平台自动计算', 'the figures thawed');
    assert.equal(await textInput(again, 'report-narrative-growth').inputValue(), text('growth'), 'the texts kept, editable again');
    await testid(again, 'report-submit').waitFor({ state: 'visible' });

    const serious = env.problems.filter((p) => !/Failed to load resource|ResizeObserver/.test(p));
    assert.deepEqual(serious, [], 'no browser errors');
  } catch (e) {
    await env.fail(t, e, step, page || env.page);
  } finally {
    await env.close();
  }
});
