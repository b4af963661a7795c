// Sign-up: pre-select the browser's time zone. Without JavaScript, or when the browser's
// zone is not one the server offers, the site's default stays selected.
(function () {
  "use strict";

  var select = document.querySelector("select[data-browser-time-zone]");
  if (!select || !window.Intl || !Intl.DateTimeFormat) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      return;
    }
  }
})();
