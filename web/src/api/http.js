// Thin fetch wrapper for the duibiao API: JSON in and out, same-origin cookies, the CSRF
// header on every mutating request, and one error type the forms can use.

export const API_BASE = '/api/v1';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Error codes the contract defines for each status, used when the body has none.
const STATUS_CODES = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'too_many_requests',
  500: 'internal',
  503: 'service_unavailable',
  507: 'insufficient_storage',
};

export class ApiError extends Error {
  constructor({ status = 0, code = 'network', message = '', fields = {}, retryAfter = null, body = null } = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields || {};
    this.retryAfter = retryAfter;
    // the whole answer, for errors that carry more than `error` (an import's 422 lists its bad rows)
    this.body = body;
  }
  get hasFields() {
    return Object.keys(this.fields).length > 0;
  }
}

// Turns a status and a parsed body (object, string or null) into an ApiError.
export function toApiError(status, body, headers) {
  const err = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : null;
  const code = (err && typeof err.code === 'string' && err.code) || STATUS_CODES[status] || (status >= 500 ? 'internal' : 'error');
  let message = err && typeof err.message === 'string' ? err.message : '';
  if (!message && typeof body === 'string' && body.length < 300 && !/^\s*</.test(body)) message = body.trim();
  const fields = {};
  if (err && err.fields && typeof err.fields === 'object' && !Array.isArray(err.fields)) {
    for (const [k, v] of Object.entries(err.fields)) {
      fields[k] = Array.isArray(v) ? v.join('；') : String(v);
    }
  }
  let retryAfter = null;
  const ra = headers && typeof headers.get === 'function' ? headers.get('Retry-After') : null;
  if (ra != null && ra !== '' && !Number.isNaN(Number(ra))) retryAfter = Number(ra);
  return new ApiError({ status, code, message, fields, retryAfter, body: body && typeof body === 'object' ? body : null });
}

// Builds a query string from an object, leaving out empty values.
export function buildQuery(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.append(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

let csrfToken = null;
let onUnauthorized = null;
let fetchImpl = (...a) => fetch(...a);

export function setCsrfToken(t) {
  csrfToken = t || null;
}
export function getCsrfToken() {
  return csrfToken;
}
// Called with the ApiError when a request (other than /auth/*) answers 401.
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}
// For tests.
export function setFetch(fn) {
  fetchImpl = fn;
}

async function parseBody(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  if (!text) return null;
  const type = (res.headers.get('content-type') || '').toLowerCase();
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

async function refreshCsrf() {
  const res = await fetchImpl(API_BASE + '/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await parseBody(res);
  if (res.ok && body && body.csrf_token) setCsrfToken(body.csrf_token);
  return res.ok;
}

// request('GET', '/users', {query: {page: 1}}) → parsed JSON (null for 204); throws ApiError.
// `raw` sends a Blob / File / ArrayBuffer as the body as it is (uploads), with `contentType`.
export async function request(method, path, { query, body, raw, contentType, retryCsrf = true } = {}) {
  method = method.toUpperCase();
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (raw !== undefined) {
    headers['Content-Type'] = contentType || 'application/octet-stream';
    init.body = raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (MUTATING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetchImpl(API_BASE + path + buildQuery(query), init);
  } catch (e) {
    throw new ApiError({ status: 0, code: 'network', message: e && e.message ? e.message : '' });
  }
  const data = await parseBody(res);
  if (res.ok) {
    if (data && typeof data === 'object' && typeof data.csrf_token === 'string') setCsrfToken(data.csrf_token);
    return data;
  }
  const error = toApiError(res.status, data, res.headers);
  // A stale token (e.g. the session ended in another tab): fetch a fresh one and try once more.
  if (error.code === 'csrf_failed' && retryCsrf && MUTATING.has(method)) {
    if (await refreshCsrf()) return request(method, path, { query, body, raw, contentType, retryCsrf: false });
  }
  if (error.status === 401 && onUnauthorized && !path.startsWith('/auth/')) onUnauthorized(error);
  throw error;
}

// The file name in a Content-Disposition header (RFC 6266: `filename*=UTF-8''…` preferred over
// `filename="…"`), without any directory part; null when there is none.
export function filenameFromDisposition(header) {
  if (!header || typeof header !== 'string') return null;
  let name = null;
  const star = header.match(/filename\*\s*=\s*([^;]+)/i);
  if (star) {
    const m = star[1].trim().match(/^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/);
    if (m) {
      try {
        name = decodeURIComponent(m[2].replace(/^"|"$/g, ''));
      } catch {
        name = null;
      }
    }
  }
  if (!name) {
    const plain = header.match(/(?:^|;)\s*filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/i);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
  }
  if (!name) return null;
  name = name.split(/[\\/]/).pop().trim();
  return name && name !== '.' && name !== '..' ? name : null;
}

// GET a file (e.g. an xlsx export) → {blob, filename, type}. `url` is a full path such as
// `/api/v1/users/export.xlsx?role=admin`. `onProgress(loaded, total)` is called while the body
// arrives (total is 0 when the server sends no Content-Length). Failures throw ApiError with the
// server's JSON message, like request().
export async function fetchFile(url, { onProgress } = {}) {
  let res;
  try {
    res = await fetchImpl(url, {
      method: 'GET',
      credentials: 'same-origin',
      headers: {
        Accept:
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/octet-stream, application/json;q=0.5',
      },
    });
  } catch (e) {
    throw new ApiError({ status: 0, code: 'network', message: e && e.message ? e.message : '' });
  }
  if (!res.ok) {
    const error = toApiError(res.status, await parseBody(res), res.headers);
    if (error.status === 401 && onUnauthorized) onUnauthorized(error);
    throw error;
  }
  const type = res.headers.get('content-type') || 'application/octet-stream';
  const total = Number(res.headers.get('content-length')) || 0;
  let blob;
  try {
    if (onProgress && res.body && typeof res.body.getReader === 'function') {
      const reader = res.body.getReader();
      const chunks = [];
      let loaded = 0;
      onProgress(0, total);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress(loaded, total);
      }
      blob = new Blob(chunks, { type });
    } else {
      blob = await res.blob();
    }
  } catch (e) {
    throw new ApiError({ status: 0, code: 'network', message: e && e.message ? e.message : '' });
  }
  return { blob, type, filename: filenameFromDisposition(res.headers.get('content-disposition')) };
}

export const http = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body) => request('POST', path, { body: body ?? {} }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path) => request('DELETE', path),
};
