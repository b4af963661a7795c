// Practice pages: keyboard shortcuts (1-4 grade recall, Ctrl/⌘+Enter saves), a question
// before leaving a page with unsaved text, and focus moved to the new step after htmx
// swaps a page in. Everything here is an extra: the forms work without it.
(function () {
  "use strict";

  // Once per page, even when htmx swaps in a page that loads this script again.
  if (window.__practiceKeys) return;
  window.__practiceKeys = true;
  var dirty = false;

  function typingIn(target) {
    return target.closest("textarea, select, [contenteditable]") ||
      (target.matches("input") && !target.matches("[type=radio], [type=checkbox], [type=submit], [type=button]"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target.closest("form");
      var save = form && form.querySelector("[data-save]");
      if (save) {
        event.preventDefault();
        dirty = false;
        form.requestSubmit(save);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
    // On a 1-5 score, a digit picks that score rather than a grade.
    var segmented = event.target.closest(".segmented");
    if (segmented) {
      var score = segmented.querySelector('input[value="' + event.key + '"]');
      if (score) {
        event.preventDefault();
        score.checked = true;
        score.focus();
      }
      return;
    }
    var button = document.querySelector('[data-grade-key="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.closest("form[data-unsaved-guard]") && event.target.matches("textarea")) dirty = true;
  });
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-unsaved-guard]")) dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });

  function focusStep() {
    var target = document.querySelector("#review [role=status]") || document.querySelector("[data-step-focus]");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    }
  }
  // A boosted page swap or the review box swapped in: the next step gets the focus.
  // A preview or a draft saved is swapped in too: that leaves the text unsaved.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target === document.body || (target && target.id === "review")) {
      dirty = false;
      focusStep();
    }
  });
})();
