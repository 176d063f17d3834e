// End-to-end (issue 10 §2): a city office publishes a notice and sends a circular, in Chromium.
// The Ningbo city office (330200) drafts a notice to its subtree (an empty title is refused
// beside the field), attaches a PDF and publishes it; the 海曙 county office sees it unread in the
// bell and the list, opens it (the receipt is recorded); the city office reloads and reads 1 reader
// for 海曙区 in the readers table. The city office then sends a circular to 海曙区, the county
// confirms receipt, and the city sees who confirmed. An anonymous visitor's public notices page
// does not list the notice (it was addressed to the subtree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login, confirmBox } from './lib.mjs';

const skip = e2eSkip();
const menu = (page, text) => page.locator('.el-menu-item').filter({ hasText: text });
const inputOf = (scope, id) => scope.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();
const tableRow = (table, text) => table.locator('.el-table__body tr').filter({ hasText: text }).first();

test('a city office publishes a notice to its districts, a county reads it, a circular is confirmed', { skip, timeout: 300000 }, async (t) => {
  const env = await startE2E('notices', { viewport: { width: 1440, height: 950 } });
  const { server } = env;
  let step = 'start';
  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const cityUser = `nt_city_${suffix}`;
  const countyUser = `nt_county_${suffix}`;
  const title = `关于开展2026年度对标达标工作的通知（${suffix}）`;
  const pdf = `/tmp/duibiao-e2e-notice-${suffix}.pdf`;
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    await makeUser(server, admin, { username: cityUser, display_name: '宁波市市场监管局', role: 'city_regulator', region_code: '330200' }, password);
    await makeUser(server, admin, { username: countyUser, display_name: '海曙区市场监管局', role: 'county_regulator', region_code: '330203' }, password);

    step = 'city-drafts';
    const city = await env.newPage(await env.newContext());
    await login(city, server.base, cityUser, password);
    await menu(city, '通知公告').click();
    await city.waitForURL('**/app/notices');
    await testid(city, 'notice-create').click();
    const editor = testid(city, 'notice-editor');
    await inputOf(city, 'notice-body').fill('各区县市场监管局：\n请按附件要求组织企业开展对标。');
    await testid(city, 'notice-save').click();
    await waitForText(editor.locator('.el-form-item__error'), '请填写标题', 'the missing title');
    await inputOf(city, 'notice-title').fill(title);
    await testid(city, 'notice-save').click();
    await city.waitForURL(/\/app\/notices\/\d+$/);
    await waitForText(testid(city, 'notice-title-view'), title, 'the draft');
    step = 'city-attaches';
    await city.locator('input[type="file"]').setInputFiles(pdf);
    await waitForText(testid(city, 'notice-detail'), `duibiao-e2e-notice-${suffix}.pdf`, 'the attachment');
    step = 'city-publishes';
    await testid(city, 'notice-publish').click();
    await confirmBox(city);
    await testid(city, 'notice-withdraw').waitFor();
    await waitForText(testid(city, 'notice-readers'), '海曙区', 'the readers table lists the districts');

    step = 'county-reads';
    const county = await env.newPage(await env.newContext());
    await login(county, server.base, countyUser, password);
    await menu(county, '通知公告').click();
    await county.waitForURL('**/app/notices');
    const row = tableRow(testid(county, 'notices-table'), title);
    await waitForText(row, '未读', 'the notice is unread');
    await testid(county, 'notify-badge').locator('.el-badge__content').waitFor();
    await row.click();
    await waitForText(testid(county, 'notice-body-view'), '请按附件要求', 'the county reads the text');
    await waitForText(testid(county, 'notice-detail'), '.pdf', 'the attachment link');
    // back on the list the notice is read
    await county.goBack();
    await tableRow(testid(county, 'notices-table'), title).waitFor();
    await county.waitForFunction((t) => {
      const rows = [...document.querySelectorAll('[data-testid="notices-table"] .el-table__body tr')];
      const r = rows.find((x) => x.textContent.includes(t));
      return r && !r.textContent.includes('未读');
    }, title);

    step = 'city-sees-reader';
    env.page = city;
    await city.reload();
    const hs = tableRow(testid(city, 'notice-readers'), '海曙区');
    await hs.waitFor();
    const cells = await hs.locator('td').allInnerTexts();
    assert.equal(cells[1].trim(), '1', `one reader in 海曙区: ${cells.join(' | ')}`);

    step = 'circular';
    await menu(city, '情况通报').click();
    await city.waitForURL('**/app/circulars');
    await testid(city, 'circular-create').click();
    await inputOf(city, 'circular-title').fill(`关于第一阶段进展的通报（${suffix}）`);
    await inputOf(city, 'circular-body').fill('海曙区进展较快，请继续推进。');
    await testid(city, 'circular-recipients').click();
    await city.locator('.el-select-dropdown__item').filter({ hasText: '海曙区' }).first().click();
    await city.keyboard.press('Escape');
    await testid(city, 'circular-save').click();
    await testid(city, 'circular-send').click();
    await confirmBox(city);
    await waitForText(testid(city, 'circular-recipients-table'), '未确认', 'sent, not yet confirmed');

    step = 'county-confirms';
    env.page = county;
    await menu(county, '情况通报').click();
    await county.waitForURL('**/app/circulars');
    await tableRow(testid(county, 'circulars-table'), suffix).click();
    await testid(county, 'circular-confirm').click();
    await waitForText(testid(county, 'circular-recipients-table'), '海曙区市场监管局', 'the confirmation');

    step = 'city-sees-confirmation';
    env.page = city;
    await city.reload();
    await tableRow(testid(city, 'circulars-table'), suffix).click();
    await waitForText(testid(city, 'circular-recipients-table'), '海曙区市场监管局', 'who confirmed');

    step = 'public';
    const anon = await env.newPage(await env.newContext());
    await anon.goto(server.base + '/notices');
    await anon.getByRole('heading', { name: '通知公告' }).waitFor();
    await testid(anon, 'public-notices').waitFor();
    assert.ok(!(await anon.locator('body').innerText()).includes(title), 'a subtree notice is not public');

    const serious = env.problems.filter((p) => !/Failed to load resource|ResizeObserver/.test(p));
    assert.deepEqual(serious, [], 'no browser errors');
  } catch (e) {
    await env.fail(t, e, step, env.page);
  } finally {
    await env.close();
  }
});
