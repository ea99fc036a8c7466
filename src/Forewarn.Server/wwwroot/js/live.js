// The live queue: on a hub push, re-fetch the rows (rendered on the server, in the user's territory) and flag 特危.
(function () {
  var box = document.getElementById('live-queue');
  if (!box || !window.signalR) return;
  var text = document.getElementById('live-text'), dot = document.getElementById('live-dot');
  var banner = document.getElementById('special-banner'), bannerText = document.getElementById('special-text');
  function known() { var q = box.querySelector('#queue'); return q && q.dataset.ids ? q.dataset.ids.split(',') : []; }
  function beep() {
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      [0, 0.25].forEach(function (t) {
        var o = ctx.createOscillator(), g = ctx.createGain();
        o.frequency.value = 880; o.connect(g); g.connect(ctx.destination);
        g.gain.setValueAtTime(0.2, ctx.currentTime + t); g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + t + 0.2);
        o.start(ctx.currentTime + t); o.stop(ctx.currentTime + t + 0.2);
      });
    } catch (e) { /* no audio on this device */ }
  }
  function refresh(message) {
    var before = known();
    return fetch('/ui/queue-rows?mode=' + encodeURIComponent(box.dataset.mode), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        box.innerHTML = html;
        box.querySelectorAll('tr[data-id]').forEach(function (tr) { if (before.indexOf(tr.dataset.id) < 0) tr.classList.add('fresh'); });
        if (window.forewarnTick) window.forewarnTick();
        if (message && message.level === 'special' && box.querySelector('tr[data-id="' + message.id + '"]')) {
          bannerText.textContent = '#' + message.id + ' ' + box.dataset.new;
          banner.hidden = false;
          beep();
        }
      });
  }
  var hub = new signalR.HubConnectionBuilder().withUrl('/hubs/warnings').withAutomaticReconnect().build();
  hub.on('warning', function (m) { refresh(m); });
  function on(live) { dot.classList.toggle('on', live); text.textContent = live ? text.dataset.on : text.dataset.off; box.dataset.live = live ? '1' : ''; }
  hub.onreconnecting(function () { on(false); });
  hub.onreconnected(function () { on(true); refresh(); });
  function start() { hub.start().then(function () { on(true); }).catch(function () { setTimeout(start, 3000); }); }
  start();
})();
