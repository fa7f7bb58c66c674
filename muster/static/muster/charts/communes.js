/* The portal dashboard's chart: men 17–45 and of call-up age by commune. The figures come from
   json_script elements, the series labels (translated) from the canvas's data attributes. */
document.addEventListener("DOMContentLoaded", function () {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const canvas = document.getElementById("chart-communes");
  if (!canvas) return;
  new Chart(canvas, {
    type: "bar",
    data: {labels: read("chart-labels"), datasets: [
      {label: canvas.dataset.menLabel, data: read("chart-men"), backgroundColor: "#2d6a3e"},
      {label: canvas.dataset.callupLabel, data: read("chart-callup"), backgroundColor: "#c9a227"}]},
    options: {locale: document.documentElement.lang === "vi" ? "vi-VN" : "en-GB", maintainAspectRatio: false, animation: false, plugins: {legend: {position: "bottom"}}}
  });
});
