// Catalog pages: copy buttons, confirmations and photo uploads with progress.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var field = document.querySelector(copy.getAttribute("data-copy"));
      var done = function () {
        var label = copy.textContent;
        copy.textContent = copy.getAttribute("data-copied");
        setTimeout(function () { copy.textContent = label; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done);
      } else {
        field.select();
        document.execCommand("copy");
        done();
      }
    }
    var confirmButton = event.target.closest("[data-confirm]");
    if (confirmButton && !window.confirm(confirmButton.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return; // The plain form still works.
  }
  var input = form.querySelector("input[type=file]");
  var progress = document.getElementById("upload-progress");
  var list = document.getElementById("photos");

  function uploadOne(file) {
    return new Promise(function (resolve) {
      var row = document.createElement("li");
      row.className = "upload-row";
      var name = document.createElement("span");
      name.className = "upload-name";
      name.textContent = file.name;
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      var note = document.createElement("span");
      note.className = "upload-note small";
      row.append(name, bar, note);
      progress.append(row);

      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("alt_text", form.querySelector("[name=alt_text]").value);
      data.append("photos", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
      };
      xhr.onload = function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (ignore) { answer = {}; }
        if (xhr.status === 200 && answer.ok) {
          bar.value = 100;
          note.textContent = "✓";
          row.classList.add("text-success");
          var empty = document.getElementById("no-photos");
          if (empty) { empty.remove(); }
          list.insertAdjacentHTML("beforeend", answer.html);
        } else {
          row.classList.add("text-danger");
          note.textContent = answer.error || xhr.statusText;
          bar.remove();
        }
        resolve();
      };
      xhr.onerror = function () {
        row.classList.add("text-danger");
        note.textContent = form.getAttribute("data-network-error") || "✗";
        resolve();
      };
      xhr.send(data);
    });
  }

  form.addEventListener("submit", function (event) {
    if (!input.files.length) { return; } // let the server say a file is needed
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    progress.textContent = "";
    // One after another: a slow village connection does better than with all at once.
    files.reduce(function (chain, file) {
      return chain.then(function () { return uploadOne(file); });
    }, Promise.resolve()).then(function () {
      input.value = "";
    });
  });
})();
