// Page behaviour that used to sit in inline handlers (onclick, onchange,
// onsubmit, javascript: links). The Content Security Policy runs no inline
// handler, so the templates mark elements with data attributes instead.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    const toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", document.body.classList.contains("nav-open"));
      return;
    }
    const back = event.target.closest("[data-history-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
      return;
    }
    const select = event.target.closest("[data-select-on-click]");
    if (select) select.select();
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-submit-on-change]")) event.target.form.submit();
  });

  document.addEventListener("submit", function (event) {
    const question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
