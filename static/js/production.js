// Quantity stepper: big − and + buttons beside the number field.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-step]");
    if (!button) { return; }
    var input = button.closest("[data-stepper]").querySelector("input");
    var value = parseInt(input.value, 10) || 0;
    var next = value + parseInt(button.getAttribute("data-step"), 10);
    var min = parseInt(input.min, 10) || 1;
    var max = parseInt(input.max, 10) || 1000;
    input.value = Math.max(min, Math.min(max, next));
  });
})();
