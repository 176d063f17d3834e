import { reactive, ref, watch } from 'vue';
import { errorText } from './errors.js';
import { cleanFilters } from './filters.js';
import { sameQuery } from './standards.js';

// State and actions for a paged, filtered table over a list endpoint answering {items, total}.
// `filters` is bound to the search inputs; `applied` holds the (trimmed, non-empty) filters of the
// last load, i.e. what the table shows, which is what an export should use.
export function usePagedList(fetcher, initialFilters = {}, { pageSize = 20 } = {}) {
  const filters = reactive({ ...initialFilters });
  const items = ref([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const error = ref('');
  const applied = ref({});
  let seq = 0;

  async function load() {
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    const current = cleanFilters(filters);
    try {
      const query = { ...current, page: page.value, page_size: size.value };
      const r = await fetcher(query);
      if (mine !== seq) return;
      applied.value = current;
      items.value = (r && r.items) || [];
      total.value = (r && typeof r.total === 'number' ? r.total : items.value.length) || 0;
    } catch (e) {
      if (mine !== seq) return;
      items.value = [];
      total.value = 0;
      applied.value = current;
      error.value = errorText(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  function search() {
    page.value = 1;
    return load();
  }
  function reset() {
    Object.assign(filters, initialFilters);
    return search();
  }
  function onPage(p) {
    page.value = p;
    return load();
  }
  function onSize(s) {
    size.value = s;
    page.value = 1;
    return load();
  }
  return { filters, applied, items, total, page, size, loading, error, load, search, reset, onPage, onSize };
}

// Keeps a paged list in the URL (?q=…&page=…) so a search can be linked to and survives the back
// button. `stateFromQuery(query)` → {filters, page, size}; `queryFromState(filters, page, size)`
// → the route query. Loads whenever the list route's query changes. Returns the toolbar and pager
// actions, which navigate instead of loading directly.
export function useUrlList(list, { route, router, listRoute, stateFromQuery, queryFromState, emptyFilters }) {
  function applyQuery(query) {
    const state = stateFromQuery(query);
    Object.assign(list.filters, state.filters);
    list.page.value = state.page;
    list.size.value = state.size;
  }
  function navigate(page, size) {
    const query = queryFromState(list.filters, page, size);
    if (sameQuery(query, route.query)) {
      // the same search again (e.g. after a change elsewhere): just reload
      list.page.value = page;
      list.size.value = size;
      return list.load();
    }
    return router.push({ name: listRoute, query });
  }
  watch(
    () => route.query,
    (q) => {
      if (route.name !== listRoute) return; // leaving the page
      applyQuery(q);
      list.load();
    },
    { immediate: true },
  );
  return {
    search: () => navigate(1, list.size.value),
    reset: () => {
      Object.assign(list.filters, emptyFilters());
      return navigate(1, list.size.value);
    },
    onPage: (p) => navigate(p, list.size.value),
    onSize: (s) => navigate(1, s),
  };
}

// Starts a list from the filters a link carried (?status=returned from a workbench figure): only
// keys the list filters on, as strings.
export function seedFromQuery(list, query) {
  for (const key of Object.keys(list.filters)) {
    const v = query && query[key];
    if (typeof v === 'string' && v !== '') list.filters[key] = v;
  }
}
