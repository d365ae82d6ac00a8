/* Pickers (city, company): a text input carrying data-picker-url becomes a combobox with a
   list of suggestions fetched as the person types (WAI-ARIA 1.2 combobox, list autocomplete).
   Arrow keys move through the suggestions, Enter or Tab takes one, Escape closes the list; a tap
   or a click takes one too. The suggestion's `value` goes into the field and its `id` into the
   hidden input named by data-picker-code, if any. Without this script the field is a plain text
   input that the server resolves, so the page works without it. Loaded with `defer`; the page's
   CSP allows no inline script.

   The URL answers {"results": [{"id", "label", "value"}, ...]} for ?q=<text>. */
(function () {
  "use strict";

  var DELAY_MS = 250;

  function Picker(input) {
    this.input = input;
    this.url = input.getAttribute("data-picker-url");
    this.min = parseInt(input.getAttribute("data-picker-min") || "2", 10);
    this.code = input.hasAttribute("data-picker-code")
      ? document.getElementById(input.getAttribute("data-picker-code"))
      : null;
    this.results = [];
    this.active = -1;
    this.asked = "";
    this.chosen = this.code && this.code.value ? input.value : null;
    this.timer = null;
    this.build();
    this.listen();
  }

  Picker.prototype.build = function () {
    var input = this.input;
    var id = input.id || input.name;
    var label = document.querySelector('label[for="' + id + '"]');
    var wrapper = document.createElement("div");
    wrapper.className = "picker";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    this.list = document.createElement("ul");
    this.list.id = id + "_listbox";
    this.list.className = "picker-list";
    this.list.setAttribute("role", "listbox");
    if (label) { this.list.setAttribute("aria-label", label.textContent.replace("*", "").trim()); }
    this.list.hidden = true;
    wrapper.appendChild(this.list);

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    wrapper.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    input.removeAttribute("list");
  };

  Picker.prototype.listen = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.typed(); });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    this.input.addEventListener("blur", function () { self.close(); });
    // Keep the focus in the field while a suggestion is pressed (mouse or touch), then take it.
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) { self.choose(parseInt(option.getAttribute("data-index"), 10)); }
    });
  };

  Picker.prototype.typed = function () {
    var self = this;
    var query = this.input.value.trim();
    if (this.code && this.input.value !== this.chosen) { this.code.value = ""; }
    window.clearTimeout(this.timer);
    if (query.length < this.min) { this.asked = ""; this.close(); return; }
    if (query === this.asked) { return; }
    this.timer = window.setTimeout(function () { self.fetch(query); }, DELAY_MS);
  };

  Picker.prototype.fetch = function (query) {
    var self = this;
    this.asked = query;
    window.fetch(this.url + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        // An answer to letters the person has since changed is dropped.
        if (self.input.value.trim() !== query || document.activeElement !== self.input) { return; }
        self.show(data.results || []);
      })
      .catch(function () { /* no suggestions: the typed text is still resolved by the server */ });
  };

  Picker.prototype.show = function (results) {
    var self = this;
    this.results = results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren.apply(this.list, results.map(function (result, index) {
      var option = document.createElement("li");
      option.id = self.list.id + "_" + index;
      option.className = "picker-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.textContent = result.label;
      return option;
    }));
    if (results.length) {
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      this.say(results.length === 1
        ? this.input.getAttribute("data-picker-one")
        : (this.input.getAttribute("data-picker-many") || "").replace("{count}", results.length));
    } else {
      this.close();
      this.say(this.input.getAttribute("data-picker-empty"));
    }
  };

  Picker.prototype.say = function (text) {
    this.status.textContent = text || "";
  };

  Picker.prototype.isOpen = function () {
    return !this.list.hidden;
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Picker.prototype.move = function (step) {
    if (!this.results.length) { return; }
    if (!this.isOpen()) {
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
    var options = this.list.children;
    if (this.active >= 0) { options[this.active].setAttribute("aria-selected", "false"); }
    this.active = (this.active + step + options.length) % options.length;
    var option = options[this.active];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Picker.prototype.choose = function (index) {
    var result = this.results[index];
    if (!result) { return; }
    this.input.value = result.value;
    this.chosen = result.value;
    this.asked = result.value.trim();
    if (this.code) { this.code.value = result.id; }
    this.close();
    this.say(result.label);
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  Picker.prototype.key = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        this.move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        // Enter takes the highlighted suggestion instead of sending the form.
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        break;
      case "Tab":
        if (this.isOpen() && this.active >= 0) { this.choose(this.active); }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        }
        break;
    }
  };

  if (!window.fetch || !Element.prototype.closest || !Element.prototype.replaceChildren) { return; }
  document.querySelectorAll("input[data-picker-url]").forEach(function (input) {
    new Picker(input);
  });
})();
