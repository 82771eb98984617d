// Draw every chart of the packet as a static picture: no toolbar, no hover, sized to the page.
(function () {
  var charts = document.querySelectorAll(".fedstate-print-plot");
  if (!window.Plotly) {
    charts.forEach(function (el) {
      el.innerHTML = "<p><em>(Chart not drawn: plotly.min.js is missing beside this file. Its text version follows.)</em></p>";
      el.style.height = "auto";
    });
    return;
  }
  charts.forEach(function (el) {
    var spec = JSON.parse(el.getAttribute("data-plotly"));
    var layout = Object.assign({}, spec.layout || {});
    delete layout.width;  // the width of the page column
    layout.autosize = true;
    Plotly.newPlot(el, spec.data || [], layout, {staticPlot: true, displayModeBar: false, responsive: false});
  });
})();
