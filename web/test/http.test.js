import { describe, it, expect, beforeEach } from 'vitest';
import { ApiError, toApiError, buildQuery, request, setFetch, setCsrfToken, getCsrfToken, setUnauthorizedHandler } from '../src/api/http.js';

function headers(obj = {}) {
  const h = new Map(Object.entries(obj).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (k) => h.get(k.toLowerCase()) ?? null };
}
function jsonResponse(status, body, extra = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: headers({ 'content-type': 'application/json; charset=utf-8', ...extra }),
    text: async () => text,
  };
}

describe('toApiError', () => {
  it('maps the contract error shape', () => {
    const e = toApiError(422, { error: { code: 'validation_failed', message: '请求有误', fields: { 'enterprise.credit_code': '校验码错误' } } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toBe('请求有误');
    expect(e.fields).toEqual({ 'enterprise.credit_code': '校验码错误' });
    expect(e.hasFields).toBe(true);
  });

  it('fills the code from the status when the body has none', () => {
    expect(toApiError(409, null).code).toBe('conflict');
    expect(toApiError(401, '').code).toBe('unauthenticated');
    expect(toApiError(502, '<html>bad gateway</html>')).toMatchObject({ code: 'internal', message: 'internal' });
    expect(toApiError(418, {}).code).toBe('error');
    expect(toApiError(404, 'no such thing').message).toBe('no such thing');
  });

  it('reads Retry-After and joins list-valued fields', () => {
    const e = toApiError(429, { error: { code: 'too_many_requests', message: '请 60 秒后再试' } }, headers({ 'Retry-After': '60' }));
    expect(e.retryAfter).toBe(60);
    expect(toApiError(422, { error: { fields: { a: ['x', 'y'] } } }).fields.a).toBe('x；y');
    expect(toApiError(422, { error: { fields: ['bad'] } }).fields).toEqual({});
  });
});

describe('buildQuery', () => {
  it('drops empty values and encodes', () => {
    expect(buildQuery({ q: '宁波 公司', page: 1, role: '', region_code: null, x: undefined })).toBe('?q=%E5%AE%81%E6%B3%A2+%E5%85%AC%E5%8F%B8&page=1');
    expect(buildQuery({})).toBe('');
    expect(buildQuery()).toBe('');
  });
});

describe('request', () => {
  let calls;
  beforeEach(() => {
    calls = [];
    setCsrfToken(null);
    setUnauthorizedHandler(null);
  });

  it('sends JSON, same-origin credentials and the CSRF header on mutating requests only', async () => {
    setCsrfToken('tok1');
    setFetch(async (url, init) => {
      calls.push({ url, init });
      return jsonResponse(200, { ok: true });
    });
    await request('GET', '/users', { query: { page: 2 } });
    await request('POST', '/users', { body: { username: 'a' } });
    await request('PATCH', '/users/1', { body: { disabled: true } });
    await request('DELETE', '/users/1');
    expect(calls[0].url).toBe('/api/v1/users?page=2');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[1].init.headers['X-CSRF-Token']).toBe('tok1');
    expect(calls[1].init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[1].init.body)).toEqual({ username: 'a' });
    expect(calls[2].init.headers['X-CSRF-Token']).toBe('tok1');
    expect(calls[3].init.headers['X-CSRF-Token']).toBe('tok1');
  });

  it('keeps the csrf_token of an answer', async () => {
    setFetch(async () => jsonResponse(200, { user: { id: 1 }, csrf_token: 'fresh' }));
    const r = await request('POST', '/auth/login', { body: {} });
    expect(r.user.id).toBe(1);
    expect(getCsrfToken()).toBe('fresh');
  });

  it('returns null for 204', async () => {
    setFetch(async () => ({ status: 204, ok: true, headers: headers(), text: async () => '' }));
    expect(await request('POST', '/auth/logout', { body: {} })).toBeNull();
  });

  it('throws ApiError with fields', async () => {
    setFetch(async () => jsonResponse(409, { error: { code: 'conflict', message: '该统一社会信用代码已注册' } }));
    await expect(request('POST', '/enterprises/register', { body: {} })).rejects.toMatchObject({ status: 409, code: 'conflict', message: '该统一社会信用代码已注册' });
  });

  it('turns a network failure into status 0', async () => {
    setFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request('GET', '/health')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('refreshes a stale CSRF token once and retries', async () => {
    setCsrfToken('old');
    setFetch(async (url, init) => {
      calls.push({ url, token: init.headers['X-CSRF-Token'] });
      if (url === '/api/v1/auth/csrf') return jsonResponse(200, { csrf_token: 'new' });
      if (init.headers['X-CSRF-Token'] === 'old') return jsonResponse(403, { error: { code: 'csrf_failed', message: 'CSRF' } });
      return jsonResponse(200, { done: true });
    });
    expect(await request('POST', '/users', { body: {} })).toEqual({ done: true });
    expect(calls.map((c) => c.token)).toEqual(['old', undefined, 'new']);
  });

  it('calls the 401 handler except for /auth routes', async () => {
    const seen = [];
    setUnauthorizedHandler((e) => seen.push(e.status));
    setFetch(async () => jsonResponse(401, { error: { code: 'unauthenticated', message: '请登录' } }));
    await expect(request('GET', '/users')).rejects.toMatchObject({ status: 401 });
    await expect(request('GET', '/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual([401]);
  });
});
