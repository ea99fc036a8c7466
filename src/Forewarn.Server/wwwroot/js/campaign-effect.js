// A campaign's effect: warnings and cases per 10,000 residents before and after, in the targeted and the control areas.
(function () {
  var el = document.getElementById('effect-chart');
  if (!el) { return; }
  var data = JSON.parse(document.getElementById('effect-data').textContent);
  var e = data.effect, t = data.labels;
  var w = e.warnings.perTenThousand, c = e.cases.perTenThousand;
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 12, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: [t.warningsTreated, t.warningsControl, t.casesTreated, t.casesControl] },
    yAxis: { type: 'value', name: t.perTenK },
    series: [
      { name: t.before, type: 'bar', itemStyle: { color: '#9fb3c8' }, data: [w.treatedBefore, w.controlBefore, c.treatedBefore, c.controlBefore] },
      { name: t.after, type: 'bar', itemStyle: { color: '#0b3c74' }, data: [w.treatedAfter, w.controlAfter, c.treatedAfter, c.controlAfter] }
    ]
  });
  el.dataset.ready = 'true';
  window.addEventListener('resize', function () { chart.resize(); });
})();
