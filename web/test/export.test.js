import { describe, it, expect, beforeEach } from 'vitest';
import { exportUrl, ignoredFilters, fetchExport, EXPORTS, EXPORT_MAX_ROWS } from '../src/api/export.js';
import { fetchFile, filenameFromDisposition, setFetch, setUnauthorizedHandler, setCsrfToken } from '../src/api/http.js';
import { cleanFilters } from '../src/utils/filters.js';
import { progressPercent } from '../src/utils/download.js';

function headers(obj = {}) {
  const h = new Map(Object.entries(obj).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (k) => h.get(k.toLowerCase()) ?? null };
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// A Response-like object whose body arrives in `chunks`.
function fileResponse(chunks, extra = {}) {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  const size = bytes.reduce((n, b) => n + b.byteLength, 0);
  return {
    status: 200,
    ok: true,
    headers: headers({ 'content-type': XLSX, 'content-length': String(size), ...extra }),
    body: new ReadableStream({
      start(controller) {
        for (const b of bytes) controller.enqueue(b);
        controller.close();
      },
    }),
    blob: async () => new Blob(bytes, { type: XLSX }),
  };
}
function jsonResponse(status, body) {
  const text = JSON.stringify(body);
  return { status, ok: false, headers: headers({ 'content-type': 'application/json; charset=utf-8' }), text: async () => text };
}

describe('cleanFilters', () => {
  it('trims strings, drops empty values, keeps only the keys asked for', () => {
    expect(cleanFilters({ q: '  宁波 ', role: '', region_code: null, x: undefined, n: 0 })).toEqual({ q: '宁波', n: 0 });
    expect(cleanFilters({ q: '   ' })).toEqual({});
    expect(cleanFilters({ q: 'a', actor: '3', entity: 'user' }, ['entity'])).toEqual({ entity: 'user' });
    expect(cleanFilters(null)).toEqual({});
  });
});

describe('exportUrl', () => {
  it('builds the export path of each list', () => {
    expect(exportUrl('enterprises', {})).toBe('/api/v1/enterprises/export.xlsx');
    expect(exportUrl('users', {})).toBe('/api/v1/users/export.xlsx');
    expect(exportUrl('audit', {})).toBe('/api/v1/audit/export.xlsx');
    expect(() => exportUrl('nope', {})).toThrow();
  });

  it('encodes Chinese text and leaves out empty filters', () => {
    expect(exportUrl('enterprises', { q: '宁波 机械', region_code: '' })).toBe(
      '/api/v1/enterprises/export.xlsx?q=%E5%AE%81%E6%B3%A2+%E6%9C%BA%E6%A2%B0',
    );
    expect(exportUrl('enterprises', { q: ' ', region_code: '330203' })).toBe('/api/v1/enterprises/export.xlsx?region_code=330203');
    const url = new URL(exportUrl('users', { q: '王&小明=1', role: 'county_regulator' }), 'http://x');
    expect(url.searchParams.get('q')).toBe('王&小明=1');
    expect(url.searchParams.get('role')).toBe('county_regulator');
  });

  it('sends only the filters the export takes (no paging)', () => {
    expect(exportUrl('users', { q: 'hs', role: '', region_code: '330203', page: 3, page_size: 50 })).toBe('/api/v1/users/export.xlsx?q=hs');
    expect(exportUrl('audit', { entity: 'enterprise', actor: '6' })).toBe('/api/v1/audit/export.xlsx?entity=enterprise');
    expect(EXPORTS.enterprises.keys).toEqual(['q', 'region_code']);
    expect(EXPORT_MAX_ROWS).toBe(50000);
  });

  it('names table filters the export would drop', () => {
    expect(ignoredFilters('audit', { entity: 'user', actor: '' })).toEqual([]);
    expect(ignoredFilters('audit', { entity: '', actor: ' 6 ' })).toEqual(['actor']);
    expect(ignoredFilters('users', { q: 'a', role: 'admin', page: 2 })).toEqual([]);
  });
});

describe('filenameFromDisposition', () => {
  it('reads plain, quoted and RFC 5987 names', () => {
    expect(filenameFromDisposition('attachment; filename="users.xlsx"')).toBe('users.xlsx');
    expect(filenameFromDisposition('attachment; filename=audit.xlsx')).toBe('audit.xlsx');
    expect(filenameFromDisposition("attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A.xlsx")).toBe('企业.xlsx');
    expect(filenameFromDisposition('attachment; filename="a\\"b.xlsx"')).toBe('a"b.xlsx');
  });
  it('drops directories and rejects nothing-names', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('attachment; filename="C:\\\\tmp\\\\a.xlsx"')).toBe('a.xlsx');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition('attachment; filename=""')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E4%ZZ")).toBeNull();
  });
});

describe('fetchFile / fetchExport', () => {
  let calls;
  beforeEach(() => {
    calls = [];
    setCsrfToken('tok');
    setUnauthorizedHandler(null);
  });

  it('GETs the URL with cookies, reports progress and returns the blob and name', async () => {
    setFetch(async (url, init) => {
      calls.push({ url, init });
      return fileResponse(['PK\u0003\u0004', 'rest-of-file'], { 'content-disposition': 'attachment; filename="users.xlsx"' });
    });
    const seen = [];
    const r = await fetchExport('users', { q: '王', role: '' }, { onProgress: (l, t) => seen.push([l, t]) });
    expect(calls[0].url).toBe('/api/v1/users/export.xlsx?q=%E7%8E%8B');
    expect(calls[0].init.method).toBe('GET');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.headers['X-CSRF-Token']).toBeUndefined();
    expect(r.filename).toBe('users.xlsx');
    expect(r.blob.size).toBe(16);
    expect(r.blob.type).toBe(XLSX);
    expect(seen[0]).toEqual([0, 16]);
    expect(seen.at(-1)).toEqual([16, 16]);
  });

  it('falls back to a default name and to res.blob() without a progress callback', async () => {
    setFetch(async () => fileResponse(['abc']));
    const r = await fetchExport('audit', {});
    expect(r.filename).toBe('audit.xlsx');
    expect(await r.blob.text()).toBe('abc');
  });

  it("throws the server's JSON message", async () => {
    setFetch(async () => jsonResponse(422, { error: { code: 'validation_failed', message: '行政区划“999999”不存在', fields: { region_code: '行政区划“999999”不存在' } } }));
    await expect(fetchExport('enterprises', { region_code: '999999' })).rejects.toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: '行政区划“999999”不存在',
    });
    setFetch(async () => jsonResponse(403, { error: { code: 'forbidden', message: '没有权限导出' } }));
    await expect(fetchFile('/api/v1/users/export.xlsx')).rejects.toMatchObject({ status: 403, message: '没有权限导出' });
  });

  it('calls the 401 handler and maps network failures to status 0', async () => {
    const seen = [];
    setUnauthorizedHandler((e) => seen.push(e.status));
    setFetch(async () => jsonResponse(401, { error: { code: 'unauthenticated', message: '请先登录' } }));
    await expect(fetchExport('users', {})).rejects.toMatchObject({ status: 401, message: '请先登录' });
    expect(seen).toEqual([401]);
    setFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchExport('users', {})).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('progressPercent', () => {
  it('is a whole percentage, or null when the size is unknown', () => {
    expect(progressPercent(0, 200)).toBe(0);
    expect(progressPercent(101, 200)).toBe(50);
    expect(progressPercent(200, 200)).toBe(100);
    expect(progressPercent(300, 200)).toBe(100);
    expect(progressPercent(10, 0)).toBeNull();
    expect(progressPercent(10, NaN)).toBeNull();
  });
});
