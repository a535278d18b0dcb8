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
