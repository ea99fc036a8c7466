// A small map of the districts with the subject's (or unit's) position.
(function () {
  var el = document.getElementById('mini-map');
  if (!el || !window.echarts || !el.dataset.lat) return;
  fetch('/api/v1/territory/districts.geojson', { credentials: 'same-origin' }).then(function (r) { return r.json(); }).then(function (geo) {
    echarts.registerMap('districts', geo);
    var lon = parseFloat(el.dataset.lon), lat = parseFloat(el.dataset.lat);
    var chart = echarts.init(el);
    chart.setOption({
      geo: { map: 'districts', roam: true, center: [lon, lat], zoom: 6, itemStyle: { areaColor: '#eef2f6', borderColor: '#8fa3b8' },
        label: { show: true, fontSize: 10, color: '#66727f' } },
      series: [{ type: 'effectScatter', coordinateSystem: 'geo', data: [{ name: el.dataset.label, value: [lon, lat] }], symbolSize: 12,
        itemStyle: { color: '#c40000' }, label: { show: true, formatter: '{b}', position: 'right' } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
