// Pure helpers of the information-service pages (notices, circulars, questions, directory,
// search): option lists, tag types, what a row offers, where a search hit leads.
import { isRegulator } from './roles.js';

export const NOTICE_AUDIENCES = ['subtree', 'offices', 'public'];
export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'];
export const QUESTION_TARGETS = ['regulator', 'technical_body', 'expert'];
export const QUESTION_STATUSES = ['open', 'assigned', 'answered'];
export const DIRECTORY_KINDS = ['expert', 'standard_body', 'lab'];
export const SEARCH_KINDS = ['standard', 'plan', 'result', 'notice', 'faq', 'directory'];

export const NOTICE_TITLE_MAX = 200;
export const NOTICE_BODY_MAX = 20000;
export const QUESTION_TITLE_MAX = 200;
export const QUESTION_BODY_MAX = 5000;
export const ANSWER_MAX = 10000;

// Offices write notices and circulars: county, city and province regulators and the national office.
export function isOffice(role) {
  return isRegulator(role) || role === 'national_office';
}
export function canWriteNotices(role) {
  return isOffice(role);
}
export function canUseCirculars(role) {
  return isOffice(role) || role === 'admin';
}
export function canAsk(role) {
  return role === 'enterprise';
}
export function canMaintainDirectory(role) {
  return isOffice(role) || role === 'admin';
}

export function noticeStatusTagType(s) {
  return { draft: 'info', published: 'success', withdrawn: 'warning' }[s] || 'info';
}
export function questionStatusTagType(s) {
  return { open: 'danger', assigned: 'warning', answered: 'success' }[s] || 'info';
}

// The actions a notice offers its owner in its state.
export function noticeActions(n) {
  if (!n || !n.can_edit) return [];
  if (n.status === 'draft') return ['edit', 'attach', 'publish', 'delete'];
  if (n.status === 'published') return ['withdraw'];
  return [];
}

// The readers table: rows with the share read, the office's own region first, then by name.
export function readerRows(readers) {
  const rows = ((readers && readers.regions) || []).map((r) => ({
    ...r,
    share: r.audience > 0 ? Math.min(1, r.readers / r.audience) : null,
  }));
  rows.sort((a, b) => (a.region_code === '' ? -1 : b.region_code === '' ? 1 : String(a.region_code).localeCompare(String(b.region_code))));
  return rows;
}
export function percentText(share) {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return (Math.round(share * 1000) / 10).toFixed(1) + '%';
}

// Confirmed / total of a circular's recipients.
export function confirmationText(c) {
  const total = (c && c.recipients && c.recipients.length) || (c && c.recipient_count) || 0;
  return `${(c && c.confirmed) || 0}/${total}`;
}

// A duration in seconds as zh / en text (the server also gives answer_time_label in Chinese).
export function durationParts(seconds) {
  if (seconds === null || seconds === undefined || seconds < 0) return null;
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return { d, h, m };
}
export function durationText(seconds, t) {
  const p = durationParts(seconds);
  if (!p) return '—';
  if (p.d > 0) return t('info.q.durationDays', { d: p.d, h: p.h });
  if (p.h > 0) return t('info.q.durationHours', { h: p.h, m: p.m });
  if (p.m > 0) return t('info.q.durationMinutes', { m: p.m });
  return t('info.q.durationLessMinute');
}

// Where a search hit leads, inside the app or on the public site.
export function searchHitRoute(hit, loggedIn) {
  if (!hit) return null;
  const id = String(hit.id);
  switch (hit.kind) {
    case 'standard':
      return { name: loggedIn ? 'standard' : 'catalog-standard', params: { id } };
    case 'plan':
      return { name: loggedIn ? 'plan' : 'public-plan', params: { id } };
    case 'result':
      return hit.key ? { name: 'verify', params: { code: hit.key } } : null;
    case 'notice':
      if (loggedIn) return { name: 'notice', params: { id } };
      return { name: 'public-notice', params: { id } };
    case 'faq':
      return { name: 'public-faq', query: { id } };
    case 'directory':
      return { name: loggedIn ? 'directory' : 'public-directory', query: { id } };
    default:
      return null;
  }
}

// Checks a question before sending; {field: i18n key}.
export function questionProblems(q) {
  const p = {};
  if (!q.title || !q.title.trim()) p.title = 'info.q.titleRequired';
  else if (q.title.trim().length > QUESTION_TITLE_MAX) p.title = 'info.q.titleTooLong';
  if (!q.body || !q.body.trim()) p.body = 'info.q.bodyRequired';
  else if (q.body.trim().length > QUESTION_BODY_MAX) p.body = 'info.q.bodyTooLong';
  if (!QUESTION_TARGETS.includes(q.target)) p.target = 'info.q.targetRequired';
  return p;
}
export function noticeProblems(n) {
  const p = {};
  if (!n.title || !n.title.trim()) p.title = 'info.n.titleRequired';
  else if (n.title.trim().length > NOTICE_TITLE_MAX) p.title = 'info.n.titleTooLong';
  if (!n.body || !n.body.trim()) p.body = 'info.n.bodyRequired';
  else if (n.body.trim().length > NOTICE_BODY_MAX) p.body = 'info.n.bodyTooLong';
  if (!NOTICE_AUDIENCES.includes(n.audience)) p.audience = 'info.n.audienceRequired';
  return p;
}
export function circularProblems(c) {
  const p = {};
  if (!c.title || !c.title.trim()) p.title = 'info.c.titleRequired';
  if (!c.body || !c.body.trim()) p.body = 'info.c.bodyRequired';
  return p;
}
export function directoryProblems(e) {
  const p = {};
  if (!DIRECTORY_KINDS.includes(e.kind)) p.kind = 'info.d.kindRequired';
  if (!e.name || !e.name.trim()) p.name = 'info.d.nameRequired';
  if (e.kind === 'expert' && (!e.organization || !e.organization.trim())) p.organization = 'info.d.organizationRequired';
  if (!e.region_code) p.region_code = 'info.d.regionRequired';
  if (e.email && !/^[^\s@]+@[^\s@]+$/.test(e.email)) p.email = 'info.d.emailInvalid';
  return p;
}
