// 企业标准“领跑者” evaluation: plans, rounds, declarations and the public lists.
import { http } from './http.js';

const planPath = (id) => '/leader-plans/' + encodeURIComponent(id);
const roundPath = (id) => '/leader-rounds/' + encodeURIComponent(id);
const declarationPath = (id) => '/leader-declarations/' + encodeURIComponent(id);

export const leaderPlansApi = {
  list: (query) => http.get('/leader-plans', query),
  get: (id) => http.get(planPath(id)),
  create: (body) => http.post('/leader-plans', body),
  update: (id, body) => http.put(planPath(id), body),
  // {action: notice|publish|reject|withdraw, notice_start?, notice_end?, comment?, version?}
  act: (id, body) => http.post(planPath(id) + '/actions', body),
  objections: (id) => http.get(planPath(id) + '/objections'),
  object: (id, text) => http.post(planPath(id) + '/objections', { text }),
  answer: (id, oid, answer) => http.post(planPath(id) + '/objections/' + encodeURIComponent(oid) + '/answer', { answer }),
  rounds: (id) => http.get(planPath(id) + '/rounds'),
  openRound: (id, title) => http.post(planPath(id) + '/rounds', { title }),
};

export const leaderRoundsApi = {
  get: (id) => http.get(roundPath(id)),
  // {action: shortlist|notice|publish, notice_start?, notice_end?, version?}
  act: (id, body) => http.post(roundPath(id) + '/actions', body),
  ranking: (id) => http.get(roundPath(id) + '/ranking'),
  declarations: (id, query) => http.get(roundPath(id) + '/declarations', query),
  declare: (id, body) => http.post(roundPath(id) + '/declarations', body),
};

export const leaderDeclarationsApi = {
  get: (id) => http.get(declarationPath(id)),
  update: (id, body) => http.put(declarationPath(id), body),
  commit: (id, file_hash, version) => http.post(declarationPath(id) + '/commitment', { file_hash, version }),
  commitmentUrl: (id) => '/api/v1' + declarationPath(id) + '/commitment',
};

export const publicLeadersApi = {
  // {q?, level?, round_id?, page?, page_size?} → {items, total}
  list: (query) => http.get('/public/leaders', query),
  round: (id) => http.get('/public/leader-rounds/' + encodeURIComponent(id)),
};
