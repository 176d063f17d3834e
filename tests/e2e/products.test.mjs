// End-to-end: an enterprise adds a product in 我的产品 (the standard numbers checked live, a
// non-Q/ own standard refused), selects it for the campaign, and is told by the server that at
// most three products can be selected; the county regulator sees the products, read only, on the
// enterprise's details.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login } from './lib.mjs';

const skip = e2eSkip();

test('an enterprise keeps its products and selects at most three; the county regulator reads them', { skip, timeout: 180000 }, async (t) => {
  const env = await startE2E('products');
  const { server } = env;
  let page = await env.newPage();
  let step = 'start';

  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const entUser = `prod_ent_${suffix}`;
  const countyUser = `prod_cty_${suffix}`;
  const entName = `宁波海曙产品测试${suffix}电器有限公司`;

  try {
    step = 'accounts';
    const ent = new Client(server.base);
    await ent.prepare();
    let r = await ent.post('/api/v1/enterprises/register', {
      enterprise: {
        name: entName, credit_code: makeCreditCode('330203', Number(suffix) % 1e8), region_code: '330203', industry_code: '38',
        contact_name: '李工', contact_phone: '0574-87000000', flags: [],
      },
      user: { username: entUser, password, display_name: '李工' },
    });
    assert.equal(r.status, 201, r.text);
    // three products made through the API, two of them selected
    for (const [i, name] of ['冰箱', '空调', '热水器'].entries()) {
      r = await ent.post('/api/v1/products', { name, standards: ['GB/T 8059-2016'] });
      assert.equal(r.status, 201, r.text);
      if (i < 2) assert.equal((await ent.post(`/api/v1/products/${r.body.id}/selection`, { selected: true })).status, 200);
    }
    const admin = await adminClient(server, suffix);
    await makeUser(server, admin, { username: countyUser, display_name: '海曙区市场监管局', role: 'county_regulator', region_code: '330203' }, password);

    step = 'enterprise-opens-products';
    await login(page, server.base, entUser, password);
    await page.locator('.el-menu-item').filter({ hasText: '我的产品' }).click();
    await page.waitForURL('**/app/products');
    await waitForText(testid(page, 'product-selection-hint'), '已选择 2 个产品', 'selection hint');

    step = 'add-product';
    await testid(page, 'product-add').click();
    await testid(page, 'product-name-input').waitFor();
    await testid(page, 'product-name-input').fill('滚筒洗衣机');
    await testid(page, 'product-model-input').fill('XQG100');
    await testid(page, 'product-category-input').fill('洗衣机');
    const stdRows = testid(page, 'product-standard-row');
    await testid(stdRows.nth(0), 'product-standard-input').pressSequentially('GB 4706.24—2008', { delay: 10 });
    await waitForText(testid(stdRows.nth(0), 'product-standard-check'), '规范写法：GB 4706.24-2008', 'live check of the standard');
    await testid(page, 'product-add-standard').click();
    await testid(stdRows.nth(1), 'product-standard-input').pressSequentially('hello', { delay: 10 });
    await stdRows.nth(1).locator('[data-testid="product-standard-check"].is-invalid').waitFor();
    await testid(stdRows.nth(1), 'product-standard-input').fill('GB/T 4288-2018');
    await waitForText(testid(stdRows.nth(1), 'product-standard-check'), '规范写法：GB/T 4288-2018', 'second standard');
    const own = testid(page, 'product-own-input');
    await own.pressSequentially('GB/T 1-2000', { delay: 10 });
    await waitForText(testid(page, 'product-own-check'), '应以 Q/ 开头', 'own standard must be Q/');
    await own.fill('q/nbhs 001—2020');
    await waitForText(testid(page, 'product-own-check'), '规范写法：Q/NBHS 001-2020', 'own standard recognized');
    await testid(page, 'product-save').click();
    const row = testid(page, 'product-table').locator('.el-table__body tr').filter({ hasText: '滚筒洗衣机' });
    await row.first().waitFor();
    const text = await row.first().innerText();
    assert.match(text, /GB 4706\.24-2008/, `normalized standard in the row: ${text}`);
    assert.match(text, /Q\/NBHS 001-2020/, `own standard in the row: ${text}`);

    step = 'select-third';
    const heater = testid(page, 'product-table').locator('.el-table__body tr').filter({ hasText: '热水器' });
    await testid(heater.first(), 'product-select').click();
    await waitForText(testid(page, 'product-selection-hint'), '已选择 3 个产品', 'hint after the third');

    step = 'fourth-refused';
    await testid(row.first(), 'product-select').click();
    await waitForText(page.locator('.el-message--error'), '最多选择 3 个产品', 'the server’s 409');
    assert.equal(await row.first().locator('.el-switch.is-checked').count(), 0, 'the fourth stays unselected');

    step = 'county-reads';
    page = await env.newPage();
    await login(page, server.base, countyUser, password);
    await page.waitForURL('**/app/workbench');
    await page.locator('.el-menu-item').filter({ hasText: '辖区企业' }).click();
    await page.waitForURL('**/app/enterprises');
    const entRow = testid(page, 'enterprise-table').locator('.el-table__body tr').filter({ hasText: entName });
    await testid(entRow.first(), 'enterprise-detail').click();
    const products = testid(page, 'enterprise-product-table');
    await waitForText(products, '滚筒洗衣机', 'the product in the drawer');
    const selected = await products.locator('.el-table__body tr').filter({ hasText: '已选' }).count();
    assert.equal(selected, 3, 'three selected products');
    assert.equal(await page.locator('[data-testid="product-select"]').count(), 0, 'no selection switches for regulators');
    assert.equal(await page.locator('.el-menu-item').filter({ hasText: '我的产品' }).count(), 0, 'no 我的产品 menu for regulators');
  } catch (e) {
    await env.fail(t, e, step, page);
  } finally {
    await env.close();
  }
});
