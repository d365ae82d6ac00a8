/* Phone-width tables: the header of each column is copied onto its cells (data-label) and the
   table gets the class "stacked", which site.css turns into one card per row below 768px, every
   column shown as "label: value" (status and deadline included). Tables of three columns or fewer
   fit a phone as they are and are left alone; a table that still does not fit scrolls sideways
   in a box that takes the keyboard focus. Without this script wide tables scroll sideways.
   Loaded with `defer`; the page's CSP allows no inline script. */
(function () {
  "use strict";

  var MIN_COLUMNS = 4;
  // A cell holding one identifier or figure (a CNPJ, a CPF, a case number, a date, an amount)
  // keeps it on one line.
  var IDENTIFIER = /^(R\$\s?)?[\w.\/#-]*\d[\w.,:\/#-]*$/;

  function labels(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!row) {
      return null;
    }
    var names = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      var text = cell.textContent.replace(/\s+/g, " ").trim();
      for (var span = cell.colSpan || 1; span > 0; span -= 1) {
        names.push(text);
      }
    });
    return names;
  }

  function stack(table) {
    var names = labels(table);
    if (!names || names.length < MIN_COLUMNS) {
      return;
    }
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var span = cell.colSpan || 1;
          if (IDENTIFIER.test(cell.textContent.trim())) {
            cell.classList.add("nowrap");
          }
          if (!cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", span > 1 ? "" : names[column] || "");
          }
          column += span;
        });
      });
    });
    keepRoles(table);
    table.classList.add("stacked");
  }

  /* Some browsers drop a table's semantics once its parts are display: block; explicit roles
     keep screen readers announcing rows, headers and cells. */
  function keepRoles(table) {
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        var header = cell.tagName === "TH";
        var inHead = row.parentNode.tagName === "THEAD";
        cell.setAttribute("role", header ? (inHead ? "columnheader" : "rowheader") : "cell");
      });
    });
  }

  /* A table still wider than its box scrolls sideways: the box takes the keyboard focus (and a
     name), so that it can be scrolled with the arrow keys. */
  function scrollable(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    if (wide && !wrap.hasAttribute("tabindex")) {
      var table = wrap.querySelector("table");
      var name = table && (table.getAttribute("aria-label") ||
        (table.caption && table.caption.textContent) ||
        labelledBy(table));
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (name) { wrap.setAttribute("aria-label", name.replace(/\s+/g, " ").trim()); }
      wrap.setAttribute("data-scrolls", "");
    } else if (!wide && wrap.hasAttribute("data-scrolls")) {
      ["tabindex", "role", "aria-label", "data-scrolls"].forEach(function (name) {
        wrap.removeAttribute(name);
      });
    }
  }

  function labelledBy(table) {
    var ids = (table.getAttribute("aria-labelledby") || "").split(/\s+/);
    var heading = ids[0] && document.getElementById(ids[0]);
    if (heading) { return heading.textContent; }
    var section = table.closest("section[aria-labelledby]");
    heading = section && document.getElementById(section.getAttribute("aria-labelledby"));
    return heading ? heading.textContent : "";
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap > table"), stack);
    var wraps = document.querySelectorAll(".table-wrap");
    var check = function () { Array.prototype.forEach.call(wraps, scrollable); };
    check();
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
