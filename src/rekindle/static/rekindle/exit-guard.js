// Quick exit, second half. Loaded first in <head>, without defer, so it runs before the page
// is drawn. After a quick exit, going Back (or forward) to any Rekindle page in this tab leaves
// again at once, and a page restored from the browser's back-forward cache is never shown
// from memory: it is reloaded, or left if the person had quick-exited.
(function () {
  "use strict";
  var KEY = "rekindle-quick-exit";

  function exitTarget() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function leaveAgain(target) {
    document.documentElement.style.visibility = "hidden";
    window.location.replace(target);
  }

  var navigation = null;
  try { navigation = window.performance.getEntriesByType("navigation")[0]; } catch (e) { navigation = null; }
  var target = exitTarget();
  if (target && navigation && navigation.type === "back_forward") {
    leaveAgain(target);
  } else if (target) {
    // Opened deliberately (a link, a typed address, a reload): the person is back by choice.
    try { window.sessionStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  }

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    var again = exitTarget();
    if (again) { leaveAgain(again); return; }
    document.documentElement.style.visibility = "hidden";
    window.location.reload();
  });
})();
