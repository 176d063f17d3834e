// Asks before leaving an editor with unsaved work: on route changes (a confirm dialog) and on
// closing or reloading the tab (the browser's own prompt). Used by the plan and result editors.
// ElMessageBox comes from the on-demand auto-import (vite.config.js), like in the views.
import { onBeforeUnmount, onMounted } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';

// unsaved(): whether there is work that would be lost; save(): optional last attempt to keep it
// (true when it worked, so no question is needed); skipAsk(): optional, leave the route without
// asking anyway (e.g. the draft was changed elsewhere and cannot be saved from here);
// texts(): {message, title, leave, stay}.
export function useLeaveGuard({ unsaved, save, skipAsk, texts }) {
  onBeforeRouteLeave(async () => {
    if (!unsaved() || skipAsk?.()) return true;
    if (save && (await save())) return true;
    try {
      const { message, title, leave, stay } = texts();
      await ElMessageBox.confirm(message, title, {
        type: 'warning',
        confirmButtonText: leave,
        cancelButtonText: stay,
      });
      return true;
    } catch {
      return false;
    }
  });
  function beforeUnload(e) {
    if (!unsaved()) return;
    e.preventDefault();
    e.returnValue = '';
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
}
