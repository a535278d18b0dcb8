// Quantity stepper: big − and + buttons beside the number field.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-step]");
    if (!button) { return; }
    var input = button.closest("[data-stepper]").querySelector("input");
    // 1.000 is one thousand, as the server reads it.
    var value = parseInt((input.value || "").replace(/[.,\s]/g, ""), 10) || 0;
    var next = value + parseInt(button.getAttribute("data-step"), 10);
    var min = parseInt(input.getAttribute("data-min"), 10) || 1;
    var max = parseInt(input.getAttribute("data-max"), 10) || 1000;
    input.value = Math.max(min, Math.min(max, next));
  });
})();

// Handing in: the chosen photo's name, and "Sending…" while a slow line works.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".photo-input")) { return; }
    var field = input.closest(".photo-field");
    var shown = field.querySelector(".photo-chosen");
    var button = field.querySelector(".photo-button");
    var file = input.files && input.files[0];
    if (!file) { return; }
    shown.textContent = "✓ " + file.name;
    var text = button && button.querySelector(".photo-button-text");
    if (text && button.dataset.again) { text.textContent = button.dataset.again; }
  });

  function restore(form) {
    form.querySelectorAll("button[data-sending]").forEach(function (button) {
      if (button.dataset.label) {
        button.textContent = button.dataset.label;
        delete button.dataset.label;
      }
    });
  }

  function showSending(form) {
    form.querySelectorAll("button[data-sending]").forEach(function (button) {
      if (button.dataset.label) { return; }
      button.dataset.label = button.textContent;
      button.textContent = "";
      var spinner = document.createElement("span");
      spinner.className = "spinner-border spinner-border-sm me-2";
      spinner.setAttribute("aria-hidden", "true");
      button.appendChild(spinner);
      button.appendChild(document.createTextNode(button.dataset.sending));
    });
    // forms.js gives the buttons back after a while, should the page hang.
    setTimeout(function () { restore(form); }, 15000);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches("form[data-hand-in]")) { return; }
    showSending(form);
  });

  // photo-resize.js holds the form back while the photo is made smaller: the
  // tap shows at once that sending has begun.
  document.addEventListener("photoresize:waiting", function (event) {
    if (event.target.matches("form[data-hand-in]")) { showSending(event.target); }
  });

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-hand-in]").forEach(restore);
  });
})();

// Checking hand-ins: a quick reason fills the reason box instead of sending it,
// so the admin can add to it; without scripts the button sends its reason.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-quick-reason]");
    if (!button) { return; }
    var form = button.closest("form[data-reject]");
    var box = form && form.querySelector("textarea[name=reason]");
    if (!box) { return; }
    event.preventDefault();
    var text = button.getAttribute("data-quick-reason");
    var typed = box.value.trim();
    box.value = typed && typed.indexOf(text) === -1 ? text + ": " + typed : (typed || text);
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  });
})();
