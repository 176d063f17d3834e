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

const cmp = (a, b, extra = '') => `/api/v1/tools/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}${extra}`;
const judge = (requirement, value, extra = '') =>
  `/api/v1/tools/judge?requirement=${encodeURIComponent(requirement)}&value=${encodeURIComponent(value)}${extra}`;

test('compare: requirement a against benchmark b as people type them', async () => {
  const cases = [
    ['≥95%', '≥90%', 'better', '优于'],
    ['不小于95%', '≥95 %', 'equal', '达到'],
    ['≥95%', '>95%', 'worse', '低于'],
    ['≤0.5 mg/kg', '不大于0.8mg/kg', 'better', '优于'],
    ['０．３～０．５', '0.2~0.6', 'better', '优于'],
    ['0.3~0.7', '0.4~0.6', 'worse', '低于'],
    ['≥950 g', '≥0.9 kg', 'better', '优于'],
    ['1级', '二级', 'better', '优于'],
    ['不得检出', '无', 'equal', '达到'],
    ['≥5 mm', '≥5 V', 'incomparable', '不可比'],
  ];
  for (const [a, b, verdict, label] of cases) {
    const r = await anon.get(cmp(a, b));
    assert.equal(r.status, 200, `${a} vs ${b}: ${r.text}`);
    assert.equal(r.body.verdict, verdict, `${a} vs ${b}: ${r.body.reason}`);
    assert.equal(r.body.label, label);
    assert.ok(r.body.reason.length > 0);
  }
});

test('compare: unparseable or missing input is 422 naming the side, never 500', async () => {
  let r = await anon.get(cmp('hello', '≥90%'));
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.a);
  assert.equal(r.body.error.fields.b, undefined);
  r = await anon.get('/api/v1/tools/compare?a=%E2%89%A595');
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.b);
  r = await anon.get(cmp('≥'.repeat(3000), '≤' + '9'.repeat(5000)));
  assert.equal(r.status, 422);
});

test('judge: GB/T 8170 full-value and rounded-value comparison', async () => {
  const cases = [
    ['≤0.5', '0.5', '', true],
    ['≤0.5', '0.54', '', false],
    ['≤0.5', '0.54', '&method=full', false],
    ['≤0.5', '0.54', '&method=rounded&interval=0.1', true],
    ['≤0.5', '0.55', '&method=rounded&interval=0.1', false],
    ['≤0.5', '0.45', '&method=rounded&interval=0.1', true],
    ['≥95%', '９５．２％', '', true],
    ['≤0.5 mg/kg', '0.4 mg/kg', '', true],
  ];
  for (const [req, value, extra, pass] of cases) {
    const r = await anon.get(judge(req, value, extra));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.pass, pass, `${req} / ${value} ${extra}: ${r.body.reason}`);
    assert.equal(r.body.decided, true);
  }
  const rounded = await anon.get(judge('≤0.5', '0.55', '&method=rounded&interval=0.1'));
  assert.equal(rounded.body.compared_value, '0.6', 'half to even: 0.55 → 0.6');
  for (const [req, value, extra, field] of [
    ['x', '1', '', 'requirement'],
    ['≤0.5', '', '', 'value'],
    ['≤0.5', '1', '&method=median', 'method'],
    ['≤0.5', '1', '&method=rounded&interval=-1', 'interval'],
    ['≤0.5', '1', '&method=rounded&interval=abc', 'interval'],
  ]) {
    const r = await anon.get(judge(req, value, extra));
    assert.equal(r.status, 422, `${req} ${value} ${extra}: ${r.text}`);
    assert.ok(r.body.error.fields[field], field);
  }
  const health = await anon.get('/api/v1/health');
  assert.equal(health.status, 200);
});
