// The practise form's timer: counts the seconds spent writing, starting on the
// first keystroke, and hands them to the hidden seconds_spent field on submit.
// Without this script the timer stays hidden and the form posts no time.
(function () {
  "use strict";

  function format(total) {
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var mmss = String(minutes).padStart(2, "0") + ":" + String(seconds).padStart(2, "0");
    return hours ? hours + ":" + mmss : mmss;
  }

  function setUp(timer) {
    // A page swapped in by htmx brings new timers; one already running is left alone.
    if (timer.dataset.timerReady) return;
    timer.dataset.timerReady = "1";
    var form = timer.closest("form");
    if (!form) return;
    var field = form.querySelector("input[name=seconds_spent]");
    var textarea = form.querySelector("textarea[name=body]");
    var readout = timer.querySelector("[data-timer-elapsed]");
    var left = timer.querySelector("[data-timer-left]");
    var toggle = timer.querySelector("[data-timer-toggle]");
    var limit = 6 * 60 * 60;
    var suggested = parseInt(timer.dataset.suggestedSeconds, 10) || 0;
    // An edited answer keeps counting from the time it already has.
    var base = parseInt(field && field.value, 10) || 0;
    var startedAt = null;
    var interval = null;

    function elapsed() {
      var running = startedAt === null ? 0 : Math.floor((Date.now() - startedAt) / 1000);
      return Math.min(base + running, limit);
    }

    function render() {
      var now = elapsed();
      readout.textContent = format(now);
      timer.classList.toggle("over", suggested > 0 && now > suggested);
      // A gentle countdown: how much of the suggested time is left, never an alarm.
      if (left && suggested > 0) {
        left.textContent = now <= suggested ? format(suggested - now) + " left" : "past the suggested time";
      }
    }

    function start() {
      if (startedAt !== null) return;
      startedAt = Date.now();
      interval = window.setInterval(render, 1000);
      toggle.textContent = "Pause timer";
      toggle.setAttribute("aria-pressed", "true");
      timer.classList.add("running");
      render();
    }

    function pause() {
      if (startedAt === null) return;
      base = elapsed();
      startedAt = null;
      window.clearInterval(interval);
      toggle.textContent = "Resume timer";
      toggle.setAttribute("aria-pressed", "false");
      timer.classList.remove("running");
      render();
    }

    toggle.addEventListener("click", function () {
      if (startedAt === null) start();
      else pause();
    });
    if (textarea) {
      textarea.addEventListener("input", start, { once: true });
    }
    form.addEventListener("submit", function () {
      if (field && (startedAt !== null || base > 0)) field.value = String(elapsed());
    });

    timer.hidden = false;
    render();
  }

  function init() {
    document.querySelectorAll("[data-timer]").forEach(setUp);
  }

  document.addEventListener("htmx:afterSettle", init);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
