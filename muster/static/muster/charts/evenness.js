/* The evenness chart: call rate by commune, this year and last year (figures from the
   json_script element "chart-data", the two years from the canvas's data attributes). */
document.addEventListener("DOMContentLoaded", function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const canvas = document.getElementById("chart-rates");
  if (!canvas) return;
  new Chart(canvas, {
    type: "bar",
    data: {labels: data.labels, datasets: [
      {label: canvas.dataset.year, data: data.this, backgroundColor: "#2d6a3e"},
      {label: canvas.dataset.lastYear, data: data.last, backgroundColor: "#c9a227"}]},
    options: {maintainAspectRatio: false, animation: false, plugins: {legend: {position: "bottom"}},
      scales: {y: {title: {display: true, text: "%"}}}}
  });
});
