// Information services (issue 10 §2, seed 001 §五(七)): 信息发布 notices with attachments, read
// receipts and readers per child region; 情况通报 circulars with confirmation of receipt, generated
// from campaign statistics; 互动交流 questions, assignment, answer and the public FAQ; 资讯查询 the
// directory and the one search box. Bad input on every write; the public side never shows scoped
// notices or the asker of an FAQ.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, expectError, expectFields,
  listAll, findAudit, todayCst, show,
} from './fixtures.mjs';

let server;
const A = {};
const E = {};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const today = todayCst();
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

before(async () => {
  server = await startServer();
  A.admin = await adminClient(server);
  A.anon = await new Api(server.base, 'anon').prepare();
  const defs = [
    ['national', 'national_office'], ['technical', 'technical_body'], ['expert', 'expert'],
    ['county_hs', 'county_regulator', '330203'], ['county_jb', 'county_regulator', '330205'],
    ['county_xh', 'county_regulator', '330106'], ['city_nb', 'city_regulator', '330200'],
    ['prov_zj', 'province_regulator', '330000'],
  ];
  await Promise.all(defs.map(async ([name, role, region_code]) => {
    A[name] = (await createUser(A.admin, { username: `in_${name}`, role, region_code, name })).client;
  }));
  for (const [key, region, name] of [['hs', '330203', '宁波资讯海曙电器有限公司'], ['xh', '330106', '杭州资讯西湖电器有限公司']]) {
    E[key] = await registerEnterprise(server.base, { region, actor: `ent_${key}`, name, industry: '38' });
    A[`ent_${key}`] = E[key].client;
  }
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

const notice = (o = {}) => ({ title: '关于开展2026年度对标达标提升专项行动的通知', body: '各区县市场监管局：\n请按附件要求组织企业开展对标。', audience: 'subtree', ...o });

describe('notices (信息发布)', () => {
  let sub, pub, off;
  it('refuses bad input with the field named', async () => {
    expectFields(await A.city_nb.post('/notices', notice({ title: '  ' })), ['title']);
    expectFields(await A.city_nb.post('/notices', notice({ body: '' })), ['body']);
    expectFields(await A.city_nb.post('/notices', notice({ audience: 'everyone' })), ['audience']);
    expectFields(await A.city_nb.post('/notices', notice({ title: '长'.repeat(201) })), ['title']);
    expectError(await A.city_nb.post('/notices', notice({ title: 5 })), 400, 'bad_request');
    expectFields(await A.city_nb.post('/notices', notice({ title: 'a\u0007b' })), ['title']);
    expectError(await A.city_nb.request('POST', '/notices', { body: '{"title":', headers: { 'content-type': 'application/json' } }), 400, 'bad_request');
    expectError(await A.ent_hs.post('/notices', notice()), 403, 'forbidden');
    expectError(await A.technical.post('/notices', notice()), 403, 'forbidden');
    expectError(await A.anon.post('/notices', notice()), 401, 'unauthenticated');
  });

  it('a draft is the office’s own until published', async () => {
    sub = expectStatus(await A.city_nb.post('/notices', notice()), 201).body;
    assert.equal(sub.status, 'draft');
    assert.equal(sub.office_name, '宁波市市场监督管理局');
    assert.equal(sub.can_edit, true);
    assert.match(sub.body, /\n/, 'running text keeps its line breaks');
    // nobody else sees the draft
    for (const who of ['county_hs', 'ent_hs', 'prov_zj', 'national'])
      expectError(await A[who].get(`/notices/${sub.id}`), 404, 'not_found', who);
    // edits need the version read; a stale one is a 409
    expectFields(await A.city_nb.put(`/notices/${sub.id}`, notice({ title: '改' })), ['version']);
    const edited = expectStatus(await A.city_nb.put(`/notices/${sub.id}`, notice({ title: '关于开展对标达标工作的通知', version: sub.version })), 200).body;
    assert.equal(edited.version, sub.version + 1);
    expectError(await A.city_nb.put(`/notices/${sub.id}`, notice({ version: sub.version })), 409, 'conflict');
    // attachments: a PDF is kept, a file of another type refused
    let r = await A.city_nb.request('POST', `/notices/${sub.id}/attachments?name=${encodeURIComponent('附件1 企业名单.pdf')}`, { body: PDF, headers: { 'content-type': 'application/pdf' } });
    expectStatus(r, 201);
    assert.equal(r.body.attachments.length, 1);
    assert.equal(r.body.attachments[0].name, '附件1 企业名单.pdf');
    expectError(await A.city_nb.request('POST', `/notices/${sub.id}/attachments?name=x.exe`, { body: Buffer.from('MZ\x90\x00'), headers: { 'content-type': 'application/octet-stream' } }), 415, 'unsupported_media_type');
    expectError(await A.county_hs.request('POST', `/notices/${sub.id}/attachments?name=a.pdf`, { body: PDF }), 404, 'not_found');
    sub = r.body;
    expectFields(await A.city_nb.post(`/notices/${sub.id}/actions`, { action: 'shout', version: sub.version }), ['action']);
    sub = expectStatus(await A.city_nb.post(`/notices/${sub.id}/actions`, { action: 'publish', version: sub.version }), 200).body;
    assert.equal(sub.status, 'published');
    expectError(await A.city_nb.put(`/notices/${sub.id}`, notice({ version: sub.version })), 409, 'conflict');
    expectError(await A.city_nb.request('POST', `/notices/${sub.id}/attachments?name=b.pdf`, { body: PDF }), 409, 'conflict');
    const audit = await findAudit(A.admin, (x) => x.entity === 'notice' && x.entity_id === String(sub.id) && x.action === 'publish');
    assert.ok(audit, 'publishing is audit-logged');
  });

  it('reaches its subtree: the districts and their enterprises, not Hangzhou, not the public', async () => {
    for (const who of ['county_hs', 'county_jb', 'ent_hs', 'national', 'admin']) {
      const r = expectStatus(await A[who].get(`/notices/${sub.id}`), 200, who);
      assert.equal(r.body.can_edit, false, who);
    }
    for (const who of ['county_xh', 'ent_xh', 'prov_zj', 'technical'])
      expectError(await A[who].get(`/notices/${sub.id}`), 404, 'not_found', who);
    expectError(await A.anon.get(`/public/notices/${sub.id}`), 404, 'not_found');
    expectError(await A.anon.get(`/public/notices/${sub.id}/attachments/${sub.attachments[0].id}`), 404, 'not_found');
    const pubList = expectStatus(await A.anon.get('/public/notices?page_size=200'), 200).body;
    assert.ok(!pubList.items.some((x) => x.id === sub.id), 'a subtree notice is not public');
    // the attachment: readers of the notice only
    const f = await A.ent_hs.get(`/notices/${sub.id}/attachments/${sub.attachments[0].id}`);
    expectStatus(f, 200);
    assert.match(f.headers.get('content-type'), /application\/pdf/);
    assert.equal(f.text, PDF.toString());
    expectError(await A.ent_xh.get(`/notices/${sub.id}/attachments/${sub.attachments[0].id}`), 404, 'not_found');
  });

  it('offices-only notices skip enterprises; public ones reach everybody without internal fields', async () => {
    off = expectStatus(await A.city_nb.post('/notices', notice({ title: '关于报送半年进展报表的内部通知', audience: 'offices' })), 201).body;
    off = expectStatus(await A.city_nb.post(`/notices/${off.id}/actions`, { action: 'publish', version: off.version }), 200).body;
    expectStatus(await A.county_hs.get(`/notices/${off.id}`), 200);
    expectError(await A.ent_hs.get(`/notices/${off.id}`), 404, 'not_found');
    pub = expectStatus(await A.national.post('/notices', notice({ title: '对标达标提升专项行动公告', audience: 'public' })), 201).body;
    pub = expectStatus(await A.national.request('POST', `/notices/${pub.id}/attachments?name=gonggao.pdf`, { body: PDF }), 201).body;
    pub = expectStatus(await A.national.post(`/notices/${pub.id}/actions`, { action: 'publish', version: pub.version }), 200).body;
    const p = expectStatus(await A.anon.get(`/public/notices/${pub.id}`), 200).body;
    assert.equal(p.title, '对标达标提升专项行动公告');
    for (const k of ['author_name', 'status', 'version', 'audience', 'region_code', 'can_edit', 'read']) assert.ok(!(k in p), `public notice has no ${k}`);
    const att = await A.anon.get(p.attachments[0].url);
    expectStatus(att, 200);
    assert.equal(att.text, PDF.toString());
    for (const who of ['ent_xh', 'technical', 'county_xh']) expectStatus(await A[who].get(`/notices/${pub.id}`), 200, who);
    const list = expectStatus(await A.anon.get('/public/notices'), 200).body;
    assert.deepEqual(list.items.map((x) => x.id), [pub.id], 'the public list holds the public notice only');
  });

  it('counts unread notices and readers per child region for the author', async () => {
    // ent_hs can see sub and pub (not off): both unread
    let r = expectStatus(await A.ent_hs.get('/notices/unread'), 200);
    assert.equal(r.body.unread, 2);
    r = expectStatus(await A.ent_hs.post(`/notices/${sub.id}/read`, {}), 200);
    assert.equal(r.body.unread, 1);
    expectStatus(await A.ent_hs.post(`/notices/${sub.id}/read`, {}), 200, 'a second read is fine');
    expectStatus(await A.county_hs.post(`/notices/${sub.id}/read`, {}), 200);
    expectStatus(await A.county_jb.post(`/notices/${sub.id}/read`, {}), 200);
    expectError(await A.ent_xh.post(`/notices/${sub.id}/read`, {}), 404, 'not_found');
    const list = expectStatus(await A.ent_hs.get('/notices'), 200).body;
    assert.equal(list.unread, 1);
    assert.equal(list.items.find((x) => x.id === sub.id).read, true);
    assert.equal(list.items.find((x) => x.id === pub.id).read, false);
    const readers = expectStatus(await A.city_nb.get(`/notices/${sub.id}/readers`), 200).body;
    assert.equal(readers.total_readers, 3);
    const hs = readers.regions.find((x) => x.region_code === '330203');
    const jb = readers.regions.find((x) => x.region_code === '330205');
    assert.equal(hs.region_name, '海曙区');
    assert.equal(hs.readers, 2, 'the county office and the enterprise user of 海曙');
    assert.equal(jb.readers, 1);
    assert.ok(hs.audience >= 2, 'the addressed users of 海曙 are counted');
    expectError(await A.county_hs.get(`/notices/${sub.id}/readers`), 403, 'forbidden');
    expectError(await A.county_xh.get(`/notices/${sub.id}/readers`), 404, 'not_found');
  });

  it('withdrawn notices leave their readers; drafts can be deleted with their version', async () => {
    const w = expectStatus(await A.city_nb.post(`/notices/${off.id}/actions`, { action: 'withdraw', version: off.version }), 200).body;
    assert.equal(w.status, 'withdrawn');
    expectError(await A.county_hs.get(`/notices/${off.id}`), 404, 'not_found');
    expectError(await A.city_nb.post(`/notices/${off.id}/actions`, { action: 'withdraw', version: w.version }), 409, 'conflict');
    const d = expectStatus(await A.county_hs.post('/notices', notice({ title: '海曙区草稿' })), 201).body;
    expectFields(await A.county_hs.del(`/notices/${d.id}`), ['version']);
    expectError(await A.city_nb.del(`/notices/${d.id}?version=${d.version}`), 404, 'not_found');
    expectStatus(await A.county_hs.del(`/notices/${d.id}?version=${d.version}`), 204);
    expectError(await A.county_hs.get(`/notices/${d.id}`), 404, 'not_found');
    expectError(await A.city_nb.del(`/notices/${sub.id}?version=${sub.version}`), 409, 'conflict');
  });
});

describe('circulars (情况通报)', () => {
  let c, campaign;
  const circ = (o = {}) => ({ title: '关于第一阶段工作进展的通报', body: '现将各区进展通报如下：……', recipients: ['330203', '330205'], ...o });
  it('refuses bad input and regions that are not the sender’s children', async () => {
    expectFields(await A.city_nb.post('/circulars', circ({ title: '' })), ['title']);
    expectFields(await A.city_nb.post('/circulars', circ({ recipients: ['330106'] })), ['recipients']);
    expectFields(await A.city_nb.post('/circulars', circ({ recipients: ['330000'] })), ['recipients']);
    expectFields(await A.city_nb.post('/circulars', circ({ recipients: ['abc'] })), ['recipients[0]']);
    expectError(await A.city_nb.post('/circulars', circ({ recipients: '330203' })), 400, 'bad_request');
    expectError(await A.city_nb.post('/circulars', circ({ recipients: [330203] })), 400, 'bad_request');
    expectError(await A.ent_hs.post('/circulars', circ()), 403, 'forbidden');
    expectError(await A.ent_hs.get('/circulars'), 403, 'forbidden');
    expectError(await A.expert.get('/circulars'), 403, 'forbidden');
    expectFields(await A.city_nb.get('/circulars?box=trash'), ['box']);
  });
  it('is sent to its regions, each confirms once, the sender sees who', async () => {
    c = expectStatus(await A.city_nb.post('/circulars', circ({ recipients: ['330203', '330205', '330203'] })), 201).body;
    assert.deepEqual(c.recipients.map((r) => r.region_code), ['330203', '330205'], 'duplicates folded');
    expectError(await A.county_hs.get(`/circulars/${c.id}`), 404, 'not_found', 'a draft stays with the sender');
    expectFields(await A.city_nb.post(`/circulars/${c.id}/send`, {}), ['version']);
    c = expectStatus(await A.city_nb.post(`/circulars/${c.id}/send`, { version: c.version }), 200).body;
    assert.equal(c.status, 'sent');
    expectError(await A.city_nb.post(`/circulars/${c.id}/send`, { version: c.version }), 409, 'conflict');
    expectError(await A.city_nb.put(`/circulars/${c.id}`, circ({ version: c.version })), 409, 'conflict');
    let r = expectStatus(await A.county_hs.get(`/circulars/${c.id}`), 200).body;
    assert.equal(r.can_confirm, true);
    assert.equal(r.can_edit, false);
    expectError(await A.county_xh.get(`/circulars/${c.id}`), 404, 'not_found');
    expectError(await A.county_xh.post(`/circulars/${c.id}/confirm`, {}), 404, 'not_found');
    expectError(await A.prov_zj.post(`/circulars/${c.id}/confirm`, {}), 404, 'not_found');
    expectError(await A.national.post(`/circulars/${c.id}/confirm`, {}), 403, 'forbidden');
    r = expectStatus(await A.county_hs.post(`/circulars/${c.id}/confirm`, {}), 200).body;
    assert.equal(r.can_confirm, false);
    expectError(await A.county_hs.post(`/circulars/${c.id}/confirm`, {}), 409, 'conflict');
    const seen = expectStatus(await A.city_nb.get(`/circulars/${c.id}`), 200).body;
    assert.equal(seen.confirmed, 1);
    const hs = seen.recipients.find((x) => x.region_code === '330203');
    assert.equal(hs.confirmed, true);
    assert.equal(hs.confirmed_by_name, '测试 in_county_hs');
    assert.equal(seen.recipients.find((x) => x.region_code === '330205').confirmed, false);
    const received = expectStatus(await A.county_jb.get('/circulars?box=received'), 200).body;
    assert.deepEqual(received.items.map((x) => x.id), [c.id]);
    const sent = expectStatus(await A.county_jb.get('/circulars?box=sent'), 200).body;
    assert.equal(sent.total, 0);
  });
  it('is generated from a campaign’s overdue regions and its ranking', async () => {
    campaign = expectStatus(await A.city_nb.post('/campaigns', {
      name: '2026年宁波市对标达标提升专项行动（通报测试）', year: 2026, start_date: addDays(today, -60), end_date: addDays(today, 300),
      industries: ['38'], batches: [], phases: [{ key: 'select', name: '确定对标产业和企业', due_date: addDays(today, -1) }],
      targets: [{ metric: 'enterprises', value: 10 }], regions: [{ region_code: '330203', quota: 3 }, { region_code: '330205', quota: 2 }],
    }), 201).body;
    expectStatus(await A.city_nb.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [E.hs.enterprise.id] }), 200);
    expectFields(await A.city_nb.post('/circulars/generate', { campaign_id: campaign.id, kind: 'gossip' }), ['kind']);
    expectFields(await A.city_nb.post('/circulars/generate', { campaign_id: campaign.id, kind: 'overdue' }), ['phase_key']);
    expectFields(await A.city_nb.post('/circulars/generate', { campaign_id: campaign.id, kind: 'overdue', phase_key: 'nope' }), ['phase_key']);
    expectError(await A.county_xh.post('/circulars/generate', { campaign_id: campaign.id, kind: 'ranking' }), 404, 'not_found');
    const stats = expectStatus(await A.city_nb.get(`/campaigns/${campaign.id}/stats`), 200).body;
    const phase = stats.phases.find((p) => p.key === 'select');
    const overdue = (phase.overdue_regions || []).map((x) => x.region_code || x.code || x[0]);
    const g = expectStatus(await A.city_nb.post('/circulars/generate', { campaign_id: campaign.id, kind: 'overdue', phase_key: 'select' }), 200).body;
    assert.match(g.title, /确定对标产业和企业/);
    assert.deepEqual([...g.recipients].sort(), [...overdue].sort(), 'recipients are the overdue regions of the statistics');
    const rank = expectStatus(await A.city_nb.post('/circulars/generate', { campaign_id: campaign.id, kind: 'ranking' }), 200).body;
    assert.deepEqual([...rank.recipients].sort(), stats.regions.map((x) => x.region_code).sort(), 'every child region the statistics rank');
    assert.ok(rank.recipients.includes('330203') && rank.recipients.includes('330205'));
    const first = stats.regions.reduce((a, b) => (a.rank && (!b.rank || a.rank <= b.rank) ? a : b));
    assert.match(rank.body, new RegExp(`^1\\. ${first.region_name}：`, 'm'), 'the first line is the first of the ranking');
    assert.match(rank.body, /海曙区：参与企业1家/);
    assert.match(rank.body, /江北区：参与企业0家/);
    // the office edits the proposal and saves it
    const saved = expectStatus(await A.city_nb.post('/circulars', { ...rank, body: rank.body + '\n（已审核）' }), 201).body;
    assert.equal(saved.source, 'ranking');
    assert.equal(saved.campaign_id, campaign.id);
  });
});

describe('questions and the FAQ (互动交流)', () => {
  let q;
  const ask = (o = {}) => ({ title: '洗衣机噪声指标如何对标 IEC 60704-2-4', body: '我司滚筒洗衣机噪声测试应采用哪种方法？联系人张三 13800000000', target: 'expert', ...o });
  it('refuses bad input; only enterprises ask', async () => {
    expectFields(await A.ent_hs.post('/questions', ask({ target: 'oracle' })), ['target']);
    expectFields(await A.ent_hs.post('/questions', ask({ title: '' })), ['title']);
    expectFields(await A.ent_hs.post('/questions', ask({ body: ' ' })), ['body']);
    expectError(await A.ent_hs.post('/questions', ask({ body: [] })), 400, 'bad_request');
    expectError(await A.county_hs.post('/questions', ask()), 403, 'forbidden');
    expectError(await A.anon.post('/questions', ask()), 401, 'unauthenticated');
  });
  it('goes to the enterprise’s county office, which assigns it; the expert answers', async () => {
    q = expectStatus(await A.ent_hs.post('/questions', ask()), 201).body;
    assert.equal(q.status, 'open');
    assert.equal(q.region_code, '330203');
    const office = expectStatus(await A.county_hs.get(`/questions/${q.id}`), 200).body;
    assert.equal(office.can_assign, true);
    expectStatus(await A.city_nb.get(`/questions/${q.id}`), 200, 'the city reads its subtree');
    expectError(await A.city_nb.post(`/questions/${q.id}/assign`, { assignee_id: A.expert.user.id, version: q.version }), 403, 'forbidden');
    expectError(await A.county_xh.get(`/questions/${q.id}`), 404, 'not_found');
    expectError(await A.ent_xh.get(`/questions/${q.id}`), 404, 'not_found');
    expectError(await A.expert.get(`/questions/${q.id}`), 404, 'not_found', 'not assigned yet');
    const bell = expectStatus(await A.county_hs.get('/notifications'), 200).body;
    assert.ok(bell.items.some((n) => n.kind === 'question_asked'), 'the county office is told');
    const people = expectStatus(await A.county_hs.get('/questions/assignees'), 200).body.items;
    assert.ok(people.some((p) => p.id === A.expert.user.id && p.role === 'expert'));
    assert.ok(!people.some((p) => p.role === 'enterprise'));
    expectError(await A.ent_hs.get('/questions/assignees'), 403, 'forbidden');
    expectFields(await A.county_hs.post(`/questions/${q.id}/assign`, { assignee_id: A.county_jb.user.id, version: q.version }), ['assignee_id']);
    expectFields(await A.county_hs.post(`/questions/${q.id}/assign`, { assignee_id: A.expert.user.id }), ['version']);
    q = expectStatus(await A.county_hs.post(`/questions/${q.id}/assign`, { assignee_id: A.technical.user.id, version: q.version }), 200).body;
    assert.equal(q.status, 'assigned');
    // reassignment
    q = expectStatus(await A.county_hs.post(`/questions/${q.id}/assign`, { assignee_id: A.expert.user.id, version: q.version }), 200).body;
    assert.equal(q.assignee_id, A.expert.user.id);
    expectError(await A.technical.get(`/questions/${q.id}`), 404, 'not_found', 'the former assignee no longer sees it');
    const mine = expectStatus(await A.expert.get('/questions'), 200).body;
    assert.deepEqual(mine.items.map((x) => x.id), [q.id]);
    expectFields(await A.expert.post(`/questions/${q.id}/answer`, { answer: '', version: q.version }), ['answer']);
    expectError(await A.expert.post(`/questions/${q.id}/answer`, { answer: '按 GB/T 4214.1', version: q.version - 1 }), 409, 'conflict');
    expectError(await A.ent_hs.post(`/questions/${q.id}/answer`, { answer: '自问自答', version: q.version }), 403, 'forbidden');
    q = expectStatus(await A.expert.post(`/questions/${q.id}/answer`, { answer: '噪声按 GB/T 4214.1 与 IEC 60704-2-4 的测试条件分别测量，\n再对比声功率级。', version: q.version }), 200).body;
    assert.equal(q.status, 'answered');
    expectError(await A.county_hs.post(`/questions/${q.id}/answer`, { answer: '再答', version: q.version }), 409, 'conflict');
  });
  it('the enterprise reads the answer with the time it took', async () => {
    const r = expectStatus(await A.ent_hs.get(`/questions/${q.id}`), 200).body;
    assert.match(r.answer, /声功率级/);
    assert.equal(r.answered_by_name, '测试 in_expert');
    assert.equal(typeof r.answer_seconds, 'number');
    assert.ok(r.answer_seconds >= 0 && r.answer_seconds < 600);
    assert.ok(r.answer_time_label.length > 0);
    const bell = expectStatus(await A.ent_hs.get('/notifications'), 200).body;
    assert.ok(bell.items.some((n) => n.kind === 'question_answered'));
  });
  it('the county office publishes it as FAQ; the public never sees the asker', async () => {
    expectError(await A.expert.post(`/questions/${q.id}/faq`, { version: q.version }), 403, 'forbidden');
    expectError(await A.city_nb.post(`/questions/${q.id}/faq`, { version: q.version }), 403, 'forbidden');
    expectFields(await A.county_hs.post(`/questions/${q.id}/faq`, { version: q.version, faq_question: ' ' }), ['question']);
    q = expectStatus(await A.county_hs.post(`/questions/${q.id}/faq`, { version: q.version, faq_question: '洗衣机噪声指标如何对标 IEC 60704-2-4？' }), 200).body;
    assert.equal(q.faq, true);
    const list = expectStatus(await A.anon.get('/public/faq'), 200).body;
    assert.equal(list.total, 1);
    const text = JSON.stringify(list);
    for (const secret of [E.hs.enterprise.name, '张三', '13800000000', '测试 in_expert', '海曙', E.hs.user.display_name || '企业联系人'])
      assert.ok(!text.includes(secret), `the public FAQ does not show ${secret}`);
    assert.match(list.items[0].answer, /声功率级/);
    const found = expectStatus(await A.anon.get(`/public/faq?q=${encodeURIComponent('声功率')}`), 200).body;
    assert.equal(found.total, 1, 'Chinese full-text search over the FAQ');
    const none = expectStatus(await A.anon.get(`/public/faq?q=${encodeURIComponent('冰箱能效')}`), 200).body;
    assert.equal(none.total, 0);
    expectFields(await A.anon.get('/public/faq?q=' + 'x'.repeat(101)), ['q']);
    // unpublishing removes it
    q = expectStatus(await A.county_hs.post(`/questions/${q.id}/faq`, { version: q.version, publish: false }), 200).body;
    expectError(await A.anon.get(`/public/faq/${q.id}`), 404, 'not_found');
    q = expectStatus(await A.county_hs.post(`/questions/${q.id}/faq`, { version: q.version, publish: true }), 200).body;
    expectStatus(await A.anon.get(`/public/faq/${q.id}`), 200);
  });
  it('an unanswered question cannot be an FAQ entry', async () => {
    const open = expectStatus(await A.ent_hs.post('/questions', ask({ title: '第二个问题', target: 'regulator' })), 201).body;
    expectError(await A.county_hs.post(`/questions/${open.id}/faq`, { version: open.version }), 409, 'conflict');
    expectError(await A.anon.get(`/public/faq/${open.id}`), 404, 'not_found');
  });
});

describe('directory and search (资讯查询)', () => {
  let lab, expert;
  const entry = (o = {}) => ({ kind: 'lab', name: '宁波市产品质量检验研究院', organization: '宁波市市场监督管理局', fields: ['38'], region_code: '330200', phone: '0574-87000000', email: 'lab@example.com', description: '家用电器安全与性能检测', qualification: 'CMA、CNAS', ...o });
  it('refuses bad input', async () => {
    expectFields(await A.city_nb.post('/directory', entry({ kind: 'guru' })), ['kind']);
    expectFields(await A.city_nb.post('/directory', entry({ name: '' })), ['name']);
    expectFields(await A.city_nb.post('/directory', entry({ fields: ['99X'] })), ['fields']);
    expectFields(await A.city_nb.post('/directory', entry({ region_code: '999999' })), ['region_code']);
    expectFields(await A.city_nb.post('/directory', entry({ region_code: '330106' })), ['region_code']);
    expectFields(await A.city_nb.post('/directory', entry({ email: 'not an email' })), ['email']);
    expectFields(await A.city_nb.post('/directory', entry({ kind: 'expert', organization: '' })), ['organization']);
    expectError(await A.city_nb.post('/directory', entry({ fields: '38' })), 400, 'bad_request');
    expectError(await A.ent_hs.post('/directory', entry()), 403, 'forbidden');
    expectError(await A.technical.post('/directory', entry()), 403, 'forbidden');
  });
  it('is maintained by offices and read by everyone, contacts for logged-in users only', async () => {
    lab = expectStatus(await A.city_nb.post('/directory', entry()), 201).body;
    assert.deepEqual(lab.fields.map((f) => f.code), ['38']);
    assert.ok(lab.fields[0].name.length > 0, 'the field is named from GB/T 4754');
    expert = expectStatus(await A.national.post('/directory', entry({ kind: 'expert', name: '李明', organization: '中国标准化研究院', fields: ['C'], region_code: '110000', description: '电器能效标准' })), 201).body;
    const anon = expectStatus(await A.anon.get(`/directory/${lab.id}`), 200).body;
    assert.ok(!('phone' in anon) && !('email' in anon), 'no contacts for anonymous visitors');
    const ent = expectStatus(await A.ent_hs.get(`/directory/${lab.id}`), 200).body;
    assert.equal(ent.phone, '0574-87000000');
    assert.equal(ent.can_edit, false);
    expectError(await A.county_xh.put(`/directory/${lab.id}`, entry({ version: lab.version })), 404, 'not_found');
    expectError(await A.county_hs.put(`/directory/${lab.id}`, entry({ version: lab.version })), 404, 'not_found', 'a city entry is above the county');
    lab = expectStatus(await A.prov_zj.put(`/directory/${lab.id}`, entry({ description: '家用电器安全、性能与能效检测', version: lab.version })), 200).body;
    expectError(await A.city_nb.put(`/directory/${lab.id}`, entry({ version: lab.version - 1 })), 409, 'conflict');
    let r = expectStatus(await A.anon.get('/directory?kind=lab'), 200).body;
    assert.deepEqual(r.items.map((x) => x.id), [lab.id]);
    r = expectStatus(await A.anon.get('/directory?field=C'), 200).body;
    assert.deepEqual(r.items.map((x) => x.id), [expert.id]);
    r = expectStatus(await A.anon.get('/directory?region_code=330000'), 200).body;
    assert.deepEqual(r.items.map((x) => x.id), [lab.id]);
    r = expectStatus(await A.anon.get(`/directory?q=${encodeURIComponent('能效检测')}`), 200).body;
    assert.deepEqual(r.items.map((x) => x.id), [lab.id], 'trigram search, three characters and more');
    r = expectStatus(await A.anon.get(`/directory?q=${encodeURIComponent('李明')}`), 200).body;
    assert.deepEqual(r.items.map((x) => x.id), [expert.id], 'two characters: a scan');
    expectFields(await A.anon.get('/directory?kind=guru'), ['kind']);
    expectFields(await A.anon.get('/directory?region_code=999999'), ['region_code']);
    expectFields(await A.anon.get('/directory?q=%00x'), ['q']);
    expectFields(await A.anon.get('/directory?q=%FF%FE'), ['q']);
  });
  it('imports a CSV, all rows or none', async () => {
    const csv = (rows) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
    const head = ['类别', '名称', '所在单位', '专业领域', '地区代码', '电话', '简介'];
    let r = await A.city_nb.request('POST', '/directory/import', { body: csv([head, ['专家', '王芳', '宁波大学', '38', '330203', '', '家电'], ['大师', '赵六', '某单位', '38', '330203', '', '']]), headers: { 'content-type': 'text/csv' } });
    expectStatus(r, 422);
    assert.deepEqual(r.body.errors.map((e) => [e.row, e.column]), [[3, 'kind']], show(r));
    assert.equal(r.body.imported, 0);
    assert.ok(!(await listAll(A.anon, '/directory')).some((x) => x.name === '王芳'), 'nothing imported');
    r = expectStatus(await A.city_nb.request('POST', '/directory/import?mode=good_only', { body: csv([head, ['专家', '王芳', '宁波大学', '38', '330203', '', '家电'], ['大师', '赵六', '某单位', '38', '330203', '', '']]), headers: { 'content-type': 'text/csv' } }), 200);
    assert.equal(r.body.imported, 1);
    const all = await listAll(A.anon, '/directory');
    assert.ok(all.some((x) => x.name === '王芳' && x.kind === 'expert' && x.region_code === '330203'));
    expectError(await A.ent_hs.request('POST', '/directory/import', { body: csv([head]), headers: { 'content-type': 'text/csv' } }), 403, 'forbidden');
  });
  it('one search box, grouped by kind, each only what the viewer may see', async () => {
    expectFields(await A.anon.get('/search?q='), ['q']);
    expectFields(await A.anon.get('/search?q=x&kinds=secrets'), ['kinds']);
    expectFields(await A.anon.get('/search?q=x&per_group=0'), ['per_group']);
    const group = (body, kind) => body.groups.find((g) => g.kind === kind);
    // "对标达标" is in the public notice (national) and the subtree notice (Ningbo)
    let r = expectStatus(await A.anon.get(`/search?q=${encodeURIComponent('对标达标')}`), 200).body;
    assert.deepEqual(r.groups.map((g) => g.kind), ['standard', 'plan', 'result', 'notice', 'faq', 'directory']);
    assert.deepEqual(group(r, 'notice').items.map((x) => x.title), ['对标达标提升专项行动公告'], 'anonymous: the public notice only');
    r = expectStatus(await A.ent_hs.get(`/search?q=${encodeURIComponent('对标达标')}`), 200).body;
    assert.equal(group(r, 'notice').total, 2, '海曙 enterprise: the public and the Ningbo notice');
    r = expectStatus(await A.ent_xh.get(`/search?q=${encodeURIComponent('对标达标')}`), 200).body;
    assert.equal(group(r, 'notice').total, 1, '西湖 enterprise: the public notice only');
    r = expectStatus(await A.anon.get(`/search?q=${encodeURIComponent('声功率')}`), 200).body;
    assert.equal(group(r, 'faq').total, 1);
    r = expectStatus(await A.anon.get(`/search?q=${encodeURIComponent('检验研究院')}&kinds=directory`), 200).body;
    assert.deepEqual(r.groups.map((g) => g.kind), ['directory']);
    assert.equal(r.groups[0].items[0].title, '宁波市产品质量检验研究院');
  });
});
