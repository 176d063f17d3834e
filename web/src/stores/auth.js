import { defineStore } from 'pinia';
import { authApi } from '../api/index.js';
import { setCsrfToken } from '../api/http.js';
import { homeRouteFor } from '../utils/roles.js';

export const useAuthStore = defineStore('auth', {
  state: () => ({
    user: null,
    ready: false, // true once the start-up /auth/me call has answered
  }),
  getters: {
    loggedIn: (s) => !!s.user,
    role: (s) => (s.user ? s.user.role : null),
    mustChangePassword: (s) => !!(s.user && s.user.must_change_password),
    homeRoute: (s) => (s.user ? homeRouteFor(s.user.role) : 'landing'),
  },
  actions: {
    // On app start: who am I? Without a session fetch a pre-session CSRF token for login / registration.
    async init() {
      if (this.ready) return;
      try {
        const me = await authApi.me();
        this.user = me.user;
        if (me.csrf_token) setCsrfToken(me.csrf_token);
      } catch (e) {
        this.user = null;
        await this.fetchCsrf();
      } finally {
        this.ready = true;
      }
    },
    async fetchCsrf() {
      try {
        const r = await authApi.csrf();
        if (r && r.csrf_token) setCsrfToken(r.csrf_token);
      } catch {
        // the login form will report the problem when it posts
      }
    },
    // Takes the answer of login or registration ({user, csrf_token}).
    signedIn(answer) {
      this.user = answer.user;
      if (answer.csrf_token) setCsrfToken(answer.csrf_token);
      this.ready = true;
    },
    // Re-reads the session (user and CSRF token) from the server.
    async refresh() {
      const me = await authApi.me();
      this.user = me.user;
      if (me.csrf_token) setCsrfToken(me.csrf_token);
      return me.user;
    },
    async login(username, password) {
      const r = await authApi.login(username, password);
      this.signedIn(r);
      return r.user;
    },
    async logout() {
      try {
        await authApi.logout();
      } catch {
        // the session may already be gone
      }
      this.clear();
      await this.fetchCsrf();
    },
    // The session ended on the server (401): forget the user.
    clear() {
      this.user = null;
      setCsrfToken(null);
    },
    passwordChanged() {
      if (this.user) this.user = { ...this.user, must_change_password: false };
    },
  },
});
