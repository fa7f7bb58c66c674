/* The campaign board's chart: per commune, the quota against the recruits handed over, for the
   army and the police (figures from the json_script element "quota-chart-data", the series
   labels, translated, from the canvas's data attributes). */
document.addEventListener("DOMContentLoaded", function () {
  const canvas = document.getElementById("chart-quota");
  const source = document.getElementById("quota-chart-data");
  if (!canvas || !source) return;
  const data = JSON.parse(source.textContent);
  const army = data.series.army, police = data.series.police;
  new Chart(canvas, {
    type: "bar",
    data: {labels: data.labels, datasets: [
      {label: canvas.dataset.armyQuota, data: army.quota, backgroundColor: "#9cc3a5"},
      {label: canvas.dataset.armyHanded, data: army.handed_over, backgroundColor: "#2d6a3e"},
      {label: canvas.dataset.policeQuota, data: police.quota, backgroundColor: "#e6d49a"},
      {label: canvas.dataset.policeHanded, data: police.handed_over, backgroundColor: "#c9a227"}]},
    options: {locale: document.documentElement.lang === "vi" ? "vi-VN" : "en-GB",
      maintainAspectRatio: false, animation: false, plugins: {legend: {position: "bottom"}},
      scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
  });
});
