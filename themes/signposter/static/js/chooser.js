// Highlights the languages the browser prefers; never redirects: readers choose.
(function () {
  var wanted = (navigator.languages || [navigator.language || ""]).map(function (l) {
    return String(l).toLowerCase().split("-")[0];
  });
  document.querySelectorAll(".chooser a[data-lang]").forEach(function (a) {
    if (wanted.indexOf(a.getAttribute("data-lang")) !== -1) a.classList.add("preferred");
  });
})();
