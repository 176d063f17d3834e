import { describe, it, expect, vi } from 'vitest';
import { usePagedList } from '../src/utils/paged.js';

// errors.js pulls in Element Plus (ElMessage, with its CSS), which Node cannot load
vi.mock('../src/utils/errors.js', () => ({ errorText: (e) => (e && e.message) || '' }));

describe('usePagedList', () => {
  it('sends trimmed, non-empty filters and remembers them as applied', async () => {
    const queries = [];
    const list = usePagedList(async (q) => {
      queries.push(q);
      return { items: [{ id: 1 }], total: 41 };
    }, { q: '', role: '' });
    list.filters.q = '  宁波 ';
    await list.search();
    expect(queries[0]).toEqual({ q: '宁波', page: 1, page_size: 20 });
    expect(list.applied.value).toEqual({ q: '宁波' });
    expect(list.total.value).toBe(41);

    // typing without searching does not change what the table (and an export) uses
    list.filters.role = 'admin';
    expect(list.applied.value).toEqual({ q: '宁波' });
    await list.onPage(2);
    expect(queries[1]).toEqual({ q: '宁波', role: 'admin', page: 2, page_size: 20 });
    expect(list.applied.value).toEqual({ q: '宁波', role: 'admin' });

    await list.reset();
    expect(list.applied.value).toEqual({});
    expect(queries[2]).toEqual({ page: 1, page_size: 20 });
  });

  it('keeps the filters of a failed load and shows the error', async () => {
    const list = usePagedList(async () => {
      throw Object.assign(new Error('x'), { status: 422, message: '行政区划不存在' });
    }, { region_code: '' });
    list.filters.region_code = '999999';
    await list.load();
    expect(list.error.value).toBe('行政区划不存在');
    expect(list.applied.value).toEqual({ region_code: '999999' });
    expect(list.items.value).toEqual([]);
  });
});
