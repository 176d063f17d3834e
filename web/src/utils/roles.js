// Roles of the platform, in the order the admin sees them.
export const ROLES = [
  'enterprise',
  'county_regulator',
  'city_regulator',
  'province_regulator',
  'national_office',
  'technical_body',
  'expert',
  'admin',
];

export const REGULATOR_ROLES = ['county_regulator', 'city_regulator', 'province_regulator'];

// Region level a regulator role is bound to (zones count as county level).
export const ROLE_REGION_LEVELS = {
  county_regulator: ['county', 'zone'],
  city_regulator: ['city'],
  province_regulator: ['province'],
};

export function isRegulator(role) {
  return REGULATOR_ROLES.includes(role);
}

export function needsRegion(role) {
  return isRegulator(role);
}

export function needsEnterprise(role) {
  return role === 'enterprise';
}

// Side menu per role: each entry has a route name and an i18n key; `soon` entries are shown
// disabled (work areas that come in later releases). The first entry is the role's home page;
// the standards catalog (标准目录) and the technical plans (技术方案) are open to every role.
// 工作台: every role's home page (what waits for it, the figures of its scope, the next step).
const WORKBENCH = { name: 'workbench', label: 'menu.workspace', icon: 'home' };
const CATALOG = { name: 'standards', label: 'menu.standards', icon: 'collection' };
const PLANS = { name: 'plans', label: 'menu.plans', icon: 'plan' };
// benchmarking results: the enterprise's own, the reviewers' work queue and all results in scope,
// and the review settings of the administrators and the national office
const MY_RESULTS = { name: 'my-results', label: 'menu.myResults', icon: 'medal' };
const REVIEW_QUEUE = { name: 'review-queue', label: 'menu.reviewQueue', icon: 'review' };
const RESULTS = { name: 'results', label: 'menu.results', icon: 'results' };
const REVIEW_SETTINGS = { name: 'review-settings', label: 'menu.reviewSettings', icon: 'setting' };
// campaigns (专项行动): every role but the public; enterprises see the campaigns they are members
// of. Support requests (技术支持需求) from the 附件2 lists: the technical bodies' queue.
const CAMPAIGNS = { name: 'campaigns', label: 'menu.campaigns', icon: 'flag' };
const SUPPORT_REQUESTS = { name: 'support-requests', label: 'menu.supportRequests', icon: 'support' };
// 规划指标监测: the province office enters its plan's actuals, the national office follows them.
// 企业标准“领跑者”: evaluation plans, rounds and the published lists, for every role.
const LEADERS = { name: 'leaders', label: 'menu.frontRunner', icon: 'medal' };
const PLANNING = { name: 'planning', label: 'menu.planning', icon: 'trend' };

// information services: notices for everyone; circulars between offices; questions (the
// enterprise asks, offices, technical bodies and experts answer); the directory; the search box.
const NOTICES = { name: 'notices', label: 'info.menu.notices', icon: 'bell' };
const CIRCULARS = { name: 'circulars', label: 'info.menu.circulars', icon: 'document' };
const QUESTIONS = { name: 'questions', label: 'info.menu.questions', icon: 'chat' };
const DIRECTORY = { name: 'directory', label: 'info.menu.directory', icon: 'user' };
const SEARCH = { name: 'app-search', label: 'info.menu.search', icon: 'search' };
const INFO = [NOTICES, QUESTIONS, DIRECTORY, SEARCH];
const OFFICE_INFO = [NOTICES, CIRCULARS, QUESTIONS, DIRECTORY, SEARCH];

const REGULATOR_MENU = [
  WORKBENCH,
  { name: 'enterprises', label: 'menu.regionEnterprises', icon: 'office' },
  REVIEW_QUEUE,
  RESULTS,
  CAMPAIGNS,
  CATALOG,
  PLANS,
  LEADERS,
  ...OFFICE_INFO,
  { name: 'users', label: 'menu.usersReadonly', icon: 'user' },
];

export const MENUS = {
  enterprise: [
    WORKBENCH,
    { name: 'enterprise-home', label: 'menu.myEnterprise', icon: 'office' },
    { name: 'products', label: 'menu.products', icon: 'goods' },
    MY_RESULTS,
    CAMPAIGNS,
    CATALOG,
    PLANS,
    LEADERS,
    ...INFO,
  ],
  // The three regulator levels share one menu: what differs is the region they are bound to.
  county_regulator: REGULATOR_MENU,
  city_regulator: REGULATOR_MENU,
  province_regulator: [...REGULATOR_MENU, PLANNING],
  national_office: [
    WORKBENCH,
    { name: 'enterprises', label: 'menu.enterprises', icon: 'office' },
    REVIEW_QUEUE,
    RESULTS,
    CAMPAIGNS,
    PLANNING,
    CATALOG,
    PLANS,
    LEADERS,
    ...OFFICE_INFO,
    // no user list: user administration is not the office's business (GET /users is 403)
    { name: 'audit', label: 'menu.audit', icon: 'document' },
    REVIEW_SETTINGS,
  ],
  technical_body: [
    WORKBENCH,
    SUPPORT_REQUESTS,
    CAMPAIGNS,
    CATALOG,
    PLANS,
    LEADERS,
    ...INFO,
    { name: null, label: 'menu.testReports', icon: 'document', soon: true },
  ],
  expert: [
    WORKBENCH,
    CAMPAIGNS,
    SUPPORT_REQUESTS,
    CATALOG,
    PLANS,
    LEADERS,
    ...INFO,
    { name: null, label: 'menu.reviewTasks', icon: 'document', soon: true },
  ],
  admin: [
    WORKBENCH,
    { name: 'users', label: 'menu.users', icon: 'user' },
    { name: 'enterprises', label: 'menu.enterprises', icon: 'office' },
    CAMPAIGNS,
    CATALOG,
    PLANS,
    LEADERS,
    NOTICES,
    CIRCULARS,
    QUESTIONS,
    DIRECTORY,
    SEARCH,
    { name: 'audit', label: 'menu.audit', icon: 'document' },
    REVIEW_SETTINGS,
  ],
};

// Only administrators manage users; regulators and the national office see them read-only.
export function canManageUsers(role) {
  return role === 'admin';
}

// Roles worth offering in the role filter of the users list: a regulator sees the users bound to
// its region's subtree, so no national office, administrators or regulators above its own level.
export function userRoleFilterOptions(role) {
  if (!isRegulator(role)) return ROLES.slice();
  const own = REGULATOR_ROLES.indexOf(role);
  return ROLES.filter((r) => r !== 'national_office' && r !== 'admin' && (!isRegulator(r) || REGULATOR_ROLES.indexOf(r) <= own));
}

// Route names each role may open (besides the account pages every signed-in user has).
export function allowedRoutes(role) {
  return (MENUS[role] || []).filter((m) => m.name).map((m) => m.name);
}

// The first page after login.
export function homeRouteFor(role) {
  const first = (MENUS[role] || []).find((m) => m.name);
  return first ? first.name : 'workbench';
}

// Tags that belong to one province (GB/T 2260 province prefix): offered to its enterprises only.
export const PROVINCIAL_FLAGS = { zhejiang_made: '33' };

export function flagsForRegion(regionCode) {
  const code = String(regionCode || '');
  return ENTERPRISE_FLAGS.filter((f) => !PROVINCIAL_FLAGS[f] || code.startsWith(PROVINCIAL_FLAGS[f]));
}

export const ENTERPRISE_FLAGS = [
  'above_size',
  'little_giant',
  'hidden_champion',
  'single_champion',
  'unicorn',
  'gazelle',
  'zhejiang_made',
];
