import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '../stores/auth.js';
import { t } from '../i18n/index.js';
import { allowedRoutes } from '../utils/roles.js';
import { STANDARD_EDITOR_ROLES } from '../utils/standards.js';
import { PLAN_DRAFTER_ROLES } from '../utils/plans.js';
import { REVIEWER_ROLES } from '../utils/results.js';
import { CAMPAIGN_CREATOR_ROLES } from '../utils/campaigns.js';

const AppLayout = () => import('../layouts/AppLayout.vue');
const StandardsView = () => import('../views/StandardsView.vue');
const StandardDetailView = () => import('../views/StandardDetailView.vue');
const StandardEditor = () => import('../views/StandardEditor.vue');
const PlansView = () => import('../views/PlansView.vue');
const PlanDetailView = () => import('../views/PlanDetailView.vue');
const PlanEditor = () => import('../views/PlanEditor.vue');
const CampaignEditor = () => import('../views/CampaignEditor.vue');

export const routes = [
  { path: '/', name: 'landing', component: () => import('../views/LandingView.vue'), meta: { public: true } },
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { public: true, guestOnly: true, title: 'login.title' } },
  { path: '/register', name: 'register', component: () => import('../views/RegisterView.vue'), meta: { public: true, guestOnly: true, title: 'register.title' } },
  // the standards catalog is public; signed-in users get the same pages inside the app layout
  { path: '/standards', name: 'catalog', component: StandardsView, meta: { public: true, title: 'menu.standards' } },
  { path: '/standards/:id(\\d+)', name: 'catalog-standard', component: StandardDetailView, meta: { public: true } },
  // technical plans: public list and detail (the server shows visitors 公示 / published / superseded
  // plans only), and the published version of a plan number
  { path: '/plans', name: 'public-plans', component: PlansView, meta: { public: true, title: 'menu.plans' } },
  { path: '/plans/:id(\\d+)', name: 'public-plan', component: PlanDetailView, meta: { public: true } },
  { path: '/plans/number/:number', name: 'plan-number', component: PlanDetailView, meta: { public: true, byNumber: true } },
  // published benchmarking results and the verification page of one result (social supervision)
  { path: '/results', name: 'public-results', component: () => import('../views/PublicResultsView.vue'), meta: { public: true, title: 'menu.publicResults' } },
  { path: '/leaders', name: 'public-leaders', component: () => import('../views/LeadersView.vue'), meta: { public: true } },
  { path: '/leaders/plans/:id(\\d+)', name: 'public-leader-plan', component: () => import('../views/LeaderPlanView.vue'), meta: { public: true } },
  { path: '/verify/:code', name: 'verify', component: () => import('../views/VerifyView.vue'), meta: { public: true } },
  // information services on the public site: public notices, the FAQ, the directory, the search box
  { path: '/notices', name: 'public-notices', component: () => import('../views/PublicNoticesView.vue'), meta: { public: true } },
  { path: '/notices/:id(\\d+)', name: 'public-notice', component: () => import('../views/NoticeDetailView.vue'), meta: { public: true } },
  { path: '/faq', name: 'public-faq', component: () => import('../views/FaqView.vue'), meta: { public: true } },
  { path: '/directory', name: 'public-directory', component: () => import('../views/DirectoryView.vue'), meta: { public: true } },
  { path: '/search', name: 'public-search', component: () => import('../views/SearchView.vue'), meta: { public: true } },
  {
    path: '/app',
    component: AppLayout,
    children: [
      // resolved by the guard below to the first page of the user's role
      { path: '', name: 'app-home', component: () => import('../views/WorkbenchView.vue') },
      { path: 'enterprise', name: 'enterprise-home', component: () => import('../views/EnterpriseHome.vue'), meta: { title: 'menu.myEnterprise', menu: true } },
      { path: 'products', name: 'products', component: () => import('../views/ProductsView.vue'), meta: { title: 'menu.products', menu: true } },
      { path: 'enterprises', name: 'enterprises', component: () => import('../views/EnterpriseList.vue'), meta: { title: 'menu.enterprises', menu: true } },
      { path: 'users', name: 'users', component: () => import('../views/UsersView.vue'), meta: { title: 'menu.users', menu: true } },
      { path: 'audit', name: 'audit', component: () => import('../views/AuditView.vue'), meta: { title: 'menu.audit', menu: true } },
      { path: 'standards', name: 'standards', component: StandardsView, meta: { title: 'menu.standards', menu: true } },
      {
        path: 'standards/new',
        name: 'standard-new',
        component: StandardEditor,
        meta: { title: 'standards.createTitle', roles: STANDARD_EDITOR_ROLES, menuActive: 'standards' },
      },
      { path: 'standards/:id(\\d+)', name: 'standard', component: StandardDetailView, meta: { title: 'standards.detailTitle', menuActive: 'standards' } },
      {
        path: 'standards/:id(\\d+)/edit',
        name: 'standard-edit',
        component: StandardEditor,
        meta: { title: 'standards.editTitle', roles: STANDARD_EDITOR_ROLES, menuActive: 'standards' },
      },
      { path: 'plans', name: 'plans', component: PlansView, meta: { title: 'menu.plans', menu: true } },
      { path: 'plans/new', name: 'plan-new', component: PlanEditor, meta: { title: 'plans.createTitle', roles: PLAN_DRAFTER_ROLES, menuActive: 'plans' } },
      { path: 'plans/:id(\\d+)', name: 'plan', component: PlanDetailView, meta: { title: 'plans.title', menuActive: 'plans' } },
      {
        path: 'plans/:id(\\d+)/edit',
        name: 'plan-edit',
        component: PlanEditor,
        meta: { title: 'plans.editTitle', roles: PLAN_DRAFTER_ROLES, menuActive: 'plans' },
      },
      // benchmarking results: the enterprise's list and editor, the reviewers' queue, list and review page
      { path: 'my-results', name: 'my-results', component: () => import('../views/MyResultsView.vue'), meta: { title: 'menu.myResults', menu: true } },
      {
        path: 'my-results/:id',
        name: 'my-result',
        component: () => import('../views/ResultEditor.vue'),
        meta: { title: 'results.editorTitle', roles: ['enterprise'], menuActive: 'my-results' },
      },
      { path: 'review', name: 'review-queue', component: () => import('../views/ReviewQueueView.vue'), meta: { title: 'menu.reviewQueue', menu: true } },
      { path: 'results', name: 'results', component: () => import('../views/ResultsView.vue'), meta: { title: 'menu.results', menu: true } },
      {
        path: 'results/:id',
        name: 'result',
        component: () => import('../views/ResultReview.vue'),
        meta: {
          title: 'review.title',
          roles: [...REVIEWER_ROLES, 'admin'],
          menuActive: (route) => (route.query.from === 'queue' ? 'review-queue' : 'results'),
        },
      },
      // campaigns (专项行动): list, editor of the running office, detail with its tabs
      // (?tab=overview|dashboard|members|list), and the technical bodies' support requests
      { path: 'campaigns', name: 'campaigns', component: () => import('../views/CampaignsView.vue'), meta: { title: 'menu.campaigns', menu: true } },
      {
        path: 'campaigns/new',
        name: 'campaign-new',
        component: CampaignEditor,
        meta: { title: 'campaigns.createTitle', roles: CAMPAIGN_CREATOR_ROLES, menuActive: 'campaigns' },
      },
      {
        path: 'campaigns/:id(\\d+)',
        name: 'campaign',
        component: () => import('../views/CampaignDetailView.vue'),
        meta: { title: 'campaigns.detailTitle', menuActive: 'campaigns' },
      },
      {
        path: 'campaigns/:id(\\d+)/edit',
        name: 'campaign-edit',
        component: CampaignEditor,
        meta: { title: 'campaigns.editTitle', roles: CAMPAIGN_CREATOR_ROLES, menuActive: 'campaigns' },
      },
      {
        path: 'support-requests',
        name: 'support-requests',
        component: () => import('../views/SupportRequestsView.vue'),
        meta: { title: 'menu.supportRequests', menu: true },
      },
      { path: 'leaders', name: 'leaders', component: () => import('../views/LeadersView.vue'), meta: { title: 'menu.frontRunner', menu: true } },
      { path: 'leader-plans/:id(\\d+)', name: 'leader-plan', component: () => import('../views/LeaderPlanView.vue'), meta: { title: 'leaders.planTitle', menuActive: 'leaders' } },
      { path: 'leader-rounds/:id(\\d+)', name: 'leader-round', component: () => import('../views/LeaderRoundView.vue'), meta: { title: 'leaders.round', menuActive: 'leaders' } },
      { path: 'planning', name: 'planning', component: () => import('../views/PlanningView.vue'), meta: { title: 'menu.planning', menu: true } },
      // information services (信息发布、情况通报、互动交流、资讯查询)
      { path: 'notices', name: 'notices', component: () => import('../views/NoticesView.vue'), meta: { title: 'info.menu.notices', menu: true } },
      { path: 'notices/:id(\\d+)', name: 'notice', component: () => import('../views/NoticeDetailView.vue'), meta: { title: 'info.n.title', menuActive: 'notices' } },
      { path: 'circulars', name: 'circulars', component: () => import('../views/CircularsView.vue'), meta: { title: 'info.menu.circulars', menu: true } },
      { path: 'questions', name: 'questions', component: () => import('../views/QuestionsView.vue'), meta: { title: 'info.menu.questions', menu: true } },
      { path: 'directory', name: 'directory', component: () => import('../views/DirectoryView.vue'), meta: { title: 'info.menu.directory', menu: true } },
      { path: 'search', name: 'app-search', component: () => import('../views/SearchView.vue'), meta: { title: 'info.menu.search', menu: true } },
      { path: 'settings/review', name: 'review-settings', component: () => import('../views/ReviewSettings.vue'), meta: { title: 'menu.reviewSettings', menu: true } },
      { path: 'workbench', name: 'workbench', component: () => import('../views/WorkbenchView.vue'), meta: { title: 'menu.workspace', menu: true } },
      // the former name of the technical bodies' and experts' home page
      { path: 'workspace', name: 'workspace', redirect: { name: 'workbench' } },
      { path: '/account/password', name: 'change-password', component: () => import('../views/ChangePassword.vue'), meta: { title: 'password.title' } },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFound.vue'), meta: { public: true, title: 'notFound.title' } },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    if (!auth.ready) await auth.init();
    if (to.meta.public) {
      if (to.meta.guestOnly && auth.loggedIn) return { name: auth.mustChangePassword ? 'change-password' : auth.homeRoute };
      return true;
    }
    if (!auth.loggedIn) return { name: 'login', query: to.fullPath !== '/app' ? { redirect: to.fullPath } : {} };
    if (auth.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' };
    if (to.name === 'app-home') return { name: auth.homeRoute };
    if (to.meta.menu && !allowedRoutes(auth.role).includes(to.name)) return { name: auth.homeRoute };
    if (to.meta.roles && !to.meta.roles.includes(auth.role)) return { name: auth.homeRoute };
    return true;
  });
  // The window title: the page's own title, then the platform's short name.
  router.afterEach((to) => {
    if (typeof document === 'undefined') return;
    const key = to.meta && to.meta.title;
    const page = key ? t(key) : '';
    document.title = page ? `${page} - ${t('app.shortName')}` : t('app.name');
  });
  return router;
}
