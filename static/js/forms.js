// Every page: a form with a one-time token is sent once; a second tap waits.
// The server refuses a repeated token anyway; this only spares a slow connection.
(function () {
  "use strict";

  var WAIT_MS = 15000; // after this the buttons come back, should the page hang

  function buttonsOf(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }

  function release(form) {
    delete form.dataset.tokenSent;
    buttonsOf(form).forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.querySelector("input[name=form_token]")) {
      return; // not sent by the browser, or a form without a token
    }
    if (form.dataset.tokenSent) {
      event.preventDefault();
      return;
    }
    form.dataset.tokenSent = "1";
    // Disabled only after the browser has read the form: the pressed button's
    // name and value (e.g. "save and post") must still be sent.
    setTimeout(function () {
      buttonsOf(form).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
      });
    }, 0);
    setTimeout(function () { release(form); }, WAIT_MS);
  });

  // A page restored from the back/forward cache must be usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-token-sent]").forEach(release);
  });
})();
