import { industriesApi } from '../api/index.js';

let cache = null;

// The industry list, fetched once per page load.
export function loadIndustries() {
  if (!cache) {
    cache = industriesApi.list().then(
      (r) => (r && r.items) || [],
      (e) => {
        cache = null;
        throw e;
      },
    );
  }
  return cache;
}

export const INDUSTRY_KINDS = ['section', 'division', 'cluster'];

// [{kind, items}] in the order 门类, 大类, 产业集群 (unknown kinds last).
export function groupIndustries(items) {
  const groups = new Map();
  for (const kind of INDUSTRY_KINDS) groups.set(kind, []);
  for (const it of items || []) {
    const kind = it.kind || 'other';
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(it);
  }
  return [...groups].filter(([, list]) => list.length).map(([kind, list]) => ({ kind, items: list }));
}

export function industryLabel(it) {
  if (!it) return '';
  return it.kind === 'cluster' ? it.name : `${it.code} ${it.name}`;
}
