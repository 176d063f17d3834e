import { describe, it, expect } from 'vitest';
import { isJobActive, jobStatusTagType, jobProgressStatus, jobPercent, pollDelay, regionOptions, formatSize } from '../src/utils/analysis.js';

describe('analysis report jobs', () => {
  it('knows which jobs are under way', () => {
    expect(isJobActive({ status: 'queued' })).toBe(true);
    expect(isJobActive({ status: 'running' })).toBe(true);
    expect(isJobActive({ status: 'done' })).toBe(false);
    expect(isJobActive({ status: 'failed' })).toBe(false);
    expect(isJobActive(null)).toBe(false);
  });
  it('maps statuses to tags and progress states', () => {
    expect(jobStatusTagType('done')).toBe('success');
    expect(jobStatusTagType('failed')).toBe('danger');
    expect(jobStatusTagType('weird')).toBe('info');
    expect(jobProgressStatus({ status: 'failed' })).toBe('exception');
    expect(jobProgressStatus({ status: 'running' })).toBe('');
  });
  it('clamps the progress', () => {
    expect(jobPercent({ progress: 55.4 })).toBe(55);
    expect(jobPercent({ progress: 140 })).toBe(100);
    expect(jobPercent({ progress: -3 })).toBe(0);
    expect(jobPercent({ progress: 'x' })).toBe(0);
  });
  it('polls more slowly over time, never above 3 s', () => {
    expect(pollDelay(0)).toBe(400);
    expect(pollDelay(5)).toBe(1400);
    expect(pollDelay(100)).toBe(3000);
  });
  it('offers the whole scope and each participating region once', () => {
    const opts = regionOptions({ regions: [{ region_code: '330203', region_name: '海曙区' }, { region_code: '330203' }, { region_code: '330205', region_name: '江北区' }] });
    expect(opts.map((o) => o.value)).toEqual(['', '330203', '330205']);
    expect(opts[1].label).toBe('海曙区');
    expect(regionOptions(null)).toEqual([{ value: '', label: '' }]);
  });
  it('formats sizes', () => {
    expect(formatSize(0)).toBe('—');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
