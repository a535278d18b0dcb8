// Training pages: attendance list helpers (find a name, live counts, rest absent).
// Sending a form once is guarded for every page by forms.js.
(function () {
  "use strict";

  var form = document.getElementById("attendance-form");
  if (!form) {
    return;
  }
  var rows = Array.prototype.slice.call(form.querySelectorAll(".att-row"));
  var tools = document.getElementById("att-tools");
  var filter = document.getElementById("att-filter");
  var none = document.getElementById("att-none");
  var summary = document.getElementById("att-summary");
  var template = document.getElementById("att-summary-text");
  tools.hidden = false;

  function countStatuses() {
    var counts = { present: 0, late: 0, excused: 0, absent: 0, empty: 0 };
    rows.forEach(function (row) {
      var radios = row.querySelectorAll("input[type=radio]");
      if (!radios.length) { return; }
      var checked = row.querySelector("input[type=radio]:checked");
      row.classList.toggle("is-set", Boolean(checked));
      if (checked) { counts[checked.value] += 1; } else { counts.empty += 1; }
    });
    summary.textContent = template.content.textContent.replace(/\{(\w+)\}/g, function (all, key) {
      return key in counts ? counts[key] : all;
    });
  }

  form.addEventListener("change", countStatuses);
  countStatuses();

  filter.addEventListener("input", function () {
    var wanted = filter.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = !wanted || row.getAttribute("data-name").indexOf(wanted) !== -1;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    none.hidden = shown !== 0;
  });
  // Enter in the search box must not send the attendance list.
  filter.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); }
  });

  document.getElementById("att-rest-absent").addEventListener("click", function () {
    rows.forEach(function (row) {
      if (row.querySelector("input[type=radio]:checked")) { return; }
      var absent = row.querySelector("input[type=radio][value=absent]");
      if (absent) { absent.checked = true; }
    });
    countStatuses();
  });
})();
