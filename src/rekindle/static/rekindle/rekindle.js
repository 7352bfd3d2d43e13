// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Older names some devices still report, and the current names the picker offers.
  var ZONE_RENAMED = {
    "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon", "Europe/Kiev": "Europe/Kyiv", "Atlantic/Faeroe": "Atlantic/Faroe",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires", "America/Indianapolis": "America/Indiana/Indianapolis",
    "Pacific/Truk": "Pacific/Chuuk", "Pacific/Ponape": "Pacific/Pohnpei", "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Australia/Canberra": "Australia/Sydney", "Europe/Belfast": "Europe/London", "America/Godthab": "America/Nuuk"
  };

  // Pre-fill time zone pickers with the device's zone when nothing was chosen yet.
  function detectTimezone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
      if (select.value !== "UTC" || !zone) return;
      var wanted = [zone, ZONE_RENAMED[zone]];
      for (var i = 0; i < select.options.length; i++) {
        if (wanted.indexOf(select.options[i].value) !== -1) { select.value = select.options[i].value; return; }
      }
    });
  }

  // After htmx swaps in new content, move focus to it so keyboard and screen reader users follow;
  // when the server sent the form back with a field to fix, focus goes to the first such field.
  function focusSwapped(event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.querySelector) return;
    var focusable = target.querySelector("[data-focus-after-swap]") || target.querySelector("[aria-invalid='true']");
    if (focusable) focusable.focus();
  }

  // Quick exit: leave at once and replace this history entry, so Back doesn't return here.
  function quickExit(event) {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    // exit-guard.js reads this: Back to any Rekindle page in this tab leaves again.
    try { window.sessionStorage.setItem("rekindle-quick-exit", link.href); } catch (e) { /* private mode */ }
    window.location.replace(link.href);
  }
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 1000) quickExit(event);
    lastEscape = now;
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-quick-exit]")) quickExit(event);
  });

  // "Copy the link" buttons: shown only where the clipboard can be used.
  function setUpCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var wrapper = button.closest(".js-only");
      if (wrapper) wrapper.hidden = false;
      button.addEventListener("click", function () {
        var field = document.querySelector(button.getAttribute("data-copy"));
        var status = wrapper && wrapper.querySelector("[data-copy-status]");
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) status.textContent = "Copied.";
        }, function () {
          field.select();
          if (status) status.textContent = "Select the link and copy it.";
        });
      });
    });
  }

  // The reveal arrives with a gentle motion the first time this phone sees it, not on every visit.
  // (Only a date is remembered, never any words.)
  function markFreshReveal() {
    var reveal = document.querySelector("[data-reveal]");
    if (!reveal) return;
    var key = "rekindle-reveal-seen", day = reveal.getAttribute("data-reveal");
    try {
      if (window.localStorage.getItem(key) === day) return;
      window.localStorage.setItem(key, day);
    } catch (e) { return; }
    reveal.classList.add("reveal-fresh");
  }

  document.addEventListener("DOMContentLoaded", detectTimezone);
  document.addEventListener("DOMContentLoaded", markFreshReveal);
  document.addEventListener("DOMContentLoaded", setUpCopyButtons);
  document.addEventListener("htmx:afterSettle", focusSwapped);
})();
