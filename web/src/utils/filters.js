// Filters as a list endpoint receives them: strings trimmed, empty values left out. `keys`
// keeps only the filters an endpoint takes (an export takes fewer than its list).
export function cleanFilters(filters, keys = null) {
  const out = {};
  if (!filters || typeof filters !== 'object') return out;
  for (const [k, v] of Object.entries(filters)) {
    if (keys && !keys.includes(k)) continue;
    const value = typeof v === 'string' ? v.trim() : v;
    if (value === undefined || value === null || value === '') continue;
    out[k] = value;
  }
  return out;
}
