/* The installable app: register the service worker (static files and the offline page only),
   and offer "Install Rekindle" on the profile page where the browser supports it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var workerUrl = script && script.getAttribute("data-service-worker");
  if (workerUrl && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(workerUrl, { scope: "/" }).catch(function () {});
    });
  }

  // Safari on iPhone and iPad has no install prompt: show how to add it by hand, unless it's already installed.
  var ios = /iphone|ipad|ipod/i.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  if (ios && navigator.standalone === false) {
    document.addEventListener("DOMContentLoaded", function () {
      var hint = document.querySelector("[data-install-ios]");
      if (hint) hint.hidden = false;
    });
  }

  var offered = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    offered = event;
    var hint = document.querySelector("[data-install-hint]");
    if (hint) hint.hidden = false;
  });
  window.addEventListener("appinstalled", function () {
    var hint = document.querySelector("[data-install-hint]");
    if (hint) hint.hidden = true;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-install-button]");
    if (!button || !offered) return;
    offered.prompt();
    offered.userChoice.finally(function () {
      offered = null;
      var hint = document.querySelector("[data-install-hint]");
      if (hint) hint.hidden = true;
    });
  });
  document.addEventListener("click", function (event) {
    var again = event.target.closest && event.target.closest("[data-reload]");
    if (again) { event.preventDefault(); window.location.reload(); }
  });
})();
