// Enterprise products: each enterprise keeps its own, selects 1–3 for the campaign; regulators
// read those in their region; everyone else is refused. Every route × role × own/other region.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, createUser, registerEnterprise, Api, expectStatus } from './fixtures.mjs';

let server;
const actors = {};
let hs;  // 海曙 enterprise
let jb;  // 江北 enterprise
let hsProduct;
let jbProduct;

const body = (name, extra = {}) => ({
  name, model: 'XQB80', category: '洗衣机', industry_code: '38',
  standards: ['GB 4706.24—2008', 'GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020', ...extra,
});

before(async () => {
  server = await startServer();
  const admin = await adminClient(server);
  actors.admin = admin;
  hs = await registerEnterprise(server.base, { region: '330203', actor: 'ent_hs' });
  jb = await registerEnterprise(server.base, { region: '330205', actor: 'ent_jb' });
  actors.ent_hs = hs.client;
  actors.ent_jb = jb.client;
  for (const [name, role, region_code] of [
    ['county_hs', 'county_regulator', '330203'], ['county_jb', 'county_regulator', '330205'],
    ['city_nb', 'city_regulator', '330200'], ['city_hz', 'city_regulator', '330100'],
    ['prov_zj', 'province_regulator', '330000'], ['prov_hn', 'province_regulator', '460000'],
    ['national', 'national_office'], ['technical', 'technical_body'], ['expert', 'expert'],
  ]) {
    actors[name] = (await createUser(admin, { username: `p_${name}`, role, region_code, name })).client;
  }
  actors.anon = await new Api(server.base, 'anon').prepare();
  hsProduct = expectStatus(await hs.client.post('/products', body('海曙洗衣机')), 201).body;
  jbProduct = expectStatus(await jb.client.post('/products', body('江北洗衣机')), 201).body;
});
after(async () => {
  await server.stop();
  server.cleanup();
});

describe('products', () => {
  it('are created with normalized standard numbers and belong to the caller’s enterprise', () => {
    assert.deepEqual(hsProduct.standards, ['GB 4706.24-2008', 'GB/T 4288-2018']);
    assert.equal(hsProduct.enterprise_standard, 'Q/NBHS 001-2020');
    assert.equal(hsProduct.enterprise_id, hs.enterprise.id);
    assert.equal(hsProduct.selected, false);
  });

  it('GET /products/{海曙 product}: own enterprise and regulators above it only', async () => {
    const expected = {
      anon: 401, admin: 200, national: 200, county_hs: 200, county_jb: 404, city_nb: 200, city_hz: 404,
      prov_zj: 200, prov_hn: 404, technical: 404, expert: 404, ent_hs: 200, ent_jb: 404,
    };
    for (const [actor, status] of Object.entries(expected)) {
      const r = await actors[actor].get(`/products/${hsProduct.id}`);
      assert.equal(r.status, status, `GET /products/{海曙} as ${actor}: ${r.text}`);
    }
  });

  it('GET /products lists only rows in scope', async () => {
    const expected = {
      admin: [hsProduct.id, jbProduct.id], national: [hsProduct.id, jbProduct.id],
      county_hs: [hsProduct.id], county_jb: [jbProduct.id], city_nb: [hsProduct.id, jbProduct.id],
      city_hz: [], prov_zj: [hsProduct.id, jbProduct.id], prov_hn: [], ent_hs: [hsProduct.id], ent_jb: [jbProduct.id],
    };
    for (const [actor, ids] of Object.entries(expected)) {
      const r = await actors[actor].get('/products');
      assert.equal(r.status, 200, `${actor}: ${r.text}`);
      assert.deepEqual(r.body.items.map((p) => p.id).sort(), [...ids].sort(), `GET /products as ${actor}`);
      assert.equal(r.body.total, ids.length);
    }
    for (const [actor, status] of [['anon', 401], ['technical', 403], ['expert', 403]]) {
      assert.equal((await actors[actor].get('/products')).status, status, actor);
    }
    const filtered = await actors.city_nb.get(`/products?enterprise_id=${jb.enterprise.id}`);
    assert.deepEqual(filtered.body.items.map((p) => p.id), [jbProduct.id]);
  });

  it('writes: only the owning enterprise; others get 403 (role) or 404 (another enterprise’s row)', async () => {
    const write = {
      anon: 401, admin: 403, national: 403, county_hs: 403, city_nb: 403, prov_zj: 403, technical: 403, expert: 403, ent_jb: 404,
    };
    for (const [actor, status] of Object.entries(write)) {
      const c = actors[actor];
      assert.equal((await c.put(`/products/${hsProduct.id}`, body('改名'))).status, status, `PUT as ${actor}`);
      assert.equal((await c.post(`/products/${hsProduct.id}/selection`, { selected: true })).status, status, `select as ${actor}`);
      assert.equal((await c.del(`/products/${hsProduct.id}`)).status, status, `DELETE as ${actor}`);
    }
    for (const actor of ['admin', 'national', 'county_hs', 'technical']) {
      assert.equal((await actors[actor].post('/products', body('x'))).status, 403, `POST as ${actor}`);
    }
    const still = await actors.ent_hs.get(`/products/${hsProduct.id}`);
    assert.equal(still.body.name, '海曙洗衣机', 'nothing changed');
    assert.equal(still.body.selected, false);
  });

  it('validation: names, standard numbers, the enterprise standard, types', async () => {
    let r = await hs.client.post('/products', { name: '', standards: ['hello'], enterprise_standard: 'GB/T 1-2000' });
    assert.equal(r.status, 422);
    for (const key of ['name', 'standards[0]', 'enterprise_standard']) assert.ok(r.body.error.fields[key], key);
    r = await hs.client.post('/products', { name: '无标准产品' });
    assert.equal(r.status, 422);
    assert.ok(r.body.error.fields.standards);
    r = await hs.client.post('/products', { name: 5, standards: 'GB 1-2000' });
    assert.equal(r.status, 400);
    r = await hs.client.post('/products', { name: '仅企业标准', enterprise_standard: 'Q/NBHS 002-2021', standards: ['GB/T 4288-2018', 'gb/t 4288—2018'] });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.standards, ['GB/T 4288-2018'], 'the same standard typed twice counts once');
    await hs.client.del(`/products/${r.body.id}`);
    r = await hs.client.put(`/products/${hsProduct.id}`, body('海曙滚筒洗衣机', { model: 'XQG100' }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.model, 'XQG100');
  });

  it('at most three products are selected for the campaign', async () => {
    const ids = [hsProduct.id];
    for (const name of ['冰箱', '空调', '热水器']) ids.push(expectStatus(await hs.client.post('/products', body(name)), 201).body.id);
    for (const id of ids.slice(0, 3)) {
      const r = await hs.client.post(`/products/${id}/selection`, { selected: true });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.selected, true);
    }
    let r = await hs.client.post(`/products/${ids[3]}/selection`, { selected: true });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /最多选择 3 个产品/);
    r = await hs.client.post(`/products/${ids[0]}/selection`, { selected: false });
    assert.equal(r.body.selected, false);
    r = await hs.client.post(`/products/${ids[3]}/selection`, { selected: true });
    assert.equal(r.status, 200);
    r = await hs.client.get('/products?selected=1');
    assert.equal(r.body.total, 3);
    r = await hs.client.post(`/products/${ids[3]}/selection`, {});
    assert.equal(r.status, 422);
    r = await hs.client.del(`/products/${ids[1]}`);
    assert.equal(r.status, 204);
    assert.equal((await hs.client.get(`/products/${ids[1]}`)).status, 404);
    const audit = await actors.county_hs.get('/audit?entity=product');
    assert.ok(audit.body.total >= 6, 'product writes are audited and visible to the county');
  });
});
