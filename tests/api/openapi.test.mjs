// docs/openapi.json against the real route table (`duibiao routes`) and the running server:
// the same (method, path) pairs in both directions, a document that is sound in the basics
// (OpenAPI 3.x, every operation has responses, every $ref resolves, path parameters match their
// templates), and live answers of the anonymous GET routes that the document lists.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { binary, cli, repoRoot, startServer } from '../lib/server.mjs';

const docPath = path.join(repoRoot, 'docs', 'openapi.json');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function loadDoc() {
  assert.ok(existsSync(docPath), `${docPath} is missing`);
  return JSON.parse(readFileSync(docPath, 'utf8'));
}

function serverRoutes() {
  assert.ok(existsSync(binary), `${binary} is missing: run scripts/setup`);
  return cli(['routes'])
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((r) => ({ method: r.method.toUpperCase(), path: r.path }));
}

// Every operation of the document: {method (upper case), path, op, item}.
function operations(doc) {
  const out = [];
  for (const [p, item] of Object.entries(doc.paths || {})) {
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path: p, op: item[m], item });
  }
  return out;
}

// Resolves a local reference ("#/components/schemas/User"); undefined when it does not.
function resolvePointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

// Every {$ref} in the document with the JSON path where it occurs.
function collectRefs(node, where = '#', out = []) {
  if (Array.isArray(node)) node.forEach((v, i) => collectRefs(v, `${where}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref') out.push({ ref: v, where });
      else collectRefs(v, `${where}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  }
  return out;
}

const deref = (doc, x) => (x && x.$ref ? deref(doc, resolvePointer(doc, x.$ref)) : x);

// A small validator for the parts of OpenAPI 3.0 schemas the document uses: $ref, allOf, type,
// nullable, enum, required, properties, items, additionalProperties. Returns a list of problems.
function validate(doc, schema, value, where = '$', problems = []) {
  schema = deref(doc, schema);
  if (!schema || typeof schema !== 'object') return problems;
  if (schema.allOf) for (const s of schema.allOf) validate(doc, s, value, where, problems);
  if (value === null) {
    if (schema.type && !schema.nullable) problems.push(`${where}: null, but the document says ${schema.type} (not nullable)`);
    return problems;
  }
  const t = schema.type;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (t && !(t === actual || (t === 'number' && actual === 'integer'))) {
    problems.push(`${where}: ${actual} ${JSON.stringify(value).slice(0, 60)}, but the document says ${t}`);
    return problems;
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (actual === 'object') {
    for (const r of schema.required || []) if (!Object.hasOwn(value, r)) problems.push(`${where}: required property "${r}" is missing`);
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties && Object.hasOwn(schema.properties, k)) validate(doc, schema.properties[k], v, `${where}.${k}`, problems);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        validate(doc, schema.additionalProperties, v, `${where}.${k}`, problems);
    }
  }
  if (actual === 'array' && schema.items) value.forEach((v, i) => validate(doc, schema.items, v, `${where}[${i}]`, problems));
  return problems;
}

// Can an anonymous caller use the operation? (security [] or an alternative {}).
function anonymousAllowed(doc, op) {
  const sec = op.security ?? doc.security ?? [];
  return sec.length === 0 || sec.some((s) => Object.keys(s).length === 0);
}

function pathParams(doc, { op, item }) {
  return [...(item.parameters || []), ...(op.parameters || [])].map((p) => deref(doc, p)).filter((p) => p && p.in === 'path');
}

const key = (r) => `${r.method} ${r.path}`;

describe('OpenAPI document (docs/openapi.json)', () => {
  const doc = loadDoc();
  const ops = operations(doc);

  it('documents exactly the routes of `duibiao routes`', () => {
    const live = new Set(serverRoutes().map(key));
    const documented = new Set(ops.map(key));
    assert.ok(live.size > 0, '`duibiao routes` printed no routes');
    const missing = [...live].filter((k) => !documented.has(k)).sort();
    const extra = [...documented].filter((k) => !live.has(k)).sort();
    assert.deepEqual(
      { missing, extra },
      { missing: [], extra: [] },
      `docs/openapi.json and \`duibiao routes\` differ:\n` +
        (missing.length ? `  served but not documented: ${missing.join(', ')}\n` : '') +
        (extra.length ? `  documented but not served: ${extra.join(', ')}\n` : ''),
    );
  });

  it('is OpenAPI 3.x with info, paths and a response list on every operation', () => {
    assert.match(String(doc.openapi), /^3\.\d+\.\d+$/, `openapi must be 3.x.y, got ${doc.openapi}`);
    assert.equal(typeof doc.info?.title, 'string', 'info.title');
    assert.equal(typeof doc.info?.version, 'string', 'info.version');
    assert.ok(doc.paths && typeof doc.paths === 'object', 'paths');
    const bad = [];
    const ids = new Map();
    for (const o of ops) {
      const codes = Object.keys(o.op.responses || {});
      if (codes.length === 0) bad.push(`${key(o)}: no responses`);
      for (const c of codes) if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(c)) bad.push(`${key(o)}: response key "${c}"`);
      if (!codes.some((c) => /^2/.test(c))) bad.push(`${key(o)}: no 2xx response`);
      if (o.op.operationId) {
        if (ids.has(o.op.operationId)) bad.push(`${key(o)}: operationId ${o.op.operationId} also used by ${ids.get(o.op.operationId)}`);
        ids.set(o.op.operationId, key(o));
      }
    }
    assert.deepEqual(bad, [], bad.join('\n'));
  });

  it('resolves every $ref', () => {
    const refs = collectRefs(doc);
    assert.ok(refs.length > 0, 'the document uses no $ref at all (schemas belong under components)');
    const broken = refs.filter(({ ref }) => resolvePointer(doc, ref) === undefined).map(({ ref, where }) => `${where}: ${ref}`);
    assert.deepEqual(broken, [], `unresolved $ref:\n${broken.join('\n')}`);
  });

  it('has the shared schemas, the session cookie scheme and the X-CSRF-Token header', () => {
    for (const name of ['User', 'Enterprise', 'Region', 'Industry', 'AuditEntry', 'Error'])
      assert.ok(doc.components?.schemas?.[name], `components.schemas.${name} is missing`);
    const schemes = doc.components?.securitySchemes || {};
    const cookie = Object.values(schemes).find((s) => s.type === 'apiKey' && s.in === 'cookie' && s.name === 'duibiao_session');
    assert.ok(cookie, 'a security scheme for the duibiao_session cookie is missing');
    // Every named security requirement refers to a declared scheme.
    const reqs = [doc.security || [], ...ops.map((o) => o.op.security || [])].flat();
    for (const r of reqs) for (const name of Object.keys(r)) assert.ok(schemes[name], `security scheme "${name}" is not declared`);
    // Every write declares the X-CSRF-Token header.
    const noCsrf = ops
      .filter((o) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(o.method))
      .filter((o) => ![...(o.item.parameters || []), ...(o.op.parameters || [])].map((p) => deref(doc, p))
        .some((p) => p && p.in === 'header' && p.name.toLowerCase() === 'x-csrf-token' && p.required))
      .map(key);
    assert.deepEqual(noCsrf, [], `writes without a required X-CSRF-Token header parameter: ${noCsrf.join(', ')}`);
  });

  it('declares each path template variable as a required path parameter, and no others', () => {
    const bad = [];
    for (const o of ops) {
      const vars = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = pathParams(doc, o);
      const names = params.map((p) => p.name).sort();
      if (JSON.stringify(vars) !== JSON.stringify(names)) bad.push(`${key(o)}: template {${vars.join(',')}} vs path parameters [${names.join(',')}]`);
      for (const p of params) if (p.required !== true) bad.push(`${key(o)}: path parameter ${p.name} must be required`);
    }
    assert.deepEqual(bad, [], bad.join('\n'));
  });
});

describe('OpenAPI document against the running server', () => {
  const doc = loadDoc();
  const ops = operations(doc).filter((o) => o.method === 'GET' && !o.path.includes('{'));
  let server;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    if (server) {
      await server.stop();
      server.cleanup();
    }
  });

  const call = async (p) => {
    const res = await fetch(server.base + p, { redirect: 'manual' });
    const text = await res.text();
    let body;
    if ((res.headers.get('content-type') || '').includes('application/json') && text) body = JSON.parse(text);
    return { status: res.status, body, text };
  };

  it('answers every public GET route (no path parameters) with a documented status and shape', async () => {
    const pub = ops.filter((o) => anonymousAllowed(doc, o.op));
    assert.ok(pub.length > 0, 'no public GET route without path parameters is documented');
    const problems = [];
    for (const o of pub) {
      const r = await call(o.path);
      const documented = o.op.responses[String(r.status)] ?? o.op.responses[`${String(r.status)[0]}XX`] ?? o.op.responses.default;
      if (!documented) {
        problems.push(`${key(o)} → ${r.status} (documented: ${Object.keys(o.op.responses).join(', ')}): ${r.text.slice(0, 200)}`);
        continue;
      }
      const schema = deref(doc, documented).content?.['application/json']?.schema;
      if (schema && r.body !== undefined) {
        for (const p of validate(doc, schema, r.body)) problems.push(`${key(o)} → ${r.status}: ${p}`);
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('answers every protected GET route (no path parameters) without a session with a documented status', async () => {
    const problems = [];
    for (const o of ops.filter((x) => !anonymousAllowed(doc, x.op))) {
      const r = await call(o.path);
      if (!o.op.responses[String(r.status)]) problems.push(`${key(o)} → ${r.status} (documented: ${Object.keys(o.op.responses).join(', ')})`);
      else if (r.status === 401) {
        for (const p of validate(doc, deref(doc, o.op.responses['401']).content?.['application/json']?.schema, r.body))
          problems.push(`${key(o)} → 401: ${p}`);
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
