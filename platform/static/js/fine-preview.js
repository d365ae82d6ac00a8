/* The fine decision form's preview: as the judge changes the options the fine depends on (the
   advantage obtained, the circumstances, accepting the revenue the company claimed), the fine
   the decision would record is asked from the form's data-fine-preview-url (the same
   calculation as the decision) and shown in the form's aria-live region. Without this script
   the form's "Update the fine" button shows the same preview from the server. Loaded with
   `defer`; the page's CSP allows no inline script.

   The URL answers 200 {"amount_display", "basis", "steps": [{"description"}]} or
   400 {"errors": {field: [message naming the field]}} for the query string of those fields. */
(function () {
  "use strict";

  var DELAY_MS = 250;
  var FIELDS = ["advantage", "circumstances", "accept_revenue_contest"];

  function Preview(form) {
    this.form = form;
    this.url = form.getAttribute("data-fine-preview-url");
    this.region = form.querySelector("[data-fine-preview-region]");
    // The server-side preview's button (kept for when a request fails).
    this.button = form.querySelector("[data-fine-preview-fallback]");
    this.timer = null;
    this.asked = null;
    this.sequence = 0;
    if (!this.url || !this.region || !window.fetch || !window.URLSearchParams) { return; }
    if (this.button) { this.button.hidden = true; }
    this.listen();
  }

  Preview.prototype.query = function () {
    var params = new URLSearchParams();
    var elements = this.form.elements;
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (element.disabled || FIELDS.indexOf(element.name) < 0) { continue; }
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) { continue; }
      params.append(element.name, element.value);
    }
    return params.toString();
  };

  Preview.prototype.listen = function () {
    var self = this;
    function changed(event) {
      if (!event.target || FIELDS.indexOf(event.target.name) < 0) { return; }
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.ask(); }, DELAY_MS);
    }
    this.form.addEventListener("change", changed);
    this.form.addEventListener("input", changed);
  };

  Preview.prototype.ask = function () {
    var self = this;
    var query = this.query();
    if (query === this.asked) { return; }
    this.asked = query;
    var sequence = ++this.sequence;
    this.form.setAttribute("aria-busy", "true");
    fetch(this.url + (query ? "?" + query : ""), {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (sequence !== self.sequence) { return; }  // a later change is on its way
        if (answer.ok) { self.show(answer.body); } else { self.fail(answer.body); }
      })
      .catch(function () {
        // No preview this time: the decision itself still computes the fine.
        self.asked = null;
        if (self.button) { self.button.hidden = false; }
      })
      .then(function () { self.form.removeAttribute("aria-busy"); });
  };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  Preview.prototype.show = function (body) {
    var line = element("p", {});
    line.appendChild(element("strong", { "data-testid": "fine-preview-amount", "data-amount": body.amount }, body.amount_display));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(element("span", { "class": "meta", "data-testid": "fine-preview-basis" }, body.basis));
    var steps = element("ol", { "class": "fine-steps", "data-testid": "fine-preview-steps" });
    (body.steps || []).forEach(function (step) { steps.appendChild(element("li", {}, step.description)); });
    this.region.replaceChildren(line, steps);
  };

  Preview.prototype.fail = function (body) {
    var list = element("ul", { "class": "field-error", "data-testid": "fine-preview-errors" });
    var errors = (body && body.errors) || {};
    Object.keys(errors).forEach(function (field) {
      errors[field].forEach(function (message) { list.appendChild(element("li", {}, message)); });
    });
    if (body && body.detail) { list.appendChild(element("li", {}, body.detail)); }
    this.region.replaceChildren(list);
  };

  document.querySelectorAll("form[data-fine-preview-url]").forEach(function (form) {
    new Preview(form);
  });
})();
