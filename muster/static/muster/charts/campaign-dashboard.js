/* The campaign dashboard's four charts, from the json_script element "dashboard-data". */
document.addEventListener("DOMContentLoaded", function () {
  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const common = {maintainAspectRatio: false, animation: false, plugins: {legend: {position: "bottom"}}};
  const draw = (id, config) => { const el = document.getElementById(id); if (el) new Chart(el, config); };
  draw("chart-classes", {type: "bar", data: {labels: data.classes.labels, datasets: [{label: data.classes.title, data: data.classes.values, backgroundColor: ["#1b5e20", "#2e7d32", "#66bb6a", "#f9a825", "#ef6c00", "#c62828"]}]}, options: {...common, plugins: {legend: {display: false}}}});
  draw("chart-grounds", {type: "bar", data: {labels: data.grounds.labels, datasets: [{label: data.grounds.title, data: data.grounds.values, backgroundColor: "#2d6a3e"}]}, options: {...common, indexAxis: "y", scales: {y: {ticks: {autoSkip: false}}}, plugins: {legend: {display: false}}}});
  draw("chart-rates", {type: "bar", data: {labels: data.rates.labels, datasets: [
    {label: data.year, data: data.rates.values, backgroundColor: data.rates.named.map((n) => n ? "#c62828" : "#2d6a3e")},
    {label: data.last_year, data: data.rates.last, backgroundColor: "#c9a227"}]}, options: common});
  draw("chart-yoy", {type: "bar", data: {labels: data.yoy.labels, datasets: [
    {label: data.year, data: data.yoy.values, backgroundColor: "#2d6a3e"},
    {label: data.last_year, data: data.yoy.previous, backgroundColor: "#c9a227"}]}, options: common});
});
