// Maps the server's field errors (`error.fields`) onto the props of a form.
//
// Keys may be plain (`credit_code`), prefixed (`enterprise.credit_code`, `user.username`) or
// nested deeper (`enterprise.flags[2]`). `aliases` renames keys (after prefixes are tried), and
// `props` lists the form's props: keys that match none land in `other` so the form can show them
// in a general message instead of losing them.
export function mapFieldErrors(fields, { props = null, prefixes = [], aliases = {} } = {}) {
  const byProp = {};
  const other = {};
  if (!fields || typeof fields !== 'object') return { byProp, other };
  const known = props ? new Set(props) : null;
  const accept = (p) => (known ? known.has(p) : true);
  for (const [key, raw] of Object.entries(fields)) {
    const message = Array.isArray(raw) ? raw.join('；') : String(raw);
    const candidates = [];
    if (aliases[key]) candidates.push(aliases[key]);
    candidates.push(key);
    for (const prefix of prefixes) {
      if (key.startsWith(prefix + '.')) {
        const rest = key.slice(prefix.length + 1);
        if (aliases[rest]) candidates.push(aliases[rest]);
        candidates.push(rest);
      }
    }
    // Strip array indexes and sub-keys: `flags[2]` → `flags`, `contact.phone` → `contact`.
    for (const c of [...candidates]) {
      const base = c.replace(/\[\d+\]$/, '').split(/[.[]/)[0];
      if (base && base !== c) {
        if (aliases[base]) candidates.push(aliases[base]);
        candidates.push(base);
      }
    }
    const prop = candidates.find(accept);
    if (prop) byProp[prop] = byProp[prop] ? byProp[prop] + '；' + message : message;
    else other[key] = message;
  }
  return { byProp, other };
}

// Which field a 409 conflict is about, when the server gives no `fields`: guessed from the
// message (the contract says 409 is used for duplicate credit codes and usernames).
export function conflictField(message, candidates = {}) {
  const text = String(message || '').toLowerCase();
  for (const [prop, words] of Object.entries(candidates)) {
    if (words.some((w) => text.includes(w.toLowerCase()))) return prop;
  }
  return null;
}

// Combines mapFieldErrors and conflictField for an ApiError; returns {byProp, other, general}.
// `general` is the message to show above the form when nothing could be attached to a field.
export function formErrorsFrom(error, options = {}) {
  const { byProp, other } = mapFieldErrors(error && error.fields, options);
  if (error && error.status === 409 && Object.keys(byProp).length === 0 && options.conflicts) {
    const prop = conflictField(error.message, options.conflicts);
    if (prop && (!options.props || options.props.includes(prop))) byProp[prop] = error.message;
  }
  const attached = Object.keys(byProp).length > 0;
  const otherText = Object.values(other).join('；');
  let general = '';
  if (!attached) general = otherText || (error && error.message) || '';
  else if (otherText) general = otherText;
  return { byProp, other, general };
}
