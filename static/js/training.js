// Training pages: attendance list helpers (find a name, live counts, all present,
// rest absent).
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
  var allPresent = document.getElementById("att-all-present");
  var ORDER = ["present", "late", "excused", "absent"];
  tools.hidden = false;

  // "Present 9 · Excused 1 · Empty 1": present always, the others when not nought,
  // so the line stays short on a small phone.
  function countStatuses() {
    var counts = { present: 0, late: 0, excused: 0, absent: 0, empty: 0 };
    rows.forEach(function (row) {
      var radios = row.querySelectorAll("input[type=radio]");
      if (!radios.length) { return; }
      var checked = row.querySelector("input[type=radio]:checked");
      row.classList.toggle("is-set", Boolean(checked));
      if (checked) { counts[checked.value] += 1; } else { counts.empty += 1; }
    });
    var parts = [];
    ORDER.concat(["empty"]).forEach(function (key) {
      if (key === "present" || counts[key]) {
        parts.push(summary.getAttribute("data-" + key) + " " + counts[key]);
      }
    });
    summary.textContent = parts.join(" · ");
  }

  function tickRest(value) {
    rows.forEach(function (row) {
      if (row.querySelector("input[type=radio]:checked")) { return; }
      var radio = row.querySelector("input[type=radio][value=" + value + "]");
      if (radio) { radio.checked = true; }
    });
    countStatuses();
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
    tickRest("absent");
  });

  // Ticked here at once; without this script the button asks the server,
  // which shows the list again ticked the same way. Saving is always "Save".
  if (allPresent) {
    allPresent.addEventListener("click", function (event) {
      event.preventDefault();
      tickRest("present");
    });
  }
})();
