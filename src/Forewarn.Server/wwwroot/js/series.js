// A series' link graph: cases (circles, sized by loss) joined to the indicators they share (squares).
(function () {
  var el = document.getElementById('series-graph');
  if (!el) return;
  var data = JSON.parse(document.getElementById('series-data').textContent);
  var t = data.labels;
  var max = Math.max.apply(null, data.cases.map(function (c) { return c.loss; }).concat([1]));
  var nodes = data.cases.map(function (c) {
    return { id: c.id, name: c.name, category: 0, value: c.loss, title: c.title, symbolSize: 18 + 30 * Math.sqrt(c.loss / max) };
  }).concat(data.indicators.map(function (i) {
    return { id: i.id, name: i.name, category: 1, symbol: 'rect', symbolSize: 14 };
  }));
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { formatter: function (p) {
      if (p.dataType === 'edge') return '';
      var d = p.data;
      return d.category === 0 ? d.name + ' ' + d.title + '<br>' + t.loss + ': ' + d.value : d.name;
    } },
    legend: [{ data: [t.cases, t.indicators], top: 0 }],
    color: ['#0b3c74', '#e8590c'],
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      categories: [{ name: t.cases }, { name: t.indicators }],
      label: { show: true, position: 'right', fontSize: 11 },
      force: { repulsion: 220, edgeLength: [60, 120] },
      lineStyle: { color: '#99a', width: 1.5 },
      data: nodes,
      links: data.links
    }]
  });
  el.dataset.nodes = String(nodes.length);
  el.dataset.links = String(data.links.length);
  window.addEventListener('resize', function () { chart.resize(); });
})();
