// Listening session: a countdown for the turn, and typed words kept safe. The page works without it.
(function () {
  "use strict";
  var calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // The turn timer: the server says when the turn ends ("until 21:40"); this adds what's left.
  function tick() {
    document.querySelectorAll("[data-turn-timer]").forEach(function (el) {
      if (!el.dataset.endsAt) el.dataset.endsAt = String(Date.now() + Number(el.dataset.remaining) * 1000);
      var left = Math.max(0, Math.round((Number(el.dataset.endsAt) - Date.now()) / 1000));
      var text;
      if (left === 0) text = "— time's up. Finish your thought, then pass the floor.";
      else if (calm) text = "(about " + Math.ceil(left / 60) + (left > 60 ? " minutes" : " minute") + " left)";
      else text = "(" + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0") + " left)";
      if (el.textContent !== text) el.textContent = text;
    });
  }
  setInterval(tick, 1000);
  tick();

  // Typed words survive the other phone's changes, a reload and a lost connection.
  function store() { try { return window.sessionStorage; } catch (e) { return null; } }
  function restore(root) {
    var saved = store();
    if (!saved || !root.querySelectorAll) return;
    root.querySelectorAll("textarea[data-draft]").forEach(function (box) {
      var draft = saved.getItem(box.dataset.draft);
      if (draft && !box.value) box.value = draft;
    });
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    var saved = store();
    if (!saved || !box.dataset || !box.dataset.draft) return;
    if (box.value) saved.setItem(box.dataset.draft, box.value); else saved.removeItem(box.dataset.draft);
  });
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "stage" || !event.detail.fragment) return;
    var kept = {};
    target.querySelectorAll("textarea[data-draft]").forEach(function (box) {
      if (box.value.trim()) kept[box.dataset.draft] = box.value;
    });
    event.detail.fragment.querySelectorAll("textarea[data-draft]").forEach(function (box) {
      if (!box.textContent && kept[box.dataset.draft]) box.textContent = kept[box.dataset.draft];
    });
  });
  // Sent: forget the draft (the server hands the words back if they need fixing). Not sent: keep it.
  function drafts(event, keep) {
    var form = event.detail.elt;
    var saved = store();
    if (!saved || !form || !form.querySelectorAll) return;
    form.querySelectorAll("textarea[data-draft]").forEach(function (box) {
      if (keep && box.value) saved.setItem(box.dataset.draft, box.value); else if (!keep) saved.removeItem(box.dataset.draft);
    });
  }
  document.addEventListener("htmx:beforeRequest", function (event) { drafts(event, false); });
  document.addEventListener("htmx:sendError", function (event) { drafts(event, true); });
  document.addEventListener("htmx:responseError", function (event) { drafts(event, true); });
  document.addEventListener("htmx:oobAfterSwap", function (event) { restore(event.detail.target || document); });
  restore(document);
})();
