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
  // The box around the ink: only it is sent, so that the sheet draws the signature at its size
  // rather than a few strokes lost in a screen of white.
  var ink = null;

  function grow(p) {
    if (!ink) ink = { left: p.x, top: p.y, right: p.x, bottom: p.y };
    ink.left = Math.min(ink.left, p.x);
    ink.top = Math.min(ink.top, p.y);
    ink.right = Math.max(ink.right, p.x);
    ink.bottom = Math.max(ink.bottom, p.y);
  }

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
    ink = null;
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
    grow(last);
    grow(next);
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
    // The ink with a margin, at the screen's own size rather than its device pixels: a few
    // kilobytes, well under the limit.
    var box = canvas.getBoundingClientRect();
    var ratio = canvas.width / box.width;
    var margin = 8;
    var left = Math.max(0, ink.left - margin);
    var top = Math.max(0, ink.top - margin);
    var width = Math.min(box.width, ink.right + margin) - left;
    var height = Math.min(box.height, ink.bottom + margin) - top;
    var copy = document.createElement("canvas");
    copy.width = Math.max(1, Math.round(width));
    copy.height = Math.max(1, Math.round(height));
    copy.getContext("2d").drawImage(
      canvas, left * ratio, top * ratio, width * ratio, height * ratio, 0, 0, copy.width, copy.height);
    drawing.value = copy.toDataURL("image/png");
    form.submit();
  });
})();
