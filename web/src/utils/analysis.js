// Pure helpers of the analysis reports (综合分析报告 jobs).

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'];

export function isJobActive(job) {
  return !!job && (job.status === 'queued' || job.status === 'running');
}

export function jobStatusTagType(status) {
  return { queued: 'info', running: 'warning', done: 'success', failed: 'danger' }[status] || 'info';
}

// el-progress status for a job: success when done, exception when failed, none while under way.
export function jobProgressStatus(job) {
  if (!job) return '';
  if (job.status === 'done') return 'success';
  if (job.status === 'failed') return 'exception';
  return '';
}

// A progress in 0–100 whatever the server sent.
export function jobPercent(job) {
  const p = Number(job && job.progress);
  if (!Number.isFinite(p)) return 0;
  return Math.max(0, Math.min(100, Math.round(p)));
}

// Polling delay: quick at first, slower the longer a job takes (ms).
export function pollDelay(attempt) {
  const n = Math.max(0, Number(attempt) || 0);
  return Math.min(3000, 400 + 200 * n);
}

// The regions a report can be asked for: the caller's whole part ('') and the campaign's
// participating regions.
export function regionOptions(campaign) {
  const out = [{ value: '', label: '' }];
  for (const r of (campaign && campaign.regions) || []) {
    if (!r || !r.region_code || out.some((o) => o.value === r.region_code)) continue;
    out.push({ value: r.region_code, label: r.region_name || r.region_code });
  }
  return out;
}

// File size for people: 12.3 KB.
export function formatSize(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n <= 0) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
