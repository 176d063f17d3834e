// End-to-end: a technical body adds a standard through the editor (seeing the live normalized
// number); an anonymous visitor then finds it in the public 标准目录 and sees its adoption.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, Client, binary, repoRoot } from '../lib/server.mjs';

const webDist = path.join(repoRoot, 'web', 'dist');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const missing = [
  !existsSync(binary) && `${binary} is not built`,
  !existsSync(path.join(webDist, 'index.html')) && 'web/dist is not built (cd web && npm run build)',
  !existsSync(chromiumPath) && `${chromiumPath} not found`,
].filter(Boolean);

const TIMEOUT = 15000;

// A label-addressed input (Element Plus links <label for> to the input's id).
const field = (page, label) => page.getByLabel(label, { exact: true });
// The el-form-item whose label is `label`.
const formItem = (page, label) =>
  page.locator('.el-form-item').filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });

async function waitForText(locator, text, what) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: TIMEOUT }).catch((e) => {
    throw new Error(`${what}: "${text}" did not appear (${e.message.split('\n')[0]})`);
  });
}

if (process.env.DUIBIAO_E2E_REQUIRED && missing.length) {
  throw new Error('end-to-end prerequisites missing: ' + missing.join('; '));
}

test('a technical body adds a standard; an anonymous visitor finds it in the catalog', { skip: missing.length ? missing.join('; ') : false, timeout: 180000 }, async (t) => {
  const server = await startServer({ web: webDist });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const watch = (page) => {
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push('console: ' + m.text()));
    return page;
  };
  const editorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  let page = watch(await editorContext.newPage());
  let step = 'start';

  const suffix = `${Date.now() % 1e6}${Math.floor(Math.random() * 1000)}`;
  const username = `tech_${suffix}`;
  const password = `Passw0rd${suffix}`;

  try {
    step = 'technical-body-account';
    // the account is made through the API (the registration test covers the admin pages)
    const admin = new Client(server.base);
    const me = await admin.login('admin', server.adminPassword);
    if (me.must_change_password) {
      const newPw = `Admin${suffix}x9`;
      const c = await admin.post('/api/v1/auth/password', { old_password: server.adminPassword, new_password: newPw });
      assert.equal(c.status, 204, c.text);
      await admin.login('admin', newPw);
    }
    const initial = `Init1al${suffix}`;
    let r = await admin.post('/api/v1/users', { username, display_name: '技术机构测试员', role: 'technical_body', password: initial });
    assert.equal(r.status, 201, r.text);
    const tech = new Client(server.base);
    await tech.login(username, initial);
    r = await tech.post('/api/v1/auth/password', { old_password: initial, new_password: password });
    assert.equal(r.status, 204, r.text);

    step = 'login';
    await page.goto(server.base + '/login');
    await field(page, '用户名').fill(username);
    await field(page, '密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL('**/app/**');

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
    const visitorContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = watch(await visitorContext.newPage());
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
    const shot = `/tmp/duibiao-e2e-catalog-${step}-${Date.now()}.png`;
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    t.diagnostic(`failed at step "${step}"; screenshot: ${shot}; url: ${page.url()}`);
    if (problems.length) t.diagnostic('browser problems:\n' + problems.join('\n'));
    t.diagnostic('server output (tail):\n' + server.output().slice(-3000));
    throw e;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    server.cleanup();
  }
});
