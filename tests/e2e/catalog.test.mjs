// End-to-end: a technical body adds a standard through the editor (seeing the live normalized
// number); an anonymous visitor then finds it in the public 标准目录 and sees its adoption.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, field, formItem, waitForText, login } from './lib.mjs';

const skip = e2eSkip();

test('a technical body adds a standard; an anonymous visitor finds it in the catalog', { skip, timeout: 180000 }, async (t) => {
  const env = await startE2E('catalog');
  const { server } = env;
  let page = await env.newPage();
  let step = 'start';

  const suffix = runSuffix();
  const username = `tech_${suffix}`;
  const password = `Passw0rd${suffix}`;

  try {
    step = 'technical-body-account';
    // the account is made through the API (the registration test covers the admin pages)
    const admin = await adminClient(server, suffix);
    await makeUser(server, admin, { username, display_name: '技术机构测试员', role: 'technical_body' }, password);

    step = 'login';
    await login(page, server.base, username, password);

    step = 'catalog-in-app';
    await page.locator('.el-menu-item').filter({ hasText: '标准目录' }).click();
    await page.waitForURL('**/app/standards');
    await page.getByRole('button', { name: '新增标准' }).click();
    await page.waitForURL('**/app/standards/new');
    await page.getByRole('heading', { name: '新增标准' }).waitFor();

    step = 'number-live-check';
    const numberItem = formItem(page, '标准编号');
    await field(page, '标准编号').pressSequentially('GB/T 19001—2016/ISO 9001:2015', { delay: 15 });
    const check = numberItem.locator('[data-testid="number-check"].is-valid');
    await waitForText(check, 'GB/T 19001-2016/ISO 9001:2015', 'normalized number');
    await waitForText(check, '国家标准', 'kind of the number');
    await waitForText(check, '等同采用 ISO 9001:2015', 'adopted standard of the double number');

    step = 'title-and-save';
    await field(page, '中文名称').fill('质量管理体系 要求');
    await field(page, '英文名称').fill('Quality management systems — Requirements');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/app\/standards\/\d+$/);
    await waitForText(page.locator('[data-testid="standard-number"]'), 'GB/T 19001-2016/ISO 9001:2015', 'saved number');

    step = 'anonymous-landing';
    const visitorContext = await env.newContext();
    page = await env.newPage(visitorContext);
    await page.goto(server.base + '/');
    await page.getByRole('link', { name: '查询标准目录' }).click();
    await page.waitForURL('**/standards');
    await page.getByRole('heading', { name: '标准目录' }).waitFor();

    step = 'anonymous-search';
    await page.getByPlaceholder('编号片段或名称').fill('19001');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(/\/standards\?q=19001/);
    const row = page.locator('[data-testid="catalog-table"] .el-table__body tr').filter({ hasText: 'GB/T 19001-2016/ISO 9001:2015' });
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /质量管理体系 要求/, `the row shows the title: ${text}`);
    assert.match(text, /国家标准/, `the row shows the kind: ${text}`);
    assert.match(text, /现行/, `the row shows the status: ${text}`);

    step = 'anonymous-detail';
    await row.first().getByRole('link', { name: 'GB/T 19001-2016/ISO 9001:2015' }).click();
    await page.waitForURL(/\/standards\/\d+$/);
    await waitForText(page.locator('[data-testid="standard-adoption"]'), '等同采用 ISO 9001:2015', 'adoption on the detail page');
    await waitForText(page.locator('[data-testid="standard-details"]'), 'GB/T 19001—2016/ISO 9001:2015', 'number as written');
    assert.equal(await page.locator('[data-testid="standard-edit"]').count(), 0, 'no edit button for visitors');
    assert.equal(await page.locator('[data-testid="advanced-manage"]').count(), 0, 'no advanced-list controls for visitors');
    await visitorContext.close();
  } catch (e) {
    await env.fail(t, e, step, page);
  } finally {
    await env.close();
  }
});
