// End-to-end: a browser registers an enterprise through the real front end served by the real
// binary, lands on the enterprise home, logs out; the administrator then finds the new user.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, field, formItem, waitForText, fillLogin as login, TIMEOUT } from './lib.mjs';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Clicks a node of the open cascader panel by its exact name.
async function pickCascaderNode(page, name) {
  const node = page.locator('.el-cascader-panel .el-cascader-node').filter({ has: page.locator('.el-cascader-node__label', { hasText: new RegExp(`^${name}$`) }) });
  await node.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await node.first().click();
}

const skip = e2eSkip();

test('an enterprise registers in the browser; the administrator sees its user', { skip, timeout: 180000 }, async (t) => {
  const env = await startE2E('registration');
  const { server } = env;
  const page = await env.newPage();
  let step = 'start';

  const suffix = runSuffix();
  const good = makeCreditCode('330203', Number(suffix) % 1e8);
  const wrongChar = CHARS[(CHARS.indexOf(good[17]) + 7) % CHARS.length];
  const bad = good.slice(0, 17) + wrongChar;
  const name = `宁波海曙浏览器测试${suffix}机械有限公司`;
  const username = `e2e_${suffix}`;
  const password = `Passw0rd${suffix}`;

  try {
    step = 'open-register';
    await page.goto(server.base + '/register');
    await page.getByRole('heading', { name: '企业注册' }).waitFor();

    step = 'name';
    await field(page, '企业名称').fill(name);

    step = 'wrong-credit-code';
    const codeItem = formItem(page, '统一社会信用代码');
    await field(page, '统一社会信用代码').pressSequentially(bad, { delay: 15 });
    // the live check names the expected check character beside the field
    await waitForText(codeItem.locator('.el-form-item__error'), new RegExp(`校验码[\\s\\S]*应为\\s*[“"]?${good[17]}`), 'credit code check message');

    step = 'fixed-credit-code';
    await field(page, '统一社会信用代码').fill(good);
    await codeItem.locator('[data-testid="credit-code-check"].is-valid').waitFor();
    await codeItem.locator('.el-form-item__error').waitFor({ state: 'hidden' }); // no error once the code is right

    step = 'region';
    await formItem(page, '所在地区').locator('.el-cascader').click();
    await pickCascaderNode(page, '浙江省');
    await pickCascaderNode(page, '宁波市');
    await pickCascaderNode(page, '海曙区');
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('.el-form-item')];
      const item = items.find((i) => i.querySelector('.el-form-item__label')?.textContent.trim() === '所在地区');
      return item && item.querySelector('.el-cascader input')?.value.includes('海曙区');
    });

    step = 'industry';
    const industrySelect = formItem(page, '所属行业').locator('.el-select');
    await industrySelect.click();
    await page.keyboard.type('通用设备');
    const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: '通用设备' });
    await option.first().waitFor();
    await option.first().click();
    await waitForText(industrySelect, '通用设备', 'chosen industry');

    step = 'flags';
    await page.locator('.el-checkbox').filter({ hasText: '规上企业' }).click();

    step = 'contact';
    await field(page, '联系人').fill('王小明');
    await field(page, '联系电话').fill('0574-87001234');
    await field(page, '电子邮箱').fill(`e2e${suffix}@example.com`);
    await field(page, '地址').fill('浙江省宁波市海曙区测试路 8 号');

    step = 'account';
    await field(page, '用户名').fill(username);
    await field(page, '密码').fill(password);
    await field(page, '确认密码').fill(password);
    await field(page, '姓名').fill('王小明');

    step = 'submit-registration';
    await page.getByRole('button', { name: '注册并登录' }).click();
    // the new enterprise lands on its workbench, whose next step is to add a product
    await page.waitForURL('**/app/workbench');
    await waitForText(page.locator('[data-testid="workbench-next"]'), '登记产品', 'the next step on the workbench');
    await page.locator('.el-menu-item').filter({ hasText: '本企业信息' }).click();
    await page.waitForURL('**/app/enterprise');
    await waitForText(page.locator('[data-testid="enterprise-name"]'), name, 'enterprise home');
    await waitForText(page.locator('[data-testid="header-role"]'), '企业', 'role label in the header');

    step = 'logout';
    await page.locator('[data-testid="logout"]').click();
    await page.waitForURL('**/login');

    step = 'admin-login';
    assert.ok(server.adminPassword, 'the server printed the administrator password');
    await login(page, 'admin', server.adminPassword);
    await page.waitForURL((u) => /\/(app\/|account\/password)/.test(u.pathname));
    if (new URL(page.url()).pathname === '/account/password') {
      step = 'admin-first-password';
      const newPw = `Admin${suffix}x9`;
      await field(page, '原密码').fill(server.adminPassword);
      await field(page, '新密码').fill(newPw);
      await field(page, '确认新密码').fill(newPw);
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.waitForURL((u) => u.pathname !== '/account/password');
      if (new URL(page.url()).pathname === '/login') {
        await login(page, 'admin', newPw);
        await page.waitForURL('**/app/**');
      }
    }

    step = 'users-page';
    await page.locator('.el-menu-item').filter({ hasText: '用户管理' }).click();
    await page.waitForURL('**/app/users');
    await page.getByPlaceholder('用户名或姓名').fill(username);
    await page.locator('[data-testid="users-search-button"]').click();
    const row = page.locator('[data-testid="users-table"] .el-table__body tr').filter({ hasText: username });
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /企业/, `the row shows the role 企业: ${text}`);
    assert.match(text, /王小明/, `the row shows the display name: ${text}`);
  } catch (e) {
    await env.fail(t, e, step, page);
  } finally {
    await env.close();
  }
});
