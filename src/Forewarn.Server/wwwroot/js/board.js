// The command board: districts coloured by open warnings per 10,000 residents, and warnings per day by level.
(function () {
  var data = JSON.parse(document.getElementById('board-data').textContent);
  var t = data.labels;
  var trend = echarts.init(document.getElementById('board-trend'));
  var color = { special: '#c40000', high: '#e8590c', medium: '#d4a000', low: '#2f7d32' };
  trend.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 36, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: data.days.map(function (d) { return d.date; }) }, yAxis: { type: 'value', minInterval: 1 },
    series: ['special', 'high', 'medium', 'low'].map(function (k) {
      return { name: t[k], type: 'bar', stack: 'all', itemStyle: { color: color[k] }, data: data.days.map(function (d) { return d[k]; }) };
    })
  });
  var el = document.getElementById('board-map');
  var map = echarts.init(el);
  fetch('/api/v1/territory/districts.geojson', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (geo) {
    echarts.registerMap('districts', geo);
    var max = Math.max.apply(null, data.districts.map(function (d) { return d.per10k; }).concat([0.001]));
    map.setOption({
      tooltip: { trigger: 'item', formatter: function (p) { var d = p.data || {}; return p.name + '<br>' + t.perTenK + ': ' + (d.value || 0) + '<br>' + t.open + ': ' + (d.open || 0); } },
      visualMap: { min: 0, max: max, left: 8, bottom: 8, calculable: true, inRange: { color: ['#fff5eb', '#fdae6b', '#e6550d', '#a50f15'] }, text: [t.perTenK, ''] },
      series: [{ type: 'map', map: 'districts', roam: true, name: t.perTenK, label: { show: true, fontSize: 9 },
        data: data.districts.map(function (d) { return { name: d.name, value: d.per10k, open: d.open }; }) }]
    });
    el.dataset.ready = String(geo.features.length);
  });
  window.addEventListener('resize', function () { trend.resize(); map.resize(); });
})();
