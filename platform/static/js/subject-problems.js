/* The problem list follows the subject: a select carrying data-problems-url asks, when its
   subject changes, which problems occur under it ({"results": [{"id", "name", "group"}]}) and
   rebuilds the select named by data-problems-target with them, grouped as before (a problem
   already chosen stays chosen if it occurs under the subject), then marks that select
   data-problems-for="<subject id>". Without this
   script every problem is listed and the server refuses a problem outside the subject. */
(function () {
  "use strict";

  function rebuild(target, results) {
    var chosen = target.value;
    var first = target.options.length && target.options[0].value === "" ? target.options[0] : null;
    while (target.firstChild) { target.removeChild(target.firstChild); }
    if (first) { target.appendChild(first); }
    var groups = {};
    results.forEach(function (row) {
      var group = groups[row.group];
      if (!group) {
        group = document.createElement("optgroup");
        group.label = row.group;
        groups[row.group] = group;
        target.appendChild(group);
      }
      var option = document.createElement("option");
      option.value = String(row.id);
      option.textContent = row.name;
      if (option.value === chosen) { option.selected = true; }
      group.appendChild(option);
    });
  }

  function follow(select) {
    var target = document.getElementById(select.getAttribute("data-problems-target"));
    var url = select.getAttribute("data-problems-url");
    if (!target || !url) { return; }
    select.addEventListener("change", function () {
      if (!select.value) { return; }
      var request = new XMLHttpRequest();
      request.open("GET", url + "?subject=" + encodeURIComponent(select.value));
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        if (request.status !== 200) { return; }
        rebuild(target, JSON.parse(request.responseText).results || []);
        // Says which subject the list now follows (and that it is ready to choose from).
        target.setAttribute("data-problems-for", select.value);
      };
      request.send();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-problems-url]"), follow);
  });
}());
