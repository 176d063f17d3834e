// Public /tools/ routes used by the editors' live checks: no login, no side effects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let server;
let anon;
before(async () => {
  server = await startServer();
  anon = new Client(server.base);
});
after(async () => {
  await server.stop();
  server.cleanup();
});

const q = (text) => `/api/v1/tools/standard-number?text=${encodeURIComponent(text)}`;

test('parses and normalizes standard numbers of every kind', async () => {
  const cases = [
    ['GB/T 19001—2016/ISO 9001:2015', 'national', 'GB/T', '19001', 2016, 'GB/T 19001-2016/ISO 9001:2015'],
    ['ＧＢ／Ｔ　１２３４－２０１９', 'national', 'GB/T', '1234', 2019, 'GB/T 1234-2019'],
    ['ISO 9001:2015', 'international', 'ISO', '9001', 2015, 'ISO 9001:2015'],
    ['DB33/T 1234-2020', 'local', 'DB33/T', '1234', 2020, 'DB33/T 1234-2020'],
    ['T/ZZB 0001-2018', 'group', 'T/ZZB', '0001', 2018, 'T/ZZB 0001-2018'],
    ['ASTM D638-14', 'foreign', 'ASTM', null, 2014, 'ASTM D638-14'],
    ['QB/T 1234-2019', 'industry', 'QB/T', '1234', 2019, 'QB/T 1234-2019'],
  ];
  for (const [text, kind, prefix, number, year, normalized] of cases) {
    const r = await anon.get(q(text));
    assert.equal(r.status, 200, `${text}: ${r.text}`);
    assert.equal(r.body.kind, kind, text);
    assert.equal(r.body.prefix, prefix, text);
    if (number) assert.equal(r.body.number, number, text);
    assert.equal(r.body.year, year, text);
    assert.equal(r.body.normalized, normalized, text);
  }
  const idt = await anon.get(q('GB/T 19001—2016/ISO 9001:2015'));
  assert.equal(idt.body.adopts.normalized, 'ISO 9001:2015');
  assert.equal(idt.body.adopts.kind, 'international');
  const plain = await anon.get(q('GB 4706.1-2005'));
  assert.equal(plain.body.adopts, null);
});

test('input that is not a standard number is 422 with a message saying what was expected', async () => {
  for (const text of ['hello', '12345', 'GB/T', '', 'x'.repeat(5000), '\u0000\u0001']) {
    const r = await anon.get(q(text));
    assert.equal(r.status, 422, `${JSON.stringify(text.slice(0, 20))}: ${r.text}`);
    assert.match(r.body.error.fields.text, /应为|标准编号|过长/);
  }
  const missing = await anon.get('/api/v1/tools/standard-number');
  assert.equal(missing.status, 422);
  assert.ok(missing.body.error.fields.text);
  const health = await anon.get('/api/v1/health');
  assert.equal(health.status, 200, 'the server keeps serving');
});
