// A signature pad: draw with a finger, pen or mouse; the PNG goes into the form's hidden field as a data URL.
(function () {
  document.querySelectorAll('canvas[data-signature]').forEach(function (canvas) {
    var form = canvas.closest('form');
    var field = form.querySelector('[name="' + canvas.dataset.signature + '"]');
    var ctx, drawing = false, drawn = false;
    function size() {
      var ratio = window.devicePixelRatio || 1, box = canvas.getBoundingClientRect();
      canvas.width = Math.max(1, Math.round(box.width * ratio));
      canvas.height = Math.max(1, Math.round(box.height * ratio));
      ctx = canvas.getContext('2d');
      ctx.scale(ratio, ratio);
      ctx.lineWidth = 2.2; ctx.lineCap = 'round'; ctx.lineJoin = 'round'; ctx.strokeStyle = '#102040';
      drawn = false; field.value = '';
    }
    function point(e) { var box = canvas.getBoundingClientRect(); return { x: e.clientX - box.left, y: e.clientY - box.top }; }
    canvas.addEventListener('pointerdown', function (e) {
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      drawing = true;
      var p = point(e);
      ctx.beginPath(); ctx.moveTo(p.x, p.y); ctx.lineTo(p.x + 0.1, p.y + 0.1); ctx.stroke();
    });
    canvas.addEventListener('pointermove', function (e) {
      if (!drawing) return;
      var p = point(e);
      ctx.lineTo(p.x, p.y); ctx.stroke();
      drawn = true;
    });
    function end() {
      if (!drawing) return;
      drawing = false;
      if (drawn) field.value = canvas.toDataURL('image/png');
    }
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    var clear = form.querySelector('[data-signature-clear]');
    if (clear) clear.addEventListener('click', size);
    size();
  });
})();
