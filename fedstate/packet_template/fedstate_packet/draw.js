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
    // A little shorter than on screen (paper is read closer), never squeezed below 260 px.
    var height = layout.height || 420;
    layout.height = Math.max(260, Math.round(height * 0.85));
    el.style.height = layout.height + "px";
    Plotly.newPlot(el, spec.data || [], layout, {staticPlot: true, displayModeBar: false, responsive: false});
  });
})();
