// Mocks page: select the feed address on focus and copy it with one click.
(function () {
  "use strict";

  function copyFrom(button) {
    var input = document.querySelector(button.getAttribute("data-copy"));
    var status = button.parentElement.querySelector("[data-copy-status]");
    if (!input) return;
    input.select();
    var done = function () { if (status) status.textContent = "Copied."; };
    var failed = function () { if (status) status.textContent = "Select the address and copy it."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, failed);
    } else {
      failed();
    }
  }

  function setUp(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) copyFrom(button);
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-select-on-focus]")) event.target.select();
  });
  // The feed box is swapped in by htmx after a reset; show its copy button too.
  document.addEventListener("htmx:afterSwap", function () { setUp(document); });
  setUp(document);
})();
