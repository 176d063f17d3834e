// Generators for the route fuzzer: a seeded PRNG, a JSON writer that can say what
// JSON.stringify cannot (numbers no double holds, duplicate keys, raw bytes), and mutations of
// request bodies, query strings and path parameters.

// ---------------------------------------------------------------- PRNG (deterministic)
export class Rng {
  constructor(seed) {
    this.s = (Number(seed) >>> 0) || 0x9e3779b9;
  }
  next() { // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) { return Math.floor(this.next() * n); }
  range(a, b) { return a + this.int(b - a + 1); }
  chance(p) { return this.next() < p; }
  pick(a) { return a[this.int(a.length)]; }
  // weighted([[w, value], ...])
  weighted(list) {
    const total = list.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of list) { if ((x -= w) < 0) return v; }
    return list[list.length - 1][1];
  }
  fork() { return new Rng(this.int(2 ** 32)); }
}

// ---------------------------------------------------------------- a JSON writer with holes
export class Raw { // emitted verbatim (text or bytes)
  constructor(v) { this.v = v; }
}
export class Dup { // an object whose entries may repeat a key
  constructor(entries) { this.entries = entries; }
}
const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Raw) && !(v instanceof Dup);

export function toBytes(v) {
  const parts = [];
  const w = (x) => {
    if (x instanceof Raw) parts.push(Buffer.isBuffer(x.v) ? x.v : Buffer.from(x.v, 'utf8'));
    else if (x instanceof Dup) {
      parts.push(Buffer.from('{'));
      x.entries.forEach(([k, val], i) => {
        if (i) parts.push(Buffer.from(','));
        parts.push(Buffer.from(JSON.stringify(k) + ':'));
        w(val);
      });
      parts.push(Buffer.from('}'));
    } else if (Array.isArray(x)) {
      parts.push(Buffer.from('['));
      x.forEach((val, i) => { if (i) parts.push(Buffer.from(',')); w(val); });
      parts.push(Buffer.from(']'));
    } else if (isPlain(x)) {
      parts.push(Buffer.from('{'));
      Object.entries(x).forEach(([k, val], i) => {
        if (i) parts.push(Buffer.from(','));
        parts.push(Buffer.from(JSON.stringify(k) + ':'));
        w(val);
      });
      parts.push(Buffer.from('}'));
    } else if (x === undefined) parts.push(Buffer.from('null'));
    // JSON.stringify escapes lone surrogates ("\ud800") and control characters ("\u0000").
    else parts.push(Buffer.from(JSON.stringify(x), 'utf8'));
  };
  w(v);
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- tree helpers
export function nodes(v, path = [], out = []) {
  out.push({ path, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => nodes(x, [...path, i], out));
  else if (isPlain(v)) for (const k of Object.keys(v)) nodes(v[k], [...path, k], out);
  return out;
}
export function setAt(root, path, nv) {
  if (!path.length) return nv;
  let p = root;
  for (const k of path.slice(0, -1)) p = p[k];
  p[path[path.length - 1]] = nv;
  return root;
}
function delAt(root, path) {
  let p = root;
  for (const k of path.slice(0, -1)) p = p[k];
  const k = path[path.length - 1];
  if (Array.isArray(p)) p.splice(k, 1);
  else delete p[k];
}
export const pathName = (path) => path.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : String(k)), '');

// ---------------------------------------------------------------- odd values
export const HUGE_NUMBERS = ['1e999', '-1e999', '1E400', '1e309', '1e99999', '-1e99999', '2e308',
  '123456789012345678901234567890', '9223372036854775808', '-9223372036854775809', '18446744073709551616',
  '1' + '0'.repeat(400), '4.9e-324', '1e-400', '-1e-99999', '0.' + '0'.repeat(300) + '1', '1.7976931348623157e308'];
export const TINY_NUMBERS = ['-0', '-0.0', '0.0', '0e0', '-0e-0', '5e-324', '1e-7', '0.1', '-1', '2147483648',
  '-2147483649', '9007199254740993', '9223372036854775807', '-9223372036854775808', '1.5', '1.0', '100000000000'];
export const NAN_TEXT = ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e999', '-1e999', '0x10', '1_000', '1,5',
  ' 1', '1 ', '+1', '01', '١٢', '１２', '', '-', '.', 'e', '1e', 'null', 'true', '∞'];
export const INVALID_JSON_NUMBERS = ['NaN', 'Infinity', '-Infinity', '+1', '01', '.5', '1.', '0x1F', '1e', '--1'];
// C0 (NUL first: the hole of issue 13), DEL and C1 controls.
export const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f',
  '\u007f', '\u0080', '\u0085', '\u009f'];
export const HARMLESS_ODD = ['\t', '\n', '\r\n', '\u2028', '\u2029', '\ufeff', '\u200b', '\u202e', '\u00a0', '😀', 'é',
  '\u0301', '𠀋', '<script>alert(1)</script>', "' OR '1'='1", '%00', '../../etc/passwd', '=cmd|\' /C calc\'!A0', '${7*7}'];
export const LONE_SURROGATES = ['\ud800', '\udfff', '\udbff', 'a\ud800b', '\udc00\ud800', '\ud83d'];

export const wrongTypes = (rng) => rng.pick([null, true, false, 0, -1, 1.5, '', 'x', '1', [], {}, [1], ['x'],
  { a: 1 }, [null], [[]], new Raw('1e999'), 'true', 'null', 9007199254740993]);

function randomText(rng, len) {
  const alphabet = 'abcxyz0129 测试企业标准-_/';
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}

export function oddString(rng, base = '') {
  const b = typeof base === 'string' ? base : String(base ?? '');
  const at = rng.int(b.length + 1);
  const ins = (x) => b.slice(0, at) + x + b.slice(at);
  return rng.weighted([
    [4, () => ({ v: ins(rng.pick(CONTROL_CHARS)), tag: 'control-char' })],
    [1, () => ({ v: ins(rng.pick(CONTROL_CHARS).repeat(rng.range(2, 50))), tag: 'control-char' })],
    [2, () => ({ v: ins(rng.pick(LONE_SURROGATES)), tag: 'lone-surrogate' })],
    [2, () => ({ v: ins(rng.pick(HARMLESS_ODD)), tag: 'unicode' })],
    [1, () => ({ v: rng.pick(NAN_TEXT), tag: 'nan-text' })],
    [1, () => ({ v: ' '.repeat(rng.range(1, 5)), tag: 'blank' })],
  ])();
}

export function longString(rng, maxBytes = 1000000) {
  const n = rng.pick([101, 201, 256, 1001, 2001, 5000, 65537, 300000, maxBytes]);
  const unit = rng.pick(['x', '测', 'ab', '😀', 'a\u0000']);
  const bytes = Buffer.byteLength(unit);
  return unit.repeat(Math.max(1, Math.floor(Math.min(n, maxBytes) / bytes)));
}

// Nesting `depth` levels deep as raw text, within `maxBytes`.
export function deepNesting(rng, maxBytes = 1000000) {
  const kind = rng.pick(['array', 'object', 'mixed']);
  const per = kind === 'array' ? 2 : kind === 'object' ? 6 : 8;
  const depth = Math.min(rng.pick([32, 100, 257, 1000, 10000, 100000, 1000000]), Math.floor((maxBytes - 16) / per));
  let s;
  if (kind === 'array') s = '['.repeat(depth) + ']'.repeat(depth);
  else if (kind === 'object') s = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  else s = '[{"a":'.repeat(depth) + '1' + '}]'.repeat(depth);
  return { raw: new Raw(s), depth };
}

// ---------------------------------------------------------------- body mutation
// Applies one mutation to `body` (a plain tree), returning {body, tag, field}. `ctx.otherIds`
// gives ids of rows of other regions / owners for id-like fields.
export function mutateBody(rng, body, ctx = {}) {
  const all = nodes(body);
  const inner = all.filter((n) => n.path.length > 0);
  const target = inner.length ? rng.pick(inner) : all[0];
  const field = pathName(target.path);
  const set = (v) => { body = setAt(body, target.path, v); };
  const kind = rng.weighted([
    [6, 'huge-number'], [3, 'tiny-number'], [3, 'nan-text'], [7, 'control-char'], [3, 'lone-surrogate'],
    [2, 'long-string'], [2, 'deep-nesting'], [7, 'wrong-type'], [4, 'missing-field'], [4, 'extra-field'],
    [3, 'duplicate-key'], [4, 'other-id'], [2, 'array-size'], [1, 'invalid-json-number'], [1, 'raw-bytes'],
  ]);
  switch (kind) {
    case 'huge-number': set(new Raw(rng.pick(HUGE_NUMBERS))); break;
    case 'tiny-number': set(new Raw(rng.pick(TINY_NUMBERS))); break;
    case 'invalid-json-number': set(new Raw(rng.pick(INVALID_JSON_NUMBERS))); break;
    case 'nan-text': set(rng.pick(NAN_TEXT)); break;
    case 'control-char': case 'lone-surrogate': {
      // prefer a string leaf
      const strs = inner.filter((n) => typeof n.value === 'string');
      const t = strs.length && rng.chance(0.85) ? rng.pick(strs) : target;
      let r = oddString(rng, typeof t.value === 'string' ? t.value : 'x');
      if (kind === 'lone-surrogate' && r.tag !== 'lone-surrogate') r = { v: (t.value || '') + rng.pick(LONE_SURROGATES), tag: 'lone-surrogate' };
      if (kind === 'control-char' && r.tag !== 'control-char') r = { v: (t.value || 'a') + rng.pick(CONTROL_CHARS), tag: 'control-char' };
      body = setAt(body, t.path, r.v);
      return { body, tag: r.tag, field: pathName(t.path) };
    }
    case 'long-string': set(longString(rng, ctx.maxBytes)); break;
    case 'deep-nesting': { const d = deepNesting(rng, ctx.maxBytes); set(d.raw); return { body, tag: `deep-nesting(${d.depth})`, field }; }
    case 'wrong-type': set(wrongTypes(rng)); break;
    case 'missing-field': {
      if (!target.path.length) return { body: {}, tag: 'missing-field', field: '(all)' };
      delAt(body, target.path);
      break;
    }
    case 'extra-field': {
      const objs = all.filter((n) => isPlain(n.value));
      if (!objs.length) { set({ extra: 1 }); break; }
      const o = rng.pick(objs);
      const key = rng.pick(['id', 'role', 'status', 'version', 'enterprise_id', 'region_code', 'user_id', 'admin', '__proto__',
        'constructor', '', 'a\u0000b', 'x'.repeat(3000), 'published_at', 'password_hash', 'created_at', 'level', '测试']);
      const val = rng.pick(['admin', 'published', 1, 999999, true, null, { a: 1 }, [1], '330000', new Raw('1e999')]);
      o.value[key] = val;
      return { body, tag: 'extra-field', field: pathName([...o.path, key]) };
    }
    case 'duplicate-key': {
      const objs = all.filter((n) => isPlain(n.value) && Object.keys(n.value).length);
      if (!objs.length) { set(new Dup([['a', 1], ['a', 2]])); break; }
      const o = rng.pick(objs);
      const entries = Object.entries(o.value);
      const [k, v] = rng.pick(entries);
      const other = rng.pick([wrongTypes(rng), new Raw(rng.pick(HUGE_NUMBERS)), oddString(rng, typeof v === 'string' ? v : 'x').v, v]);
      const dupEntries = rng.chance(0.5) ? [...entries, [k, other]] : [[k, other], ...entries];
      body = setAt(body, o.path, new Dup(dupEntries));
      return { body, tag: 'duplicate-key', field: pathName([...o.path, k]) };
    }
    case 'other-id': {
      const ids = inner.filter((n) => /(^|_)ids?$|^id$|version/.test(String(n.path[n.path.length - 1])) ||
        (typeof n.path[n.path.length - 1] === 'number' && typeof n.value === 'number'));
      const t = ids.length ? rng.pick(ids) : target;
      const pool = ctx.otherIds && ctx.otherIds.length ? ctx.otherIds : [1, 2, 3];
      body = setAt(body, t.path, rng.chance(0.8) ? rng.pick(pool) : rng.pick([0, -1, 2 ** 31, 2 ** 53, 9223372036854775807]));
      return { body, tag: 'other-id', field: pathName(t.path) };
    }
    case 'array-size': {
      const arrs = all.filter((n) => Array.isArray(n.value));
      if (!arrs.length) { set([]); break; }
      const a = rng.pick(arrs);
      const n = rng.pick([0, 501, 2000, 20000]);
      const item = a.value.length ? a.value[0] : 1;
      const bytes = Buffer.byteLength(JSON.stringify(item) || '1') + 1;
      const count = Math.min(n, Math.floor((ctx.maxBytes || 1000000) / bytes));
      body = setAt(body, a.path, Array.from({ length: count }, () => structuredClone(item)));
      return { body, tag: `array-size(${count})`, field: pathName(a.path) };
    }
    case 'raw-bytes': {
      // bytes JSON forbids inside a string: a raw control byte, invalid UTF-8, CESU-8 surrogates
      const bytes = rng.pick([[0x00], [0x01], [0x1f], [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe6, 0xb5], [0xf4, 0x90, 0x80, 0x80]]);
      set(new Raw(Buffer.concat([Buffer.from('"a'), Buffer.from(bytes), Buffer.from('b"')])));
      break;
    }
    default: break;
  }
  return { body, tag: kind, field };
}

// Whole bodies that are not what any route expects.
export function oddWholeBody(rng, maxBytes = 1000000) {
  return rng.weighted([
    [2, () => ({ bytes: Buffer.alloc(0), tag: 'empty-body' })],
    [1, () => ({ bytes: Buffer.from(rng.pick(['null', '[]', '"x"', '1', 'true', '1e999', '-0', '{}', ' {} ', '{"a":1}{"b":2}',
      '{"a":1,}', "{'a':1}", '{', '}', '{"a"}', '[1,2', '\ufeff{}', '{"a":1e999}', '{"":""}', '{"\\u0000":1}', '{"a":"\\ud800"}',
      '{"a":"\\u00"}', '{"a":"\\x41"}', '/* c */ {}', '{"a":1} //']), 'utf8'), tag: 'odd-document' })],
    [1, () => ({ bytes: Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), tag: 'bom' })],
    [1, () => ({ bytes: Buffer.from('{"a":"' + '\u0000'.repeat(10) + '"}'), tag: 'raw-nul' })],
    [1, () => { const d = deepNesting(rng, maxBytes); return { bytes: toBytes(d.raw), tag: `deep-nesting(${d.depth})` }; }],
    [1, () => ({ bytes: Buffer.from(Array.from({ length: rng.range(1, 300) }, () => rng.int(256))), tag: 'random-bytes' })],
    [1, () => ({ bytes: Buffer.alloc(maxBytes + rng.range(1, 4096), 0x20), tag: 'over-limit' })],
  ])();
}

// ---------------------------------------------------------------- query strings and path parameters
export const ODD_QUERY_VALUES = ['', '-1', '0', '1e999', '1e3', '99999999999999999999', '9223372036854775808', '-0', 'NaN',
  '%00', '%01', 'a%00b', '%ff', '%c0%af', '%ed%a0%80', '%zz', '%', '%%', '%2', '+', '%20', '1%2C2', '[]', '{}',
  '\u00ff', 'x'.repeat(5000), '测试', '%E6%B5%8B', "'", '"', '\\', '..%2f..%2f', '*', '_', '%', '1.5', 'true', 'null',
  '2026-13-45', '9999-99', '0000-00', '2026-05'];

export function encodeQueryValue(rng, v) {
  // leave '%' sequences as written (they are the point); encode the rest
  return String(v).split(/(%[0-9A-Za-z]{0,2})/).map((p) => (p.startsWith('%') ? p : encodeURIComponent(p))).join('');
}

export const ODD_PATH_IDS = ['0', '-1', '00', '01', '+1', '1e3', '1.0', '9223372036854775807', '9223372036854775808',
  '99999999999999999999999999', '1'.repeat(300), 'abc', '%00', '1%00', '%ff', '%2e%2e', '..', '%20', '1%2f2', '１',
  '0x10', 'NaN', '-0', '1,2', '%ed%a0%80'];
