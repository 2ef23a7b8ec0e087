// The signature pad of the signing page: « Signer à la main » opens a canvas over the whole
// screen, drawn with pointer events (finger, pen or mouse) while nothing scrolls; « Effacer »
// starts again; « Signer » puts the drawing into the form as a PNG and sends it. Without this
// script the page still signs, with the name typed.
(function () {
  "use strict";
  var form = document.getElementById("sign-form");
  if (!form) return;
  var open = document.getElementById("draw");
  var pad = document.getElementById("pad");
  var canvas = document.getElementById("canvas");
  var drawing = document.getElementById("drawing");
  var context = canvas.getContext("2d");
  var inked = false;
  var last = null;

  function start() {
    var ratio = window.devicePixelRatio || 1;
    var box = canvas.getBoundingClientRect();
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = "#fff";
    context.fillRect(0, 0, box.width, box.height);
    context.lineWidth = 2.5;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#111";
    inked = false;
  }

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  canvas.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    last = point(event);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!last) return;
    event.preventDefault();
    var next = point(event);
    context.beginPath();
    context.moveTo(last.x, last.y);
    context.lineTo(next.x, next.y);
    context.stroke();
    last = next;
    inked = true;
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
    canvas.addEventListener(name, function () { last = null; });
  });

  open.hidden = false;
  open.addEventListener("click", function () {
    pad.hidden = false;
    document.body.classList.add("drawing");
    start();
  });
  document.getElementById("clear").addEventListener("click", start);
  document.getElementById("close").addEventListener("click", function () {
    pad.hidden = true;
    document.body.classList.remove("drawing");
  });
  document.getElementById("done").addEventListener("click", function () {
    if (!inked) return;
    // At the screen's own size, not its device pixels: a few kilobytes, well under the limit.
    var box = canvas.getBoundingClientRect();
    var copy = document.createElement("canvas");
    copy.width = Math.round(box.width);
    copy.height = Math.round(box.height);
    copy.getContext("2d").drawImage(canvas, 0, 0, copy.width, copy.height);
    drawing.value = copy.toDataURL("image/png");
    form.submit();
  });
})();
