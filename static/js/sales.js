// New sale: add product lines, show the running total, hide the due date when paid.
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

  function update() {
    var subtotal = 0;
    var any = false;
    lines.querySelectorAll("[data-line]").forEach(function (line) {
      var select = line.querySelector("select");
      var option = select.options[select.selectedIndex];
      var priceInput = line.querySelector('input[name$="-unit_price"]');
      var out = line.querySelector("[data-line-total]");
      var listPrice = option && option.value ? parseInt(option.getAttribute("data-price"), 10) : null;
      priceInput.placeholder = listPrice === null ? priceInput.getAttribute("data-placeholder") : rupiah(listPrice);
      if (listPrice === null) { out.textContent = ""; return; }
      // 1.000 is one thousand pieces, as the server reads it.
      var quantity = amountOf(line.querySelector('input[name$="-quantity"]')) || 0;
      var price = amountOf(priceInput);
      if (price === null) { price = listPrice; }
      out.textContent = quantity + " × " + rupiah(price) + " = " + rupiah(quantity * price);
      var stock = option.getAttribute("data-stock");
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

  function remember(line) {
    var priceInput = line.querySelector('input[name$="-unit_price"]');
    if (!priceInput.hasAttribute("data-placeholder")) {
      priceInput.setAttribute("data-placeholder", priceInput.placeholder);
    }
  }

  lines.querySelectorAll("[data-line]").forEach(remember);
  addButton.hidden = parseInt(totalForms.value, 10) >= maxForms;
  addButton.addEventListener("click", function () {
    var index = parseInt(totalForms.value, 10);
    if (index >= maxForms) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, index).trim();
    var line = holder.firstElementChild;
    lines.appendChild(line);
    remember(line);
    totalForms.value = index + 1;
    addButton.hidden = index + 1 >= maxForms;
    line.querySelector("select").focus();
    update();
  });
  form.addEventListener("input", update);
  form.addEventListener("change", function (event) {
    if (event.target.name === "paid") { toggleDue(); }
    update();
  });
  toggleDue();
  update();
})();
