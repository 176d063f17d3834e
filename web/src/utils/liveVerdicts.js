// Live checks of editor rows: per row, ask the server once the author stops typing for `delay` ms,
// answers cached by their query so reordering rows or typing a value back asks nothing new, and a
// late answer for text that has changed since is dropped.
//
// Used for the verdict column (GET /tools/compare) and the standard numbers
// (GET /tools/standard-number) of the plan editor.
import { reactive } from 'vue';
import { compareQuery, compareKey, verdictFromCompare } from './plans.js';

// queryOf(row) → the query, or null when there is nothing to check; keyOf(query) → cache key;
// check(query) → Promise of the state to show (it handles its own expected errors; a rejection
// shows {state: 'unknown'} and is not cached). States by row uid:
// {state: 'idle'|'pending'|'unknown'|…what check returns, key}.
// (setTimeout must be called unbound: `timers.set(…)` on the global function throws "Illegal
// invocation" in browsers.)
const DEFAULT_TIMERS = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h) };

export function createLiveChecks({ check, queryOf, keyOf = (q) => JSON.stringify(q), delay = 300, timers = DEFAULT_TIMERS }) {
  const states = reactive({});
  const cache = new Map();
  const pending = new Map(); // uid → timer
  const wanted = new Map(); // uid → key of the text the row holds now

  function cancel(uid) {
    if (pending.has(uid)) {
      timers.clear(pending.get(uid));
      pending.delete(uid);
    }
  }

  async function ask(uid, q, key) {
    pending.delete(uid);
    let value;
    try {
      value = await check(q);
      cache.set(key, value);
    } catch {
      value = { state: 'unknown' };
    }
    if (wanted.get(uid) === key) states[uid] = { ...value, key };
  }

  // The row's text changed (or the row is new).
  function update(uid, row) {
    const q = queryOf(row);
    const key = q === null || q === undefined ? '' : keyOf(q);
    if (wanted.get(uid) === key && states[uid]) return;
    wanted.set(uid, key);
    cancel(uid);
    if (!key) {
      states[uid] = { state: 'idle', key };
      return;
    }
    if (cache.has(key)) {
      states[uid] = { ...cache.get(key), key };
      return;
    }
    states[uid] = { state: 'pending', key };
    pending.set(
      uid,
      timers.set(() => ask(uid, q, key), delay),
    );
  }

  // Brings every row up to date and forgets rows that are gone.
  function sync(rows) {
    const seen = new Set();
    for (const row of rows || []) {
      seen.add(row.uid);
      update(row.uid, row);
    }
    for (const uid of Object.keys(states)) if (!seen.has(uid)) remove(uid);
  }

  function remove(uid) {
    cancel(uid);
    wanted.delete(uid);
    delete states[uid];
  }

  // An answer known without asking (e.g. the saved plan's verdicts).
  function seed(row, value) {
    const q = queryOf(row);
    if (q !== null && q !== undefined && value) cache.set(keyOf(q), value);
  }

  function dispose() {
    for (const uid of [...pending.keys()]) cancel(uid);
  }

  const busy = () => Object.values(states).some((s) => s.state === 'pending');

  return { states, update, sync, remove, seed, dispose, busy };
}

// The verdict column: compare({a, b, unit}) → {verdict, label, reason}, rejecting with an ApiError
// (422 with `fields.a` / `fields.b` when a side cannot be parsed).
export function createLiveVerdicts({ compare, delay = 300, timers = DEFAULT_TIMERS } = {}) {
  return createLiveChecks({
    queryOf: compareQuery,
    keyOf: compareKey,
    delay,
    timers,
    check: async (q) => {
      try {
        return verdictFromCompare(await compare(q), null);
      } catch (e) {
        if (e && e.status === 422) return verdictFromCompare(null, e);
        throw e;
      }
    },
  });
}
