// End-to-end: the whole review chain of a benchmarking result with five users in Chromium.
// An enterprise in Ningbo's 海曙区 (330203) fills in a result for its selected product against a
// published plan (live verdicts, a test report uploaded, field errors of a refused submit shown in
// the right row), and submits it; the county regulator returns it with a reason; the enterprise
// sees the reason, fixes the row and resubmits; the county passes it from its work queue (bulk
// pass), the city and the province pass it, the national office accepts and publishes it; an
// anonymous visitor then opens /verify/<code> and sees the published result with its QR code.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login, confirmBox, TIMEOUT } from './lib.mjs';

const DOMESTIC = 'GB 4706.24-2008';
const BENCHMARK = 'IEC 60335-2-7:2008+A1:2011';
// The plan's rows, and what the enterprise fills in: 洗净比 falls short of the benchmark (a gap
// that needs an improvement action), 噪声 is better.
const ROWS = [
  { name: '洗净比', domestic: '≥0.70', benchmark: '≥0.80', unit: '', ent: '≥0.75', measured: '0.82', verdict: '低于', judge: '符合' },
  { name: '噪声', domestic: '≤62', benchmark: '不大于65 dB(A)', unit: 'dB(A)', ent: '≤60 dB(A)', measured: '58', verdict: '优于', judge: '符合' },
];
const todayChina = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
// A minimal PDF (the server sniffs the type from the content).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const skip = e2eSkip();

// The date input of an Element Plus date picker carrying `id` (the attribute may sit on the
// wrapper or on the input itself, depending on the version).
const dateInput = (scope, id) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
async function fillDate(page, scope, id, value) {
  const input = dateInput(scope, id);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape').catch(() => {});
}
const menu = (page, text) => page.locator('.el-menu-item').filter({ hasText: text });
const tableRow = (table, text) => table.locator('.el-table__body tr').filter({ hasText: text }).first();

test('a result goes up the review chain, is returned once, published and verified by a visitor', { skip, timeout: 420000 }, async (t) => {
  const env = await startE2E('results', { viewport: { width: 1500, height: 950 } });
  const { server } = env;
  let page = null;
  let step = 'start';

  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const users = {
    ent: `res_ent_${suffix}`,
    county: `res_cty_${suffix}`,
    city: `res_city_${suffix}`,
    province: `res_prov_${suffix}`,
    national: `res_nat_${suffix}`,
    tech: `res_tech_${suffix}`,
  };
  const entName = `宁波海曙对标测试${suffix}电器有限公司`;
  const creditCode = makeCreditCode('330203', (Number(suffix) + 17) % 1e8);
  const productName = `滚筒洗衣机${suffix}`;
  const reason = '洗净比的检测报告日期晚于提交日期，请核对后重新提交';

  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    const national = await makeUser(server, admin, { username: users.national, display_name: '全国办审核员', role: 'national_office' }, password);
    await makeUser(server, admin, { username: users.county, display_name: '海曙区市场监管局', role: 'county_regulator', region_code: '330203' }, password);
    await makeUser(server, admin, { username: users.city, display_name: '宁波市市场监管局', role: 'city_regulator', region_code: '330200' }, password);
    await makeUser(server, admin, { username: users.province, display_name: '浙江省市场监管局', role: 'province_regulator', region_code: '330000' }, password);
    const tech = await makeUser(server, admin, { username: users.tech, display_name: '宁波市标准化研究院', role: 'technical_body', region_code: '330200' }, password);

    step = 'published-plan';
    let r = await national.post('/api/v1/standards', { number: BENCHMARK, title_zh: '家用和类似用途电器的安全 洗衣机的特殊要求' });
    assert.equal(r.status, 201, r.text);
    r = await tech.post('/api/v1/plans', {
      product: '家用电动洗衣机',
      industry_code: '38',
      author_org: '宁波市标准化研究院',
      summary: '洗衣机性能指标对标 IEC',
      standards: [
        { role: 'domestic', number: DOMESTIC },
        { role: 'benchmark', number: BENCHMARK },
      ],
      indicators: ROWS.map((x) => ({ name: x.name, unit: x.unit, domestic_requirement: x.domestic, benchmark_requirement: x.benchmark, core: true })),
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
    assert.match(planNumber, /^DBFA-\d{4}-330200-\d{4}$/);

    step = 'enterprise-and-product';
    const ent = new Client(server.base);
    await ent.prepare();
    r = await ent.post('/api/v1/enterprises/register', {
      enterprise: {
        name: entName, credit_code: creditCode, region_code: '330203', industry_code: '38',
        contact_name: '李工', contact_phone: '0574-87000000', flags: [],
      },
      user: { username: users.ent, password, display_name: '李工' },
    });
    assert.equal(r.status, 201, r.text);
    r = await ent.post('/api/v1/products', { name: productName, model: 'XQG100', standards: [DOMESTIC], enterprise_standard: 'Q/NBHS 001-2020' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await ent.post(`/api/v1/products/${r.body.id}/selection`, { selected: true })).status, 200);

    // ---- the enterprise creates and fills in the result ------------------------------------
    step = 'enterprise-new-result';
    const entPage = (page = await env.newPage());
    await login(entPage, server.base, users.ent, password);
    await menu(entPage, '我的对标结果').click();
    await entPage.waitForURL('**/app/my-results');
    await entPage.getByRole('heading', { name: '我的对标结果' }).waitFor();
    await testid(entPage, 'result-new').click();
    const dialog = testid(entPage, 'result-new-dialog');
    await dialog.waitFor({ state: 'visible' });
    // the only selected product is preselected; the plan is typed by number
    await waitForText(dialog.locator('.el-select').first(), productName, 'the selected product preselected');
    await dialog.getByText('输入方案编号').click();
    await testid(dialog, 'result-new-plan-number').fill(planNumber);
    await testid(dialog, 'result-new-confirm').click();
    await entPage.waitForURL(/\/app\/my-results\/\d+$/);
    const resultUrl = entPage.url();
    const resultId = resultUrl.split('/').pop();
    await waitForText(testid(entPage, 'result-status'), '草稿', 'a new result is a draft');
    const rows = testid(entPage, 'res-row');
    await rows.nth(ROWS.length - 1).waitFor();
    assert.equal(await rows.count(), ROWS.length, 'one input row per plan row');

    step = 'enterprise-live-verdicts';
    for (let i = 0; i < ROWS.length; i++) {
      const row = rows.nth(i);
      await testid(row, 'res-ent-req').pressSequentially(ROWS[i].ent, { delay: 15 });
      await testid(row, 'res-measured').pressSequentially(ROWS[i].measured, { delay: 15 });
    }
    for (let i = 0; i < ROWS.length; i++) {
      await waitForText(testid(rows.nth(i), 'res-verdict-tag'), ROWS[i].verdict, `verdict of ${ROWS[i].name}`);
      await waitForText(testid(rows.nth(i), 'res-judge-tag'), ROWS[i].judge, `measured verdict of ${ROWS[i].name}`);
    }
    // autosave: the server's verdicts, roll-up and gap follow
    await entPage.locator('[data-testid="autosave-status"][data-status="saved"]').waitFor({ timeout: TIMEOUT });
    await waitForText(testid(entPage, 'result-gaps'), ROWS[0].name, 'the gap computed by the server');
    await entPage.locator('[data-testid="res-verdict"][data-source="server"]').first().waitFor();

    step = 'enterprise-submit-refused';
    // nothing about the test reports yet: the server names every missing item, shown in its row
    await testid(entPage, 'res-submit').click();
    await confirmBox(entPage);
    await waitForText(testid(entPage, 'result-form-error'), '不能提交', 'submit refused');
    await testid(rows.nth(1), 'res-error').first().waitFor();
    await waitForText(testid(entPage, 'result-form-error'), '第 2 行', 'the list names row 2');

    step = 'enterprise-fills-reports';
    for (let i = 0; i < ROWS.length; i++) {
      const row = rows.nth(i);
      await testid(row, 'res-report-number').fill(`NBJC-2026-${i + 1}`);
      await testid(row, 'res-lab').fill('宁波市产品质量检验研究院');
      await fillDate(entPage, row, 'res-report-date', '2026-10-0' + (i + 1));
    }
    assert.equal(await dateInput(rows.nth(0), 'res-report-date').inputValue(), '2026-10-01');
    await testid(rows.nth(0), 'res-file-input').setInputFiles({ name: '洗净比检测报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await waitForText(testid(rows.nth(0), 'res-file-link'), '洗净比检测报告.pdf', 'the uploaded report');
    await testid(entPage, 'res-conclusion').fill('洗净比低于 IEC 要求，其余指标优于对标标准。');
    // the gap needs an improvement action
    await testid(entPage, 'imp-add-gaps').click();
    const imp = testid(entPage, 'imp-row').first();
    await imp.waitFor();
    await testid(imp, 'imp-action').fill('改进波轮结构，提高洗净比');
    await testid(imp, 'imp-responsible').fill('技术部 王工');
    await fillDate(entPage, imp, 'imp-target-date', '2027-06-30');
    await testid(entPage, 'res-revised-standard').fill('Q/NBHS 001-2026');
    await testid(rows.nth(0), 'res-revised').fill('≥0.80');

    step = 'enterprise-submits';
    await testid(entPage, 'res-submit').click();
    await confirmBox(entPage);
    await waitForText(testid(entPage, 'result-status'), '已提交', 'submitted');
    await testid(entPage, 'result-readonly').waitFor();
    assert.equal(await testid(entPage, 'res-row').count(), 0, 'read-only after submitting');
    await waitForText(testid(entPage, 'result-events'), '提交审核', 'the submission in the history');

    // ---- the county returns it --------------------------------------------------------------
    step = 'county-returns';
    const countyPage = (page = await env.newPage());
    await login(countyPage, server.base, users.county, password);
    await menu(countyPage, '待我审核').click();
    await countyPage.waitForURL('**/app/review');
    let queue = testid(countyPage, 'review-queue-table');
    await tableRow(queue, entName).waitFor();
    await testid(tableRow(queue, entName), 'result-review-open').click();
    await countyPage.waitForURL(new RegExp(`/app/results/${resultId}`));
    await waitForText(testid(countyPage, 'result-status'), '已提交', 'the county sees the submitted result');
    await testid(countyPage, 'result-chain').waitFor();
    await waitForText(testid(countyPage, 'result-indicators'), ROWS[0].name, 'the indicator table');
    await testid(countyPage, 'review-action-return').click();
    let reviewDialog = testid(countyPage, 'review-dialog');
    await reviewDialog.waitFor({ state: 'visible' });
    await testid(reviewDialog, 'review-confirm').click(); // no reason: refused by the page
    await waitForText(reviewDialog, '请填写退回理由', 'a reason is required');
    await testid(reviewDialog, 'review-comment').fill(reason);
    await testid(reviewDialog, 'review-confirm').click();
    await reviewDialog.waitFor({ state: 'hidden' });
    await waitForText(testid(countyPage, 'result-status'), '已退回', 'returned');

    // ---- the enterprise fixes and resubmits -------------------------------------------------
    step = 'enterprise-sees-reason';
    page = entPage;
    await entPage.reload();
    await waitForText(testid(entPage, 'result-return-reason'), reason, 'the return reason on the editor');
    await waitForText(testid(entPage, 'result-status'), '已退回', 'returned status for the enterprise');
    await testid(entPage, 'res-row').first().waitFor();
    await waitForText(testid(entPage, 'notify-badge'), '1', 'a notification about the return');
    // the bell's dropdown leads to the result
    await menu(entPage, '我的对标结果').click();
    await entPage.waitForURL('**/app/my-results');
    await testid(entPage, 'notify-bell').click();
    await testid(entPage, 'notify-item').first().click();
    await entPage.waitForURL(resultUrl);
    await waitForText(testid(entPage, 'result-return-reason'), reason, 'the reason again after the notification');

    step = 'enterprise-resubmits';
    const row0 = testid(entPage, 'res-row').first();
    await fillDate(entPage, row0, 'res-report-date', '2026-09-15');
    await testid(row0, 'res-lab').fill('宁波市产品质量检验研究院（复检）');
    await entPage.locator('[data-testid="autosave-status"][data-status="saved"]').waitFor();
    await testid(entPage, 'res-submit').click();
    await confirmBox(entPage);
    await waitForText(testid(entPage, 'result-status'), '已提交', 'resubmitted');

    // ---- up the chain -----------------------------------------------------------------------
    step = 'county-bulk-pass';
    page = countyPage;
    await menu(countyPage, '待我审核').click();
    await countyPage.waitForURL('**/app/review');
    queue = testid(countyPage, 'review-queue-table');
    const qRow = tableRow(queue, entName);
    await qRow.waitFor();
    await qRow.locator('.el-checkbox').first().click();
    await testid(countyPage, 'review-bulk').click();
    const bulk = testid(countyPage, 'review-bulk-dialog');
    await bulk.waitFor({ state: 'visible' });
    await testid(bulk, 'review-bulk-comment').fill('复核无误，同意上报');
    await testid(bulk, 'review-bulk-confirm').click();
    await bulk.waitFor({ state: 'hidden' });
    await waitForText(countyPage.locator('.el-message--success'), '已审核通过 1 条', 'bulk pass done');
    await countyPage.goto(`${server.base}/app/results/${resultId}`);
    await waitForText(testid(countyPage, 'result-status'), '县级已审核', 'passed by the county');

    const passAt = async (username, expected, what) => {
      step = what;
      page = await env.newPage();
      await login(page, server.base, username, password);
      await menu(page, '待我审核').click();
      await page.waitForURL('**/app/review');
      const q = testid(page, 'review-queue-table');
      await tableRow(q, entName).waitFor();
      await testid(tableRow(q, entName), 'result-review-open').click();
      await page.waitForURL(new RegExp(`/app/results/${resultId}`));
      await testid(page, 'review-action-pass').click();
      const d = testid(page, 'review-dialog');
      await d.waitFor({ state: 'visible' });
      await testid(d, 'review-comment').fill(`${what}：同意`);
      await testid(d, 'review-confirm').click();
      await d.waitFor({ state: 'hidden' });
      await waitForText(testid(page, 'result-status'), expected, what);
      return page;
    };
    const cityPage = await passAt(users.city, '市级已推荐', 'city-passes');
    // the city sees what changed since the return, and the return in the history
    await waitForText(testid(cityPage, 'review-changes'), '（复检）', 'the changed laboratory');
    await waitForText(testid(cityPage, 'result-events'), reason, 'the return reason in the history');
    await passAt(users.province, '省级已推荐', 'province-passes');
    const natPage = await passAt(users.national, '已受理', 'national-accepts');

    step = 'national-publishes';
    page = natPage;
    await testid(natPage, 'review-action-publish').click();
    reviewDialog = testid(natPage, 'review-dialog');
    await reviewDialog.waitFor({ state: 'visible' });
    await testid(reviewDialog, 'review-confirm').click();
    await reviewDialog.waitFor({ state: 'hidden' });
    await waitForText(testid(natPage, 'result-status'), '已发布', 'published');
    const code = (await testid(natPage, 'result-code').innerText()).trim();
    assert.ok(code.length >= 4, `a verification code: ${code}`);
    const steps = await testid(natPage, 'result-chain-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.ok(steps.every((s) => s === 'finish'), `every step of the chain is done: ${steps}`);
    await waitForText(testid(natPage, 'result-events'), '发布', 'the publication in the history');

    // ---- anyone can verify it ---------------------------------------------------------------
    step = 'visitor-verifies';
    page = await env.newPage();
    await page.goto(`${server.base}/verify/${encodeURIComponent(code)}`);
    await testid(page, 'verify-ok').waitFor();
    await waitForText(testid(page, 'verify-enterprise'), entName, 'enterprise on the verification page');
    await waitForText(testid(page, 'verify-credit-code'), creditCode, 'credit code');
    await waitForText(testid(page, 'verify-product'), productName, 'product');
    await waitForText(testid(page, 'verify-plan'), planNumber, 'plan number');
    // the page shows what the public API says (verdicts and roll-up computed by the server)
    const published = await new Client(server.base).get(`/api/v1/public/results/${encodeURIComponent(code)}`);
    assert.equal(published.status, 200, published.text);
    await waitForText(testid(page, 'verify-rollup'), published.body.rollup_label, 'roll-up');
    await waitForText(testid(page, 'result-conclusion'), '洗净比低于 IEC 要求', 'conclusion');
    const verdicts = await testid(testid(page, 'result-indicators'), 'result-verdict').allInnerTexts();
    assert.deepEqual(verdicts.map((s) => s.trim()), published.body.indicators.map((x) => x.verdict_label), 'verdicts');
    assert.equal(published.body.indicators[0].file_hash ?? '', '', 'no file hashes in public answers');
    const qr = testid(page, 'verify-qr').locator('img');
    await qr.waitFor();
    assert.match(await qr.getAttribute('src'), /^data:image\/png;base64,/, 'a QR code of the page');
    assert.equal(await testid(page, 'result-file').count(), 0, 'no report files for visitors');

    step = 'visitor-unknown-code';
    await testid(page, 'verify-input').first().fill('NO-SUCH-CODE-1');
    await testid(page, 'verify-input').first().press('Enter');
    await page.waitForURL('**/verify/NO-SUCH-CODE-1');
    await waitForText(testid(page, 'verify-not-found'), '未找到或未发布', 'unknown code');

    step = 'public-list';
    await page.goto(`${server.base}/results?q=${encodeURIComponent(entName)}`);
    const pub = testid(page, 'public-results-table');
    await tableRow(pub, entName).waitFor();
    await waitForText(tableRow(pub, entName), planNumber, 'the published result in the public list');
  } catch (e) {
    await env.fail(t, e, step, page || env.page);
  } finally {
    await env.close();
  }
});
