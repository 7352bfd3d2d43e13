// The countdown: a progressive enhancement of "Talk until …" above.
(function () {
  "use strict";
  var box = document.getElementById("talk-timer");
  var clock = document.getElementById("talk-clock");
  var bar = document.getElementById("talk-progress");
  var pause = document.getElementById("talk-pause");
  var announce = document.getElementById("talk-announce");
  var until = document.querySelector("#talk-until time");
  var total = Number(box.dataset.seconds) * 1000;
  var calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;  // minutes only, no ticking seconds
  var remaining = total;
  var endsAt = 0;
  var ticking = null;

  function show() {
    var seconds = Math.ceil(remaining / 1000);
    var minutes = Math.floor(seconds / 60);
    clock.textContent = calm
      ? Math.ceil(seconds / 60) + (seconds > 60 ? " minutes" : " minute")
      : minutes + ":" + String(seconds % 60).padStart(2, "0");
    bar.value = Math.floor((total - remaining) / (calm ? 60000 : 1000)) * (calm ? 60 : 1);
  }

  function tick() {
    remaining = Math.max(0, endsAt - Date.now());
    show();
    if (remaining === 0) {
      clearInterval(ticking);
      ticking = null;
      pause.hidden = true;
      announce.className = "message";
      announce.textContent = "Fifteen minutes are up. Finish your thought; there's no need to stop mid-sentence.";
    }
  }

  function run() {
    endsAt = Date.now() + remaining;
    try {
      until.textContent = new Date(endsAt).toLocaleTimeString("en-GB", {
        hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: box.dataset.timeZone
      });
    } catch (e) { /* an unknown zone: keep the server's time */ }
    pause.textContent = "Pause";
    announce.textContent = "";
    ticking = setInterval(tick, 1000);
    tick();
  }

  pause.addEventListener("click", function () {
    if (!ticking) { run(); return; }
    clearInterval(ticking);
    ticking = null;
    remaining = Math.max(0, endsAt - Date.now());
    pause.textContent = "Carry on";
    announce.textContent = "Paused. Carry on whenever you're ready.";
  });

  box.hidden = false;
  run();
})();
