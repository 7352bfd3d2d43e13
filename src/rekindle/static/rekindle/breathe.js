// The breathing guide: a text rhythm, and a slowly growing and shrinking circle only for people
// whose device doesn't ask for reduced motion. The steps above work without it.
(function () {
  "use strict";
  var IN = 4, OUT = 6, ROUNDS = 12, SMALL = 0.55;
  var guide = document.getElementById("breath-guide");
  var shape = document.getElementById("breath-shape");
  var circle = document.getElementById("breath-circle");
  var cue = document.getElementById("breath-cue");
  var count = document.getElementById("breath-count");
  var toggle = document.getElementById("breath-toggle");
  var moving = window.matchMedia("(prefers-reduced-motion: no-preference)").matches && !!circle.animate;
  var ticking = null, animation = null, round = 0, running = false;

  shape.hidden = !moving;
  circle.style.transformBox = "fill-box";
  circle.style.transformOrigin = "center";
  circle.style.transform = "scale(" + SMALL + ")";

  function step(label, seconds, from, to, then) {
    cue.textContent = label;
    if (moving) {
      animation = circle.animate(
        [{ transform: "scale(" + from + ")" }, { transform: "scale(" + to + ")" }],
        { duration: seconds * 1000, easing: "ease-in-out", fill: "forwards" }
      );
    }
    var n = 1;
    count.textContent = n + " of " + seconds;
    ticking = setInterval(function () {
      n += 1;
      if (n > seconds) { clearInterval(ticking); then(); } else { count.textContent = n + " of " + seconds; }
    }, 1000);
  }
  function breatheIn() {
    round += 1;
    if (round > ROUNDS) { stop("Well done. Notice how you feel now."); return; }
    step("Breathe in", IN, SMALL, 1, breatheOut);
  }
  function breatheOut() { step("Breathe out", OUT, 1, SMALL, breatheIn); }
  function stop(message) {
    running = false;
    clearInterval(ticking);
    if (animation) animation.cancel();
    count.textContent = "";
    cue.textContent = message;
    toggle.textContent = "Start again";
  }
  toggle.addEventListener("click", function () {
    if (running) { stop("Stopped. Start again whenever you like."); return; }
    running = true;
    round = 0;
    toggle.textContent = "Stop";
    breatheIn();
  });
  guide.hidden = false;
})();
