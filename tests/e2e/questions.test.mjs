// End-to-end (issue 10 §3): an enterprise asks a question and reads the answer, in Chromium. An
// enterprise of 海曙区 (330203) registered through the API signs in, opens 互动交流 and asks its
// regulator (a first send with an empty title is refused beside the field); the 海曙 county office
// signs in, finds the question with its enterprise, answers it and publishes it as an FAQ entry
// with edited text; the enterprise reloads, sees 已答复, opens the question and reads the answer
// with the time it took; an anonymous visitor finds the entry on the public FAQ page — without
// the enterprise's name — and through the public search box.
//
//   (cd web && npm run build) && DUIBIAO_E2E_REQUIRED=1 node --test tests/e2e/questions.test.mjs
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, makeCreditCode } from '../lib/server.mjs';
import { e2eSkip, startE2E, runSuffix, adminClient, makeUser, testid, waitForText, login } from './lib.mjs';

const skip = e2eSkip();
const menu = (page, text) => page.locator('.el-menu-item').filter({ hasText: text });
// the native input or textarea of an Element Plus input carrying `id` (on the element or its wrapper)
const inputOf = (scope, id) => scope.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();
const tableRow = (table, text) => table.locator('.el-table__body tr').filter({ hasText: text }).first();

test('an enterprise asks a question, the county office answers, the enterprise reads the answer and the FAQ shows it', { skip, timeout: 300000 }, async (t) => {
  const env = await startE2E('questions', { viewport: { width: 1440, height: 950 } });
  const { server } = env;
  let page = null;
  let step = 'start';
  const suffix = runSuffix();
  const password = `Passw0rd${suffix}`;
  const entName = `宁波海曙互动测试${suffix}电器有限公司`;
  const entUser = `qa_ent_${suffix}`;
  const countyUser = `qa_county_${suffix}`;
  const title = `滚筒洗衣机噪声如何对标 IEC 60704-2-4（${suffix}）`;
  const answer = '噪声按 GB/T 4214.1 与 IEC 60704-2-4 规定的测试条件分别测量声功率级，再逐项比对限值。';

  try {
    step = 'accounts';
    const admin = await adminClient(server, suffix);
    await makeUser(server, admin, { username: countyUser, display_name: '海曙区市场监管局', role: 'county_regulator', region_code: '330203' }, password);
    const reg = new Client(server.base);
    await reg.prepare();
    const r = await reg.post('/api/v1/enterprises/register', {
      enterprise: { name: entName, credit_code: makeCreditCode('330203', (Number(suffix) + 77) % 1e8), region_code: '330203', industry_code: '38', contact_name: '王工', contact_phone: '0574-87000000', flags: [] },
      user: { username: entUser, password, display_name: '王工' },
    });
    assert.equal(r.status, 201, r.text);

    step = 'enterprise-asks';
    const entCtx = await env.newContext();
    page = await env.newPage(entCtx);
    await login(page, server.base, entUser, password);
    await menu(page, '互动交流').click();
    await page.waitForURL('**/app/questions');
    await page.getByRole('heading', { name: '互动交流' }).waitFor();
    await testid(page, 'question-ask').click();
    const dialog = testid(page, 'question-ask-dialog');
    await dialog.waitFor();
    // the form is checked before sending: an empty title is named beside its field
    await inputOf(page, 'question-body').fill('我司滚筒洗衣机的噪声应按哪种方法测试，才能与 IEC 标准对标？');
    await testid(page, 'question-send').click();
    await waitForText(dialog.locator('.el-form-item__error'), '请填写问题标题', 'the missing title');
    await inputOf(page, 'question-title').fill(title);
    await testid(page, 'question-send').click();
    // the new question opens in the drawer, not yet answered
    const drawer = testid(page, 'question-drawer');
    await waitForText(testid(page, 'question-view-title'), title, 'the question just asked');
    await waitForText(drawer, '尚未答复', 'no answer yet');
    await drawer.locator('.el-drawer__close-btn').click();
    const entTable = testid(page, 'questions-table');
    await waitForText(tableRow(entTable, title), '待分派', 'the question waits for the office');

    step = 'county-answers';
    const countyCtx = await env.newContext();
    const county = await env.newPage(countyCtx);
    await login(county, server.base, countyUser, password);
    await menu(county, '互动交流').click();
    await county.waitForURL('**/app/questions');
    const cTable = testid(county, 'questions-table');
    const row = tableRow(cTable, title);
    await waitForText(row, entName, 'the office sees the asking enterprise');
    await row.click();
    const cDrawer = testid(county, 'question-drawer');
    await waitForText(testid(county, 'question-view-title'), title, 'the office opens the question');
    await inputOf(county, 'question-answer-input').fill(answer);
    await testid(county, 'question-answer-send').click();
    await waitForText(testid(county, 'question-answer'), '声功率级', 'the answer is saved');
    // publishing as FAQ with an edited question text
    const faqQuestion = inputOf(county, 'question-faq-question');
    await faqQuestion.fill(`滚筒洗衣机噪声如何对标 IEC 60704-2-4？（${suffix}）`);
    await testid(county, 'question-faq-publish').click();
    await county.locator('.el-message--success').filter({ hasText: '已发布为常见问题' }).waitFor();
    await cDrawer.locator('.el-drawer__close-btn').click();
    await waitForText(tableRow(cTable, title), '常见问题', 'the row is marked as an FAQ entry');

    step = 'enterprise-reads';
    env.page = page;
    await page.reload();
    await waitForText(tableRow(testid(page, 'questions-table'), title), '已答复', 'the enterprise sees it answered');
    await tableRow(testid(page, 'questions-table'), title).click();
    await waitForText(testid(page, 'question-answer'), answer, 'the enterprise reads the answer');
    const meta = await testid(page, 'question-answer-meta').innerText();
    assert.match(meta, /海曙区市场监管局/, 'who answered');
    assert.match(meta, /答复用时\s*(不到1分钟|\d+分钟)/, 'the time it took');
    // the bell tells the enterprise
    await testid(page, 'question-drawer').locator('.el-drawer__close-btn').click();
    await testid(page, 'question-drawer').waitFor({ state: 'hidden' });
    await testid(page, 'notify-bell').click();
    await waitForText(testid(page, 'notify-list'), '您的问题已答复', 'the notification of the answer');

    step = 'public-faq';
    const anonCtx = await env.newContext();
    const anon = await env.newPage(anonCtx);
    await anon.goto(server.base + '/faq');
    await anon.getByRole('heading', { name: '常见问题' }).waitFor();
    const item = testid(anon, 'faq-item').filter({ hasText: suffix });
    await item.waitFor();
    await item.locator('.el-collapse-item__header').click();
    await waitForText(item.locator('[data-testid="faq-answer"]'), '声功率级', 'the public answer');
    const text = await anon.locator('body').innerText();
    assert.ok(!text.includes(entName), 'the public FAQ never names the enterprise');
    assert.ok(!text.includes('王工'), 'nor the asker');
    // the public search box finds it under 常见问题
    await anon.goto(server.base + '/search');
    await inputOf(anon, 'search-q').fill('声功率级');
    await testid(anon, 'search-go').click();
    await waitForText(testid(anon, 'search-group-faq'), suffix, 'the FAQ entry in the search results');

    const serious = env.problems.filter((p) => !/Failed to load resource|ResizeObserver/.test(p));
    assert.deepEqual(serious, [], 'no browser errors');
  } catch (e) {
    await env.fail(t, e, step, env.page);
  } finally {
    await env.close();
  }
});
