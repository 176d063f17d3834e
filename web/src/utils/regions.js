// Regions seen so far (from the cascader), by code: lets forms check a chosen region's level.
const known = new Map();

export function rememberRegions(items) {
  for (const it of items || []) if (it && it.code) known.set(it.code, it);
}

export function regionInfo(code) {
  return known.get(code) || null;
}
