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
  // Web Push (when the server offers it): subscribe or unsubscribe this phone.
  function pushCard() { return document.querySelector("[data-push]"); }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function keyBytes(base64url) {
    var raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function showPush(on, message) {
    var card = pushCard();
    if (!card) return;
    card.querySelector("[data-push-on]").hidden = on;
    card.querySelector("[data-push-off]").hidden = !on;
    card.querySelector("[data-push-status]").textContent = message || (on ? "On — this phone shows your reminders." : "");
  }
  function tell(body) {
    var card = pushCard();
    return fetch(card.getAttribute("data-push-url"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var card = pushCard();
    if (!card || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
    card.hidden = false;
    navigator.serviceWorker.ready.then(function (reg) { return reg.pushManager.getSubscription(); })
      .then(function (sub) { showPush(!!sub && Notification.permission === "granted"); });
  });
  document.addEventListener("click", function (event) {
    var on = event.target.closest && event.target.closest("[data-push-on]");
    var off = event.target.closest && event.target.closest("[data-push-off]");
    if (!on && !off) return;
    var card = pushCard();
    navigator.serviceWorker.ready.then(function (reg) {
      if (off) {
        return reg.pushManager.getSubscription().then(function (sub) {
          if (!sub) return showPush(false);
          return tell({ endpoint: sub.endpoint, remove: true }).then(function () { return sub.unsubscribe(); })
            .then(function () { showPush(false, "Off on this phone."); });
        });
      }
      return Notification.requestPermission().then(function (answer) {
        if (answer !== "granted") return showPush(false, "Notifications are off for Rekindle in this browser's settings.");
        return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(card.getAttribute("data-push-key")) })
          .then(function (sub) { return tell(sub.toJSON()); })
          .then(function (answer) { showPush(!!answer.ok, answer.ok ? "" : answer.error); });
      });
    }).catch(function () { showPush(false, "This phone couldn't turn notifications on. Installing Rekindle first may help."); });
  });

  document.addEventListener("click", function (event) {
    var again = event.target.closest && event.target.closest("[data-reload]");
    if (again) { event.preventDefault(); window.location.reload(); }
  });
})();
