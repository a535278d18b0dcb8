// A photo chosen in <input type="file" data-resize> is made smaller on the phone
// before it is sent: at most 2000 px on its long side, a JPEG of quality 0.85,
// upright. A 12-megapixel camera photo of 4-6 MB becomes some 0.5-1 MB, which a
// slow village connection sends in a fraction of the time.
//
// The server still checks, cleans and renders every photo; this only spares
// the line. Whenever the browser cannot do it (a HEIC photo it cannot decode, no
// canvas, an old browser, any error) the original file is sent unchanged.
// Camera photos only (JPEG, or HEIC where the browser decodes it): a PNG or WebP
// may be transparent, and a JPEG would lose that.
(function () {
  "use strict";

  var MAX_EDGE = 2000;
  var QUALITY = 0.85;
  // Already small enough in pixels and in bytes: sent as it is.
  var SMALL_BYTES = 1.5 * 1024 * 1024;
  // A tap on "send" waits this long at most for a photo being made smaller.
  var WAIT_MS = 10000;
  var CAMERA_TYPES = /^image\/(jpeg|pjpeg|heic|heif)$/i;
  // 2 x 1 px JPEG with EXIF orientation 6: upright it is 1 x 2.
  var ROTATED_PROBE =
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4QAiRXhpZgAATU0AKgAAAAgAAQESAAMAAAABAAYAAAAAAAD/2wBD" +
    "AFA3PEY8MlBGQUZaVVBfeMiCeG5uePWvuZHI//////////////////////////////////////////" +
    "//////////2wBDAVVaWnhpeOuCguv//////////////////////////////////////////////////" +
    "///////////////////////wAARCAABAAIDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/E" +
    "ABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAD/8QAFBEBAAAAAAAAAAAAAAAA" +
    "AAAAAP/aAAwDAQACEQMRAD8AADK//9k=";

  var jobs = new WeakMap(); // input -> {promise}
  var made = new WeakSet(); // files this script made: never made smaller again
  var uprightCheck = null;

  function supported() {
    try {
      return (
        typeof window.DataTransfer === "function" &&
        typeof HTMLCanvasElement !== "undefined" &&
        typeof HTMLCanvasElement.prototype.toBlob === "function" &&
        Boolean(new window.DataTransfer().items)
      );
    } catch (error) {
      return false;
    }
  }

  function decodeWithImage(blob) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(blob);
      var image = new Image();
      image.onload = function () {
        resolve({
          source: image,
          width: image.naturalWidth,
          height: image.naturalHeight,
          close: function () { URL.revokeObjectURL(url); }
        });
      };
      image.onerror = function () {
        URL.revokeObjectURL(url);
        reject(new Error("cannot decode"));
      };
      image.src = url;
    });
  }

  // Decoded upright: createImageBitmap applies EXIF orientation when asked,
  // an <img> does by default (image-orientation: from-image).
  function decode(blob) {
    if (typeof window.createImageBitmap !== "function") {
      return decodeWithImage(blob);
    }
    return window.createImageBitmap(blob, { imageOrientation: "from-image" }).then(
      function (bitmap) {
        return {
          source: bitmap,
          width: bitmap.width,
          height: bitmap.height,
          close: function () { bitmap.close(); }
        };
      },
      function () { return decodeWithImage(blob); }
    );
  }

  // Drawing a photo its browser shows sideways would send it sideways, without
  // the EXIF that lets the server turn it: better send the original then.
  function turnsUpright() {
    if (!uprightCheck) {
      var bytes = atob(ROTATED_PROBE);
      var buffer = new Uint8Array(bytes.length);
      for (var i = 0; i < bytes.length; i += 1) { buffer[i] = bytes.charCodeAt(i); }
      uprightCheck = decode(new Blob([buffer], { type: "image/jpeg" })).then(
        function (probe) {
          probe.close();
          return probe.width === 1 && probe.height === 2;
        },
        function () { return false; }
      );
    }
    return uprightCheck;
  }

  function jpegName(name) {
    var base = (name || "foto").replace(/\.[^.\/\\]*$/, "");
    return (base || "foto") + ".jpg";
  }

  // Resolves with the smaller file, or with null to send the original.
  function smaller(file) {
    if (made.has(file) || (file.type && !CAMERA_TYPES.test(file.type))) {
      return Promise.resolve(null);
    }
    return turnsUpright().then(function (upright) {
      if (!upright) { return null; }
      return decode(file).then(function (image) {
        try {
          var longEdge = Math.max(image.width, image.height);
          if (!longEdge) { return null; }
          if (longEdge <= MAX_EDGE && file.size <= SMALL_BYTES) { return null; }
          var scale = Math.min(1, MAX_EDGE / longEdge);
          var canvas = document.createElement("canvas");
          canvas.width = Math.max(1, Math.round(image.width * scale));
          canvas.height = Math.max(1, Math.round(image.height * scale));
          var context = canvas.getContext("2d");
          if (!context) { return null; }
          context.imageSmoothingEnabled = true;
          context.imageSmoothingQuality = "high";
          context.drawImage(image.source, 0, 0, canvas.width, canvas.height);
          return new Promise(function (resolve) {
            canvas.toBlob(resolve, "image/jpeg", QUALITY);
          }).then(function (blob) {
            canvas.width = canvas.height = 0; // frees the memory on small phones
            // Not smaller in bytes: the original is the better one to send.
            if (!blob || !blob.size || blob.size >= file.size) { return null; }
            var result = new File([blob], jpegName(file.name), {
              type: "image/jpeg",
              lastModified: file.lastModified
            });
            made.add(result);
            return result;
          });
        } finally {
          image.close();
        }
      });
    }).catch(function () { return null; });
  }

  function sameFiles(input, files) {
    var now = input.files;
    if (!now || now.length !== files.length) { return false; }
    return files.every(function (file, i) { return now[i] === file; });
  }

  // Every chosen file (a product's photos may be several), each made smaller
  // where it can be.
  function start(input) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length || !supported()) {
      jobs.delete(input);
      return;
    }
    var job = {};
    // One after the other: a cheap phone holds one decoded photo at a time.
    var results = [];
    var all = files.reduce(function (done, file) {
      return done.then(function () {
        return smaller(file).then(function (result) { results.push(result); });
      });
    }, Promise.resolve());
    job.promise = all.then(function () {
      // Other photos chosen meanwhile, or the form already sent: leave it.
      if (jobs.get(input) !== job) { return; }
      jobs.delete(input);
      if (!results.some(Boolean) || !sameFiles(input, files)) { return; }
      try {
        var transfer = new window.DataTransfer();
        results.forEach(function (result, i) { transfer.items.add(result || files[i]); });
        input.files = transfer.files;
        input.dispatchEvent(new CustomEvent("photoresize:done", { bubbles: true }));
      } catch (error) {
        // The originals stay in the input.
      }
    });
    jobs.set(input, job);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-resize]")) {
      start(input);
    }
  });

  function pendingIn(form) {
    var waiting = [];
    form.querySelectorAll("input[type=file][data-resize]").forEach(function (input) {
      var job = jobs.get(input);
      if (job) { waiting.push({ input: input, job: job }); }
    });
    return waiting;
  }

  function send(form, submitter) {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
    } else if (submitter && submitter.form === form) {
      submitter.click();
    } else {
      form.submit();
    }
  }

  // Captured before every other submit handler: a form whose photo is still
  // being made smaller waits for it (or sends the original after WAIT_MS).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (event.defaultPrevented || !form.querySelectorAll) { return; }
      if (form.dataset.photoWaiting) {
        event.preventDefault(); // a second tap while waiting
        return;
      }
      var waiting = pendingIn(form);
      if (!waiting.length) { return; }
      event.preventDefault();
      form.dataset.photoWaiting = "1";
      form.dispatchEvent(new CustomEvent("photoresize:waiting", { bubbles: true }));
      var submitter = event.submitter;
      var timeout = new Promise(function (resolve) { setTimeout(resolve, WAIT_MS); });
      Promise.race([
        Promise.all(waiting.map(function (w) { return w.job.promise; })),
        timeout
      ]).then(function () {
        waiting.forEach(function (w) {
          if (jobs.get(w.input) === w.job) { jobs.delete(w.input); }
        });
        delete form.dataset.photoWaiting;
        send(form, submitter);
      });
    },
    true
  );

  // A page restored from the back/forward cache must be sendable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-photo-waiting]").forEach(function (form) {
      delete form.dataset.photoWaiting;
    });
  });
})();
