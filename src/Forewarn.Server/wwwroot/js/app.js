// Deadlines count down in place; "use my position" fills a visit's coordinates.
(function () {
  var lang = document.documentElement.lang;
  var left = lang === 'en' ? 'left ' : '剩余 ', over = lang === 'en' ? 'overdue ' : '已超时 ';
  function fmt(ms) {
    var s = Math.floor(Math.abs(ms) / 1000), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (h > 0 ? h + ':' : '') + two(m) + ':' + two(r);
  }
  function tick() {
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var ms = new Date(el.dataset.deadline) - Date.now();
      el.textContent = (ms >= 0 ? left : over) + fmt(ms);
      el.classList.toggle('over', ms < 0);
    });
  }
  window.forewarnTick = tick;
  tick();
  setInterval(tick, 1000);
  // Our CSP runs no inline handlers: a select marked data-autosubmit submits its form, a data-print button
  // prints, a data-dismiss button hides what holds it.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  document.querySelectorAll('[data-dismiss]').forEach(function (b) {
    b.addEventListener('click', function () { b.parentElement.hidden = true; });
  });
  document.querySelectorAll('[data-locate]').forEach(function (b) {
    b.addEventListener('click', function () {
      if (!navigator.geolocation) return;
      navigator.geolocation.getCurrentPosition(function (p) {
        var f = b.closest('form');
        f.querySelector('[name="Visit.Lat"]').value = p.coords.latitude.toFixed(5);
        f.querySelector('[name="Visit.Lon"]').value = p.coords.longitude.toFixed(5);
      });
    });
  });
  // "Fill in the active …": copies a textarea's data-current into it.
  document.querySelectorAll('[data-fill]').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = document.getElementById(b.dataset.fill);
      t.value = t.dataset.current;
    });
  });
})();
