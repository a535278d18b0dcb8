// New sale: pick products with search and photos, add product lines, show the
// running total, hide the due date when paid.
(function () {
  "use strict";
  var form = document.querySelector("[data-sale-form]");
  if (!form) { return; }
  var lines = form.querySelector("[data-lines]");
  var template = document.getElementById("line-template");
  var totalForms = form.querySelector('input[name$="-TOTAL_FORMS"]');
  var maxForms = parseInt(form.querySelector('input[name$="-MAX_NUM_FORMS"]').value, 10) || 30;
  var addButton = form.querySelector("[data-add-line]");
  var totalBox = form.querySelector("[data-total-box]");
  var totalOutput = form.querySelector("[data-total]");
  var due = form.querySelector("[data-due]");
  var pickerUrl = lines.getAttribute("data-picker");
  var SEARCH_DELAY = 250;

  function rupiah(amount) {
    var digits = Math.abs(Math.round(amount)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (amount < 0 ? "-" : "") + "Rp " + digits;
  }

  // The same forms people type as the server accepts: 150000, 150.000, Rp 150.000.
  function amountOf(input) {
    if (!input) { return null; }
    var value = (input.value || "").replace(/^\s*rp\.?\s*/i, "").replace(/[.,\s]/g, "");
    return /^-?\d+$/.test(value) ? parseInt(value, 10) : null;
  }

  function chosenOf(line) {
    var hidden = line.querySelector('input[name$="-variant"]');
    var chosen = line.querySelector("[data-chosen]");
    return hidden.value && !chosen.hidden ? chosen : null;
  }

  function update() {
    var subtotal = 0;
    var any = false;
    lines.querySelectorAll("[data-line]").forEach(function (line) {
      var chosen = chosenOf(line);
      var priceInput = line.querySelector('input[name$="-unit_price"]');
      var out = line.querySelector("[data-line-total]");
      var listPrice = chosen ? parseInt(chosen.getAttribute("data-price"), 10) : null;
      if (isNaN(listPrice)) { listPrice = null; }
      // The price field shows the chosen product's current price until one is typed.
      priceInput.placeholder = listPrice === null ? priceInput.getAttribute("data-placeholder") : rupiah(listPrice);
      line.classList.remove("short");
      if (listPrice === null) { out.textContent = ""; return; }
      // 1.000 is one thousand pieces, as the server reads it.
      var quantity = amountOf(line.querySelector('input[name$="-quantity"]')) || 0;
      var price = amountOf(priceInput);
      if (price === null) { price = listPrice; }
      out.textContent = quantity + " × " + rupiah(price) + " = " + rupiah(quantity * price);
      var stock = chosen.getAttribute("data-stock");
      var short = stock !== null && quantity > parseInt(stock, 10);
      line.classList.toggle("short", short);
      if (short) { out.textContent += " · " + lines.getAttribute("data-short").replace("%s", stock); }
      subtotal += quantity * price;
      any = true;
    });
    var total = subtotal - (amountOf(form.elements.discount) || 0) +
      (amountOf(form.elements.shipping_charged) || 0) - (amountOf(form.elements.marketplace_fee) || 0);
    totalBox.hidden = !any;
    totalOutput.textContent = rupiah(total);
  }

  function toggleDue() {
    var choice = form.querySelector('input[name="paid"]:checked');
    due.hidden = !choice || choice.value !== "belum";
  }

  // Searching: each line asks the server for a short list of matching products.
  function search(line) {
    var input = line.querySelector("[data-search]");
    var results = line.querySelector("[data-results]");
    var status = line.querySelector("[data-status]");
    var query = input.value.trim();
    var asked = ++line.searchCount;
    fetch(pickerUrl + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      // A login page after a logout is no list of products.
      if (!response.ok || response.redirected) { throw new Error("picker " + response.status); }
      return response.text();
    }).then(function (html) {
      if (asked !== line.searchCount) { return; }
      results.innerHTML = html;
      var found = results.querySelector("[data-found]");
      // Read out how many were found, not the whole list.
      status.textContent = found ? found.textContent : "";
    }).catch(function () {
      if (asked !== line.searchCount) { return; }
      results.textContent = lines.getAttribute("data-picker-failed");
      status.textContent = results.textContent;
    });
  }

  function searchSoon(line) {
    window.clearTimeout(line.searchTimer);
    line.searchTimer = window.setTimeout(function () { search(line); }, SEARCH_DELAY);
  }

  function showChosen(line, shown) {
    line.querySelector("[data-chosen]").hidden = !shown;
    line.querySelector("[data-find]").hidden = shown;
  }

  function choose(line, button) {
    var chosen = line.querySelector("[data-chosen]");
    line.querySelector('input[name$="-variant"]').value = button.getAttribute("data-pick");
    chosen.setAttribute("data-price", button.getAttribute("data-price"));
    if (button.hasAttribute("data-stock")) {
      chosen.setAttribute("data-stock", button.getAttribute("data-stock"));
    } else {
      chosen.removeAttribute("data-stock");
    }
    chosen.querySelector("[data-chosen-body]").innerHTML = button.innerHTML;
    var input = line.querySelector("[data-search]");
    input.value = "";
    input.classList.remove("is-invalid");
    var error = line.querySelector(".find .invalid-feedback");
    if (error) { error.remove(); }
    line.querySelector("[data-results]").innerHTML = "";
    showChosen(line, true);
    line.querySelector('input[name$="-quantity"]').focus();
    update();
  }

  function change(line) {
    line.querySelector('input[name$="-variant"]').value = "";
    showChosen(line, false);
    var input = line.querySelector("[data-search]");
    input.focus();
    search(line);
    update();
  }

  function prepare(line) {
    var priceInput = line.querySelector('input[name$="-unit_price"]');
    if (!priceInput.hasAttribute("data-placeholder")) {
      priceInput.setAttribute("data-placeholder", priceInput.placeholder);
    }
    line.searchCount = 0;
    line.querySelector("[data-change]").hidden = false;
    var hasChoice = !!line.querySelector('input[name$="-variant"]').value &&
      !!line.querySelector("[data-chosen-body]").children.length;
    var typed = line.querySelector("[data-search]").value.trim();
    // A name or SKU typed in stays visible with its message, to correct it.
    showChosen(line, hasChoice && !typed);
  }

  lines.addEventListener("click", function (event) {
    var line = event.target.closest("[data-line]");
    if (!line) { return; }
    var pick = event.target.closest("[data-pick]");
    if (pick) { choose(line, pick); return; }
    if (event.target.closest("[data-change]")) { change(line); }
  });
  lines.addEventListener("focusin", function (event) {
    if (!event.target.matches("[data-search]")) { return; }
    var line = event.target.closest("[data-line]");
    if (!line.querySelector("[data-results]").children.length) { search(line); }
  });
  lines.addEventListener("input", function (event) {
    if (event.target.matches("[data-search]")) { searchSoon(event.target.closest("[data-line]")); }
  });
  lines.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("[data-search]")) { return; }
    // Enter searches at once instead of saving the form.
    event.preventDefault();
    var line = event.target.closest("[data-line]");
    window.clearTimeout(line.searchTimer);
    search(line);
  });

  lines.querySelectorAll("[data-line]").forEach(prepare);
  if (addButton) {
    // In the page a line is added here; the button no longer sends the form.
    addButton.type = "button";
    addButton.hidden = parseInt(totalForms.value, 10) >= maxForms;
    addButton.addEventListener("click", function () {
      var index = parseInt(totalForms.value, 10);
      if (index >= maxForms) { return; }
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, index).trim();
      var line = holder.firstElementChild;
      lines.appendChild(line);
      prepare(line);
      totalForms.value = index + 1;
      addButton.hidden = index + 1 >= maxForms;
      line.querySelector("[data-search]").focus();
      update();
    });
  }
  form.addEventListener("input", update);
  form.addEventListener("change", function (event) {
    if (event.target.name === "paid") { toggleDue(); }
    update();
  });
  toggleDue();
  update();
})();
