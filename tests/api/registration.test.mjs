// Enterprise self-registration, pilot credit codes and their confirmation (the main flow).
// Runs on SQLite, and once more on PostgreSQL when DUIBIAO_TEST_PG is set (shared database:
// every username and credit code carries a random suffix).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  PG, Api, startServer, expectStatus, expectError, expectFields, fieldKey, show, adminClient, createUser,
  registerEnterprise, enterpriseBody, userBody, makeCode, makeCodeWithCheckIn, breakCheck, checkChar,
  makePassword, suffix, findAudit, sameId, loginAs,
} from './fixtures.mjs';

const configs = [{ label: 'sqlite' }];
if (PG) configs.push({ label: 'postgresql', db: PG });

for (const cfg of configs) {
  describe(`registration [${cfg.label}]`, () => {
    let server;
    let admin;
    const S = suffix();
    let first; // the first registered enterprise

    before(async () => {
      server = await startServer(cfg.db ? { db: cfg.db } : {});
      admin = await adminClient(server, { db: cfg.db });
    });
    after(async () => {
      if (server) {
        await server.stop();
        server.cleanup();
      }
    });

    const countByCode = async (code) => {
      const r = expectStatus(await admin.get(`/enterprises?q=${encodeURIComponent(code)}`), 200);
      return r.body.items.filter((e) => e.credit_code === code).length;
    };
    const usernameExists = async (username) => {
      const r = expectStatus(await admin.get(`/users?q=${encodeURIComponent(username)}`), 200);
      return r.body.items.some((u) => u.username === username);
    };
    const attempt = async (ent, usr) => {
      const c = new Api(server.base, 'registrant');
      await c.prepare();
      return c.post('/enterprises/register', { enterprise: ent, user: usr });
    };

    it('health reports the database kind', async () => {
      const r = expectStatus(await admin.get('/health'), 200);
      assert.equal(r.body.database, cfg.label, show(r));
    });

    it('self-registration → 201, logged in, /enterprises/mine returns it with flags', async () => {
      const c = new Api(server.base, 'registrant');
      await c.prepare();
      const ent = enterpriseBody({ region: '330203', name: `宁波海曙测试${S}制造有限公司`, flags: ['above_size', 'little_giant', 'zhejiang_made'], industry: '34' });
      const usr = userBody({ username: `hs_${S}` });
      const r = expectStatus(await c.post('/enterprises/register', { enterprise: ent, user: usr }), 201);
      const e = r.body.enterprise;
      assert.ok(e.id !== undefined && e.id !== null, show(r));
      assert.equal(e.name, ent.name);
      assert.equal(e.credit_code, ent.credit_code);
      assert.equal(e.credit_code_status, 'valid');
      assert.equal(e.region_code, '330203');
      assert.equal(e.region_name, '海曙区');
      assert.equal(e.industry_code, '34');
      assert.equal(e.contact_name, ent.contact_name);
      assert.equal(e.contact_phone, ent.contact_phone);
      assert.equal(e.contact_email, ent.contact_email);
      assert.equal(e.address, ent.address);
      assert.deepEqual([...e.flags].sort(), ['above_size', 'little_giant', 'zhejiang_made']);
      assert.match(e.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'ISO 8601 UTC');
      assert.equal(r.body.user.username, usr.username);
      assert.equal(r.body.user.role, 'enterprise');
      assert.ok(sameId(r.body.user.enterprise_id, e.id), show(r));
      assert.equal(r.body.user.must_change_password, false);
      assert.ok(!JSON.stringify(r.body).includes(usr.password), 'password echoed');

      const me = expectStatus(await c.get('/auth/me'), 200, 'registration logs in');
      assert.equal(me.body.user.username, usr.username);
      const mine = expectStatus(await c.get('/enterprises/mine'), 200);
      assert.ok(sameId(mine.body.id, e.id), show(mine));
      assert.equal(mine.body.credit_code, ent.credit_code);
      assert.deepEqual([...mine.body.flags].sort(), ['above_size', 'little_giant', 'zhejiang_made']);
      // the session's csrf token works for a write
      const newPw = usr.password + 'X9';
      expectStatus(await c.post('/auth/password', { old_password: usr.password, new_password: newPw }), 204);
      first = { ...r.body, client: await loginAs(server.base, usr.username, newPw), ent, usr };
    });

    it('the new enterprise is found by name and by credit code', async () => {
      assert.ok(first, 'needs the first registration');
      let r = expectStatus(await admin.get(`/enterprises?q=${encodeURIComponent(first.ent.credit_code)}`), 200);
      assert.ok(r.body.items.some((e) => sameId(e.id, first.enterprise.id)), show(r));
      assert.equal(r.body.total, 1, show(r));
      r = expectStatus(await admin.get(`/enterprises?q=${encodeURIComponent(`海曙测试${S}`)}`), 200);
      assert.ok(r.body.items.some((e) => sameId(e.id, first.enterprise.id)), show(r));
      r = expectStatus(await admin.get(`/enterprises?region_code=330203&q=${S}`), 200);
      assert.ok(r.body.items.some((e) => sameId(e.id, first.enterprise.id)), show(r));
      r = expectStatus(await admin.get(`/enterprises?region_code=330205&q=${S}`), 200);
      assert.ok(!r.body.items.some((e) => sameId(e.id, first.enterprise.id)), show(r));
      r = expectStatus(await admin.get(`/enterprises?region_code=330200&q=${S}`), 200, 'a city filter includes its counties');
      assert.ok(r.body.items.some((e) => sameId(e.id, first.enterprise.id)), show(r));
    });

    it('lists page: page/page_size/total, disjoint pages, defaults 1/20, max 200', async () => {
      const tag = `分页${S}`;
      const ids = [];
      for (let n = 0; n < 5; n++) ids.push(String((await registerEnterprise(server.base, { name: `${tag}第${n}号有限公司` })).enterprise.id));
      const seen = [];
      for (const [page, len] of [[1, 2], [2, 2], [3, 1], [4, 0]]) {
        const r = expectStatus(await admin.get(`/enterprises?q=${encodeURIComponent(tag)}&page=${page}&page_size=2`), 200);
        assert.equal(r.body.total, 5, show(r));
        assert.equal(r.body.page, page);
        assert.equal(r.body.page_size, 2);
        assert.equal(r.body.items.length, len, show(r));
        seen.push(...r.body.items.map((e) => String(e.id)));
      }
      assert.deepEqual([...seen].sort(), [...ids].sort(), 'pages are disjoint and cover all rows');
      const d = expectStatus(await admin.get(`/enterprises?q=${encodeURIComponent(tag)}`), 200);
      assert.equal(d.body.page, 1);
      assert.equal(d.body.page_size, 20);
      const big = await admin.get('/enterprises?page_size=500');
      if (big.status === 200) assert.ok(big.body.page_size <= 200 && big.body.items.length <= 200, show(big));
      else expectFields(big, ['page_size']);
      expectFields(await admin.get('/enterprises?page=0'), ['page']);
      expectFields(await admin.get('/enterprises?page_size=abc'), ['page_size']);
    });

    it('a wrong check character → 422 whose credit_code field names the expected character', async () => {
      const good = makeCodeWithCheckIn('330203', 'KMQWXY');
      const bad = breakCheck(good);
      const r = await attempt(enterpriseBody({ code: bad }), userBody());
      const err = expectFields(r, ['credit_code']);
      const msg = err.fields[fieldKey(err.fields, 'credit_code')];
      assert.ok(msg.includes(good[17]), `field message should name expected "${good[17]}": ${msg}`);
      assert.equal(await countByCode(bad), 0);
    });

    it('other malformed credit codes → 422 credit_code', async () => {
      for (const code of ['91330203MA2AAAAA1', '91330203MA2AAAAA1XX', '91330203IA2AAAAA1X', '']) {
        expectFields(await attempt(enterpriseBody({ code }), userBody()), ['credit_code']);
      }
    });

    it('second registration of the same credit code → 409 with a clear message; the first unchanged', async () => {
      assert.ok(first, 'needs the first registration');
      const before = expectStatus(await admin.get(`/enterprises/${first.enterprise.id}`), 200).body;
      const usr = userBody({ username: `dup_${S}` });
      const r = await attempt(enterpriseBody({ code: first.ent.credit_code, name: `冒名${S}有限公司`, region: '330205' }), usr);
      const err = expectError(r, 409, 'conflict');
      assert.match(JSON.stringify(err), /credit|信用代码|已注册|already/i, `message should say the code is taken: ${show(r)}`);
      const after = expectStatus(await admin.get(`/enterprises/${first.enterprise.id}`), 200).body;
      assert.deepEqual(after, before, 'first enterprise unchanged');
      assert.equal(await countByCode(first.ent.credit_code), 1);
      assert.equal(await usernameExists(usr.username), false, 'no user created by the failed registration');
    });

    it('the same code in lower case is the same code (409 or 422, never a second enterprise)', async () => {
      const r = await attempt(enterpriseBody({ code: first.ent.credit_code.toLowerCase() }), userBody());
      assert.ok([409, 422].includes(r.status), show(r));
      assert.equal(await countByCode(first.ent.credit_code), 1);
    });

    it('the same credit code registered concurrently: exactly one 201, the rest 409 (never 500)', async () => {
      const code = makeCode('330203');
      const tries = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => attempt(enterpriseBody({ code, name: `并发${i}${S}有限公司` }), userBody({ username: `race${i}_${S}` }))));
      const statuses = tries.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409], tries.map(show).join('\n'));
      assert.equal(await countByCode(code), 1);
      for (const r of tries.filter((x) => x.status === 409)) expectError(r, 409, 'conflict');
    });

    it('the same username registered concurrently: exactly one 201, the rest 409', async () => {
      const username = `raceuser_${S}`;
      const bodies = [0, 1, 2, 3].map(() => enterpriseBody());
      const tries = await Promise.all(bodies.map((b) => attempt(b, userBody({ username }))));
      assert.deepEqual(tries.map((r) => r.status).sort(), [201, 409, 409, 409], tries.map(show).join('\n'));
      let created = 0;
      for (const b of bodies) created += await countByCode(b.credit_code);
      assert.equal(created, 1, 'only the winner leaves an enterprise');
    });

    it('duplicate username → 409; no enterprise created', async () => {
      const ent = enterpriseBody();
      const r = await attempt(ent, userBody({ username: first.usr.username }));
      const err = expectError(r, 409, 'conflict');
      assert.match(JSON.stringify(err), /user|用户名|账号|已存在|taken/i, show(r));
      assert.equal(await countByCode(ent.credit_code), 0, 'the enterprise must not be left without a user');
    });

    it('region must be county or zone: province / city → 422; zone ok', async () => {
      for (const region of ['330000', '330200', '460000']) {
        const ent = enterpriseBody({ region });
        expectFields(await attempt(ent, userBody()), ['region_code']);
        assert.equal(await countByCode(ent.credit_code), 0);
      }
      const zones = expectStatus(await admin.get('/regions?parent=330200'), 200).body.items.filter((x) => x.level === 'zone');
      assert.ok(zones.length > 0, 'Ningbo zones');
      const reg = await registerEnterprise(server.base, { region: zones[0].code });
      assert.equal(reg.enterprise.region_code, zones[0].code);
      assert.equal(reg.enterprise.region_name, zones[0].name);
      const hainan = await registerEnterprise(server.base, { region: '469001', code: makeCode('469001') });
      assert.equal(hainan.enterprise.region_name, '五指山市');
    });

    it('unknown region or industry → 422', async () => {
      expectFields(await attempt(enterpriseBody({ region: '339999' }), userBody()), ['region_code']);
      expectFields(await attempt(enterpriseBody({ industry: 'ZZ' }), userBody()), ['industry_code']);
      expectFields(await attempt(enterpriseBody({ industry: '99' }), userBody()), ['industry_code']);
    });

    it('field rules → 422 naming the field', async () => {
      const cases = [
        ['name', (e) => { e.name = 'A'; }],
        ['name', (e) => { e.name = '企'.repeat(101); }],
        ['contact_phone', (e) => { e.contact_phone = 'abc'; }],
        ['contact_phone', (e) => { e.contact_phone = '123'; }],
        ['contact_email', (e) => { e.contact_email = 'not-an-email'; }],
        ['flags', (e) => { e.flags = ['above_size', 'no_such_flag']; }],
        ['contact_name', (e) => { e.contact_name = ''; }],
        ['username', (e, u) => { u.username = 'ab'; }],
        ['username', (e, u) => { u.username = 'has space'; }],
        ['username', (e, u) => { u.username = 'a'.repeat(33); }],
        ['password', (e, u) => { u.password = 'short1a'; }],
        ['password', (e, u) => { u.password = 'onlyletterslonger'; }],
        ['password', (e, u) => { u.password = '123456789012'; }],
      ];
      for (const [field, mutate] of cases) {
        const e = enterpriseBody();
        const u = userBody();
        mutate(e, u);
        expectFields(await attempt(e, u), [field]);
        assert.equal(await countByCode(e.credit_code), 0, `nothing created (${field})`);
      }
    });

    it('limits count characters, not bytes: a 100-character Chinese name is accepted', async () => {
      const reg = await registerEnterprise(server.base, { name: '浙'.repeat(100) });
      assert.equal(reg.enterprise.name, '浙'.repeat(100));
      const reg2 = await registerEnterprise(server.base, { name: '甬江' });
      assert.equal(reg2.enterprise.name, '甬江');
    });

    describe('pilot-region codes', () => {
      let county;      // county regulator of 330203
      let otherCounty; // county regulator of 330205
      let pilot;

      before(async () => {
        county = (await createUser(admin, { username: `cty_hs_${S}`, role: 'county_regulator', region_code: '330203' })).client;
        otherCounty = (await createUser(admin, { username: `cty_jb_${S}`, role: 'county_regulator', region_code: '330205' })).client;
      });

      it('pilot_code:true with a failing check character → 201 pilot_unconfirmed', async () => {
        const code = breakCheck(makeCode('330203'));
        pilot = await registerEnterprise(server.base, { region: '330203', code, pilot: true, username: `pilot_${S}` });
        assert.equal(pilot.enterprise.credit_code, code);
        assert.equal(pilot.enterprise.credit_code_status, 'pilot_unconfirmed');
        const mine = expectStatus(await pilot.client.get('/enterprises/mine'), 200);
        assert.equal(mine.body.credit_code_status, 'pilot_unconfirmed');
      });

      it('pilot_code:true with a correct code → status valid', async () => {
        const reg = await registerEnterprise(server.base, { pilot: true });
        assert.equal(reg.enterprise.credit_code_status, 'valid');
      });

      it('pilot_code:true does not excuse wrong length or forbidden characters', async () => {
        expectFields(await attempt(enterpriseBody({ code: '91330203MA2AAAAA1', pilot: true }), userBody()), ['credit_code']);
        expectFields(await attempt(enterpriseBody({ code: '91330203OA2AAAAA1X', pilot: true }), userBody()), ['credit_code']);
      });

      it('a county regulator of another county gets 404 and nothing changes', async () => {
        expectError(await otherCounty.post(`/enterprises/${pilot.enterprise.id}/confirm-code`), 404, 'not_found');
        expectError(await otherCounty.get(`/enterprises/${pilot.enterprise.id}`), 404, 'not_found');
        const e = expectStatus(await admin.get(`/enterprises/${pilot.enterprise.id}`), 200);
        assert.equal(e.body.credit_code_status, 'pilot_unconfirmed');
      });

      it('the enterprise cannot confirm its own code (403)', async () => {
        expectError(await pilot.client.post(`/enterprises/${pilot.enterprise.id}/confirm-code`), 403, 'forbidden');
      });

      it('the county regulator of the region confirms it → pilot_confirmed; again → 409', async () => {
        const r = expectStatus(await county.post(`/enterprises/${pilot.enterprise.id}/confirm-code`), 200);
        const body = r.body.enterprise || r.body;
        assert.equal(body.credit_code_status, 'pilot_confirmed', show(r));
        const e = expectStatus(await county.get(`/enterprises/${pilot.enterprise.id}`), 200);
        assert.equal(e.body.credit_code_status, 'pilot_confirmed');
        const mine = expectStatus(await pilot.client.get('/enterprises/mine'), 200);
        assert.equal(mine.body.credit_code_status, 'pilot_confirmed');
        expectError(await county.post(`/enterprises/${pilot.enterprise.id}/confirm-code`), 409, 'conflict');
      });

      it('confirming a valid code → 409', async () => {
        expectError(await county.post(`/enterprises/${first.enterprise.id}/confirm-code`), 409, 'conflict');
      });

      it('the confirmation is audited with before/after', async () => {
        const row = await findAudit(admin, (a) => sameId(a.entity_id, pilot.enterprise.id) && /enterprise/i.test(a.entity) && sameId(a.actor_id, county.user.id));
        assert.ok(row, 'audit row for confirm-code');
        assert.equal(row.region_code, '330203');
        const d = expectStatus(await admin.get(`/audit/${row.id}`), 200);
        assert.match(JSON.stringify(d.body.before), /pilot_unconfirmed/, show(d));
        assert.match(JSON.stringify(d.body.after), /pilot_confirmed/, show(d));
      });
    });

    it('the audit log has a row for the registration', async () => {
      const id = first.enterprise.id;
      const row = await findAudit(admin, (a) => sameId(a.entity_id, id) && /enterprise/i.test(a.entity));
      assert.ok(row, 'no audit row for the registration');
      assert.equal(row.region_code, '330203');
      assert.match(row.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      assert.equal(typeof row.action, 'string');
      assert.ok(row.action.length > 0);
      // the enterprise sees its own row
      const own = await findAudit(first.client, (a) => a.id === row.id);
      assert.ok(own, 'the enterprise user should see the audit row of its registration');
      const d = expectStatus(await admin.get(`/audit/${row.id}`), 200);
      assert.ok(!JSON.stringify(d.body).includes(first.usr.password), 'password in audit');
    });
  });
}
