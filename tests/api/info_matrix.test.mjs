// Information services (issue 10 §2): every route as a matrix of role × own / other region.
//
// Regions: the Ningbo city office (330200) with the district 海曙 330203, whose enterprise ent_m
// asks; Hangzhou (330100, 西湖 330106 with ent_x) and Hainan (460000) are the other regions.
//
// Rules the tables encode (docs/api.md, 信息服务):
//   - no session → 401 on every route but the public ones (public notices, FAQ, directory reads,
//     the search, the template), which answer everybody alike;
//   - notices: a published notice is read by its audience (subtree: users whose region lies in
//     the office's; offices: the regulators there; public: everybody), by the national office and
//     administrators; a draft only by its office; writes by the owning office only (403 to a
//     reader, 404 to whoever cannot read it); readers per region to the owning office and admins;
//   - circulars: offices and administrators only (403 for enterprises, technical bodies, experts);
//     the sender and the national office/admin read; addressed offices read and confirm (once);
//     recipients must be the sender's child regions (422 otherwise);
//   - questions: enterprises ask; the enterprise, regulators of its subtree, the national office
//     and administrators read; assignees read what is assigned to them; the office of the
//     enterprise's region and the national office assign, answer and publish (403 to other
//     readers, 404 to the rest);
//   - directory: read by everybody (contacts to logged-in users only); written by regulators in
//     their subtree, the national office and administrators (a region outside → 422 on create,
//     404 on an entry outside);
//   - a refused request changes nothing (notices, readers, circulars, questions, FAQ and
//     directory compared before and after each refusal).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, todayCst, listAll,
} from './fixtures.mjs';

let server;
const A = {};
const E = {};
const ACTORS = ['anon', 'admin', 'national', 'technical', 'expert', 'county_hs', 'county_xh', 'city_nb', 'city_hz', 'prov_zj', 'prov_hn', 'ent_m', 'ent_x'];
const ERROR_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'validation_failed' };
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const today = todayCst();
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const F = {}; // fixtures: notices, circulars, questions, directory entries, the campaign

const noticeBody = (o = {}) => ({ title: '矩阵通知', body: '矩阵正文', audience: 'subtree', ...o });
async function publishedNotice(client, o) {
  let n = expectStatus(await client.post('/notices', noticeBody(o)), 201).body;
  n = expectStatus(await client.request('POST', `/notices/${n.id}/attachments?name=a.pdf`, { body: PDF }), 201).body;
  return expectStatus(await client.post(`/notices/${n.id}/actions`, { action: 'publish', version: n.version }), 200).body;
}
async function draftNotice() {
  const n = expectStatus(await A.city_nb.post('/notices', noticeBody({ title: '矩阵草稿' })), 201).body;
  return expectStatus(await A.city_nb.request('POST', `/notices/${n.id}/attachments?name=d.pdf`, { body: PDF }), 201).body;
}
async function draftCircular() {
  return expectStatus(await A.city_nb.post('/circulars', { title: '矩阵通报', body: '正文', recipients: ['330203'] }), 201).body;
}
async function sentCircular() {
  const c = await draftCircular();
  return expectStatus(await A.city_nb.post(`/circulars/${c.id}/send`, { version: c.version }), 200).body;
}
let qSeq = 0;
async function question() {
  return expectStatus(await A.ent_m.post('/questions', { title: `矩阵问题${++qSeq}`, body: '如何对标？', target: 'regulator' }), 201).body;
}
async function answered() {
  const q = await question();
  return expectStatus(await A.county_hs.post(`/questions/${q.id}/answer`, { answer: '这样对标。', version: q.version }), 200).body;
}
let dSeq = 0;
async function entry() {
  return expectStatus(await A.national.post('/directory', { kind: 'lab', name: `矩阵实验室${++dSeq}`, organization: '', fields: ['38'], region_code: '330200', phone: '0574-1' }), 201).body;
}

async function snap() {
  const get = async (c, url) => {
    const r = await c.get(url);
    return r.status === 200 ? r.body : { status: r.status };
  };
  const strip = (l) => (l.items || []).map((x) => JSON.stringify(x));
  return {
    mine: strip(await get(A.city_nb, '/notices?mine=1&page_size=200')),
    national: strip(await get(A.national, '/notices?mine=1&page_size=200')),
    readers: JSON.stringify(await get(A.city_nb, `/notices/${F.sub.id}/readers`)),
    unread: JSON.stringify([await get(A.county_hs, '/notices/unread'), await get(A.ent_m, '/notices/unread')]),
    circulars: strip(await get(A.city_nb, '/circulars?page_size=200')),
    questions: strip(await get(A.admin, '/questions?page_size=200')),
    faq: strip(await get(A.anon, '/public/faq?page_size=200')),
    directory: strip(await get(A.admin, '/directory?page_size=200')),
  };
}
function diff(a, b) {
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${JSON.stringify(a[k]).slice(0, 200)} → ${JSON.stringify(b[k]).slice(0, 200)}`).join('; ');
}

async function table(route, expect, send, { fresh, ok } = {}) {
  assert.equal(expect.length, ACTORS.length, `${route}: one cell per actor`);
  const problems = [];
  for (let i = 0; i < ACTORS.length; i++) {
    const actor = ACTORS[i];
    const want = expect[i];
    if (want === null) continue;
    const allowed = want < 300;
    const ctx = fresh ? await fresh(actor, allowed) : {};
    const before = allowed ? null : await snap();
    const r = await send(A[actor], actor, ctx);
    const where = `${route} as ${actor}`;
    if (r.status !== want) problems.push(`${where}: expected ${want}, got ${r.status} ${String(r.text).slice(0, 200)}`);
    else if (!allowed && r.body?.error?.code !== ERROR_CODE[want]) problems.push(`${where}: error code ${r.body?.error?.code}, expected ${ERROR_CODE[want]}`);
    else if (allowed && ok) problems.push(...((await ok(r, actor, ctx)) || []).map((p) => `${where}: ${p}`));
    if (!allowed) {
      const d = diff(before, await snap());
      if (d) problems.push(`${where}: refused with ${r.status} but changed ${d}`);
    }
  }
  assert.deepEqual(problems, [], `${route}: ${problems.length} cells differ from the table`);
}

before(async () => {
  server = await startServer();
  A.admin = await adminClient(server);
  A.anon = await new Api(server.base, 'anon').prepare();
  const defs = [
    ['national', 'national_office'], ['technical', 'technical_body'], ['expert', 'expert'],
    ['county_hs', 'county_regulator', '330203'], ['county_xh', 'county_regulator', '330106'],
    ['city_nb', 'city_regulator', '330200'], ['city_hz', 'city_regulator', '330100'],
    ['prov_zj', 'province_regulator', '330000'], ['prov_hn', 'province_regulator', '460000'],
  ];
  await Promise.all(defs.map(async ([name, role, region_code]) => {
    A[name] = (await createUser(A.admin, { username: `im_${name}`, role, region_code, name })).client;
  }));
  E.m = await registerEnterprise(server.base, { region: '330203', actor: 'ent_m', name: '宁波矩阵资讯海曙有限公司', industry: '38' });
  E.x = await registerEnterprise(server.base, { region: '330106', actor: 'ent_x', name: '杭州矩阵资讯西湖有限公司', industry: '38' });
  A.ent_m = E.m.client;
  A.ent_x = E.x.client;
  F.sub = await publishedNotice(A.city_nb, { title: '宁波辖区矩阵通知甲' });
  F.off = await publishedNotice(A.city_nb, { title: '宁波监管部门矩阵通知乙', audience: 'offices' });
  F.pub = await publishedNotice(A.national, { title: '全国公开矩阵通知丙', audience: 'public' });
  F.draft = await draftNotice();
  F.circ = await sentCircular();
  F.circDraft = await draftCircular();
  F.q = await question();
  F.faq = await answered();
  F.faq = expectStatus(await A.county_hs.post(`/questions/${F.faq.id}/faq`, { version: F.faq.version }), 200).body;
  F.entry = await entry();
  F.campaign = expectStatus(await A.city_nb.post('/campaigns', {
    name: '2026年宁波矩阵行动', year: 2026, start_date: addDays(today, -30), end_date: addDays(today, 300), industries: ['38'], batches: [],
    phases: [{ key: 'select', name: '确定对标产业和企业', due_date: addDays(today, -1) }], targets: [{ metric: 'enterprises', value: 5 }],
    regions: [{ region_code: '330203', quota: 3 }],
  }), 201).body;
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

// Who reads which notice.
const READS = {
  sub: ['admin', 'national', 'county_hs', 'city_nb', 'ent_m'],
  off: ['admin', 'national', 'county_hs', 'city_nb'],
};
const readRow = (key) => ACTORS.map((a) => (a === 'anon' ? 401 : READS[key].includes(a) ? 200 : 404));
const titlesOf = (r) => (r.body.items || []).map((x) => x.title);

describe('notices: role × region', () => {
  it('GET /notices lists what each may read', () => table('GET /notices',
    [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    (c) => c.get('/notices?page_size=200'),
    { ok: (r, actor) => {
      const t = titlesOf(r);
      const p = [];
      if (t.includes(F.sub.title) !== READS.sub.includes(actor)) p.push(`sub notice listed: ${t.includes(F.sub.title)}`);
      if (t.includes(F.off.title) !== READS.off.includes(actor)) p.push(`offices notice listed: ${t.includes(F.off.title)}`);
      if (!t.includes(F.pub.title)) p.push('public notice missing');
      if (t.includes('矩阵草稿') !== (actor === 'city_nb')) p.push('draft listed for the wrong actor');
      return p;
    } }));
  it('GET /notices/unread', () => table('GET /notices/unread',
    [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], (c) => c.get('/notices/unread')));
  it('GET /notices/{id} subtree notice', () => table('GET /notices/{id} (subtree)', readRow('sub'), (c) => c.get(`/notices/${F.sub.id}`)));
  it('GET /notices/{id} offices notice', () => table('GET /notices/{id} (offices)', readRow('off'), (c) => c.get(`/notices/${F.off.id}`)));
  it('GET /notices/{id} public notice', () => table('GET /notices/{id} (public)',
    [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], (c) => c.get(`/notices/${F.pub.id}`)));
  it('GET /notices/{id} draft', () => table('GET /notices/{id} (draft)',
    [401, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404], (c) => c.get(`/notices/${F.draft.id}`)));
  it('POST /notices', () => table('POST /notices',
    [401, 403, 201, 403, 403, 201, 201, 201, 201, 201, 201, 403, 403], (c) => c.post('/notices', noticeBody({ title: '矩阵新建' }))));
  it('PUT /notices/{id} draft', () => table('PUT /notices/{id} (draft)',
    [401, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404],
    (c, a, ctx) => c.put(`/notices/${ctx.n.id}`, noticeBody({ title: '矩阵草稿', version: ctx.n.version })),
    { fresh: async () => ({ n: await draftNotice() }) }));
  it('PUT /notices/{id} published: readers 403, the owner 409', () => table('PUT /notices/{id} (published)',
    [401, 403, 403, 404, 404, 403, 404, 409, 404, 404, 404, 403, 404],
    (c) => c.put(`/notices/${F.sub.id}`, noticeBody({ version: F.sub.version }))));
  it('POST /notices/{id}/actions', () => table('POST /notices/{id}/actions',
    [401, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404],
    (c, a, ctx) => c.post(`/notices/${ctx.n.id}/actions`, { action: 'publish', version: ctx.n.version }),
    { fresh: async () => ({ n: await draftNotice() }) }));
  it('POST /notices/{id}/actions withdraw a published one', () => table('POST /notices/{id}/actions (withdraw)',
    [401, 403, 403, 404, 404, 403, 404, 200, 404, 404, 404, 403, 404],
    (c, a, ctx) => c.post(`/notices/${ctx.n.id}/actions`, { action: 'withdraw', version: ctx.n.version }),
    { fresh: async (a, allowed) => ({ n: allowed ? await publishedNotice(A.city_nb, { title: '矩阵撤回' }) : F.sub }) }));
  it('DELETE /notices/{id}', () => table('DELETE /notices/{id}',
    [401, 404, 404, 404, 404, 404, 404, 204, 404, 404, 404, 404, 404],
    (c, a, ctx) => c.del(`/notices/${ctx.n.id}?version=${ctx.n.version}`),
    { fresh: async () => ({ n: await draftNotice() }) }));
  it('POST /notices/{id}/attachments', () => table('POST /notices/{id}/attachments',
    [401, 404, 404, 404, 404, 404, 404, 201, 404, 404, 404, 404, 404],
    (c, a, ctx) => c.request('POST', `/notices/${ctx.n.id}/attachments?name=m.pdf`, { body: PDF }),
    { fresh: async () => ({ n: await draftNotice() }) }));
  it('DELETE /notices/{id}/attachments/{aid}', () => table('DELETE /notices/{id}/attachments/{aid}',
    [401, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404],
    (c, a, ctx) => c.del(`/notices/${ctx.n.id}/attachments/${ctx.n.attachments[0].id}`),
    { fresh: async () => ({ n: await draftNotice() }) }));
  it('GET /notices/{id}/attachments/{aid}', () => table('GET /notices/{id}/attachments/{aid}', readRow('sub'),
    (c) => c.get(`/notices/${F.sub.id}/attachments/${F.sub.attachments[0].id}`),
    { ok: (r) => (r.text === PDF.toString() ? [] : ['not the file']) }));
  it('POST /notices/{id}/read', () => table('POST /notices/{id}/read', readRow('sub'), (c) => c.post(`/notices/${F.sub.id}/read`, {})));
  it('GET /notices/{id}/readers', () => table('GET /notices/{id}/readers',
    [401, 200, 403, 404, 404, 403, 404, 200, 404, 404, 404, 403, 404], (c) => c.get(`/notices/${F.sub.id}/readers`)));
  it('GET /public/notices never lists scoped notices', () => table('GET /public/notices',
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], (c) => c.get('/public/notices?page_size=200'),
    { ok: (r) => {
      const t = titlesOf(r);
      return [F.sub.title, F.off.title, '矩阵草稿', '矩阵撤回'].filter((x) => t.includes(x)).map((x) => `lists ${x}`)
        .concat(t.includes(F.pub.title) ? [] : ['public notice missing']);
    } }));
  it('GET /public/notices/{id}: scoped ones are 404 for everybody', async () => {
    for (const n of [F.sub, F.off, F.draft])
      await table(`GET /public/notices/${n.title}`, ACTORS.map(() => 404), (c) => c.get(`/public/notices/${n.id}`));
    await table('GET /public/notices/{public}', ACTORS.map(() => 200), (c) => c.get(`/public/notices/${F.pub.id}`));
  });
  it('GET /public/notices/{id}/attachments/{aid}', async () => {
    await table('public attachment of a subtree notice', ACTORS.map(() => 404), (c) => c.get(`/public/notices/${F.sub.id}/attachments/${F.sub.attachments[0].id}`));
    await table('public attachment of a draft', ACTORS.map(() => 404), (c) => c.get(`/public/notices/${F.draft.id}/attachments/${F.draft.attachments[0].id}`));
    await table('public attachment of a public notice', ACTORS.map(() => 200), (c) => c.get(`/public/notices/${F.pub.id}/attachments/${F.pub.attachments[0].id}`));
  });
});

describe('circulars: role × region', () => {
  it('GET /circulars', () => table('GET /circulars',
    [401, 200, 200, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403], (c) => c.get('/circulars'),
    { ok: (r, actor) => {
      const has = r.body.items.some((x) => x.id === F.circ.id);
      return has === ['admin', 'national', 'county_hs', 'city_nb'].includes(actor) ? [] : [`sent circular listed: ${has}`];
    } }));
  it('POST /circulars to 海曙', () => table('POST /circulars',
    [401, 403, 422, 403, 403, 422, 422, 201, 422, 422, 422, 403, 403],
    (c) => c.post('/circulars', { title: '矩阵新通报', body: '正文', recipients: ['330203'] })));
  it('POST /circulars/generate from the Ningbo campaign', () => table('POST /circulars/generate',
    [401, 403, 200, 403, 403, 200, 404, 200, 404, 200, 404, 403, 403],
    (c) => c.post('/circulars/generate', { campaign_id: F.campaign.id, kind: 'ranking' })));
  it('GET /circulars/{id} sent', () => table('GET /circulars/{id} (sent)',
    [401, 200, 200, 403, 403, 200, 404, 200, 404, 404, 404, 403, 403], (c) => c.get(`/circulars/${F.circ.id}`)));
  it('GET /circulars/{id} draft', () => table('GET /circulars/{id} (draft)',
    [401, 404, 404, 403, 403, 404, 404, 200, 404, 404, 404, 403, 403], (c) => c.get(`/circulars/${F.circDraft.id}`)));
  it('PUT /circulars/{id}', () => table('PUT /circulars/{id}',
    [401, 404, 404, 403, 403, 404, 404, 200, 404, 404, 404, 403, 403],
    (c, a, ctx) => c.put(`/circulars/${ctx.c.id}`, { title: '矩阵通报', body: '改', recipients: ['330203'], version: ctx.c.version }),
    { fresh: async () => ({ c: await draftCircular() }) }));
  it('DELETE /circulars/{id}', () => table('DELETE /circulars/{id}',
    [401, 404, 404, 403, 403, 404, 404, 204, 404, 404, 404, 403, 403],
    (c, a, ctx) => c.del(`/circulars/${ctx.c.id}?version=${ctx.c.version}`),
    { fresh: async () => ({ c: await draftCircular() }) }));
  it('POST /circulars/{id}/send', () => table('POST /circulars/{id}/send',
    [401, 404, 404, 403, 403, 404, 404, 200, 404, 404, 404, 403, 403],
    (c, a, ctx) => c.post(`/circulars/${ctx.c.id}/send`, { version: ctx.c.version }),
    { fresh: async () => ({ c: await draftCircular() }) }));
  it('POST /circulars/{id}/confirm', () => table('POST /circulars/{id}/confirm',
    [401, 403, 403, 403, 403, 200, 404, 403, 404, 404, 404, 403, 403],
    (c, a, ctx) => c.post(`/circulars/${ctx.c.id}/confirm`, {}),
    { fresh: async (a, allowed) => ({ c: allowed ? await sentCircular() : F.circ }) }));
});

// Who reads ent_m's question.
const QREADS = ['admin', 'national', 'county_hs', 'city_nb', 'prov_zj', 'ent_m'];
const qRow = (allowedActors, ok = 200) => ACTORS.map((a) => (a === 'anon' ? 401 : allowedActors.includes(a) ? ok : QREADS.includes(a) ? 403 : 404));

describe('questions: role × region', () => {
  it('GET /questions', () => table('GET /questions',
    [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], (c) => c.get('/questions?page_size=200'),
    { ok: (r, actor) => {
      const has = r.body.items.some((x) => x.id === F.q.id);
      return has === QREADS.includes(actor) ? [] : [`question listed: ${has}`];
    } }));
  it('POST /questions', () => table('POST /questions',
    [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 201],
    (c) => c.post('/questions', { title: '矩阵提问', body: '内容', target: 'expert' })));
  it('GET /questions/assignees', () => table('GET /questions/assignees',
    [401, 403, 200, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403], (c) => c.get('/questions/assignees')));
  it('GET /questions/{id}', () => table('GET /questions/{id}', qRow(QREADS), (c) => c.get(`/questions/${F.q.id}`)));
  it('POST /questions/{id}/assign', () => table('POST /questions/{id}/assign', qRow(['national', 'county_hs']),
    (c, a, ctx) => c.post(`/questions/${ctx.q.id}/assign`, { assignee_id: A.expert.user.id, version: ctx.q.version }),
    { fresh: async (a, allowed) => ({ q: allowed ? await question() : F.q }) }));
  it('POST /questions/{id}/answer', () => table('POST /questions/{id}/answer', qRow(['national', 'county_hs']),
    (c, a, ctx) => c.post(`/questions/${ctx.q.id}/answer`, { answer: '答复', version: ctx.q.version }),
    { fresh: async (a, allowed) => ({ q: allowed ? await question() : F.q }) }));
  it('POST /questions/{id}/faq', () => table('POST /questions/{id}/faq', qRow(['national', 'county_hs']),
    (c, a, ctx) => c.post(`/questions/${ctx.q.id}/faq`, { version: ctx.q.version }),
    { fresh: async () => ({ q: await answered() }) }));
  it('an assigned expert reads and answers; the technical body does not', async () => {
    const q = await question();
    const as = expectStatus(await A.county_hs.post(`/questions/${q.id}/assign`, { assignee_id: A.expert.user.id, version: q.version }), 200).body;
    assert.equal((await A.technical.get(`/questions/${q.id}`)).status, 404);
    expectStatus(await A.expert.get(`/questions/${q.id}`), 200);
    assert.equal((await A.expert.post(`/questions/${q.id}/faq`, { version: as.version })).status, 403);
    expectStatus(await A.expert.post(`/questions/${q.id}/answer`, { answer: '专家答复', version: as.version }), 200);
  });
  it('GET /public/faq and /public/faq/{id}', async () => {
    await table('GET /public/faq', ACTORS.map(() => 200), (c) => c.get('/public/faq?page_size=200'),
      { ok: (r) => {
        const p = [];
        if (!r.body.items.some((x) => x.id === F.faq.id)) p.push('published FAQ missing');
        if (r.body.items.some((x) => x.id === F.q.id)) p.push('unpublished question listed');
        if (JSON.stringify(r.body).includes(E.m.enterprise.name)) p.push('the asker is shown');
        return p;
      } });
    await table('GET /public/faq/{faq}', ACTORS.map(() => 200), (c) => c.get(`/public/faq/${F.faq.id}`));
    await table('GET /public/faq/{not faq}', ACTORS.map(() => 404), (c) => c.get(`/public/faq/${F.q.id}`));
  });
});

describe('directory and search: role × region', () => {
  it('GET /directory and /directory/{id}: contacts for logged-in users only', async () => {
    const contact = (r, actor) => (('phone' in (r.body.items ? r.body.items.find((x) => x.id === F.entry.id) : r.body)) === (actor !== 'anon') ? [] : ['contacts shown wrongly']);
    await table('GET /directory', ACTORS.map(() => 200), (c) => c.get('/directory?page_size=200'), { ok: contact });
    await table('GET /directory/{id}', ACTORS.map(() => 200), (c) => c.get(`/directory/${F.entry.id}`), { ok: contact });
    await table('GET /directory/template.xlsx', ACTORS.map(() => 200), (c) => c.get('/directory/template.xlsx'));
  });
  it('POST /directory in 宁波', () => table('POST /directory',
    [401, 201, 201, 403, 403, 422, 422, 201, 422, 201, 422, 403, 403],
    (c) => c.post('/directory', { kind: 'standard_body', name: '矩阵标准化院', fields: ['38'], region_code: '330200' })));
  it('PUT /directory/{id}', () => table('PUT /directory/{id}',
    [401, 200, 200, 403, 403, 404, 404, 200, 404, 200, 404, 403, 403],
    (c, a, ctx) => c.put(`/directory/${ctx.e.id}`, { kind: 'lab', name: ctx.e.name, fields: ['38'], region_code: '330200', version: ctx.e.version }),
    { fresh: async (a, allowed) => ({ e: allowed ? await entry() : F.entry }) }));
  it('DELETE /directory/{id}', () => table('DELETE /directory/{id}',
    [401, 204, 204, 403, 403, 404, 404, 204, 404, 204, 404, 403, 403],
    (c, a, ctx) => c.del(`/directory/${ctx.e.id}?version=${ctx.e.version}`),
    { fresh: async (a, allowed) => ({ e: allowed ? await entry() : F.entry }) }));
  it('POST /directory/import in 海曙', () => table('POST /directory/import',
    [401, 200, 200, 403, 403, 200, 422, 200, 422, 200, 422, 403, 403],
    (c) => c.request('POST', '/directory/import', { body: '类别,名称,所在单位,地区代码\r\n专家,矩阵导入专家,宁波大学,330203\r\n', headers: { 'content-type': 'text/csv' } })));
  it('GET /search shows each kind only as its own list would', () => table('GET /search',
    ACTORS.map(() => 200), (c) => c.get(`/search?q=${encodeURIComponent('矩阵通知')}&kinds=notice`),
    { ok: (r, actor) => {
      const t = r.body.groups[0].items.map((x) => x.title);
      const p = [];
      if (t.includes(F.sub.title) !== READS.sub.includes(actor)) p.push(`subtree notice found: ${t.includes(F.sub.title)}`);
      if (t.includes(F.off.title) !== READS.off.includes(actor)) p.push(`offices notice found: ${t.includes(F.off.title)}`);
      if (!t.includes(F.pub.title)) p.push('public notice not found');
      if (t.some((x) => x.includes('草稿'))) p.push('a draft is found');
      return p;
    } }));
});
