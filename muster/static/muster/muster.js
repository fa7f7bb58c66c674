/* Muster's page behaviour, as a static file: the Content-Security-Policy allows no inline
   script, event handler or style attribute, so templates say what they want with data
   attributes and this file does it.

   <select data-autosubmit>          submits its form on change (data-clear="village" empties
                                     that field of the form first);
   <form data-confirm="question">    asks before it is sent;
   <form data-reveal="id">           shows the element #id (class d-none removed) when sent;
   <div data-width="40">             width 40% (progress bars), also in content htmx swaps in. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    const select = event.target.closest ? event.target.closest("[data-autosubmit]") : null;
    if (!select || !select.form) return;
    const clear = select.dataset.clear;
    if (clear && select.form.elements[clear]) select.form.elements[clear].value = "";
    select.form.submit();
  });

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (form.dataset.reveal) {
      const shown = document.getElementById(form.dataset.reveal);
      if (shown) shown.classList.remove("d-none");
    }
  });

  function widths(root) {
    const elements = Array.from(root.querySelectorAll("[data-width]"));
    if (root.matches && root.matches("[data-width]")) elements.push(root);
    // CSSOM, not a style attribute: allowed by the policy.
    elements.forEach((el) => { el.style.width = el.dataset.width + "%"; });
  }
  document.addEventListener("DOMContentLoaded", () => widths(document));
  document.addEventListener("htmx:load", (event) => widths(event.detail.elt));
})();
