/* The new atendimento's form: show only the part the chosen kind fills in (guidance and referral,
   or the complaint of a preliminary service or a direct complaint), and the referral's fields
   only for a referral. Without this script every part shows and the server ignores the parts
   the kind does not use. Loaded with `defer`; the page's CSP allows no inline script. */
(function () {
  "use strict";

  var form = document.querySelector('[data-testid="intake-form"]');
  if (!form) {
    return;
  }
  var guidance = form.querySelector('[data-testid="part-guidance"]');
  var complaint = form.querySelector('[data-testid="part-complaint"]');
  var referralFields = ["referral_body", "referral_to", "referral_reason"].map(function (name) {
    var input = form.querySelector('[name="' + name + '"]');
    return input && input.closest(".field");
  });
  var guidanceField = form.querySelector('[name="guidance"]');
  guidanceField = guidanceField && guidanceField.closest(".field");

  function show(node, visible) {
    if (node) {
      node.hidden = !visible;
    }
  }

  function update() {
    var chosen = form.querySelector('input[name="kind"]:checked');
    var kind = chosen ? chosen.value : "";
    var opensComplaint = kind === "preliminary" || kind === "direct_complaint";
    show(guidance, kind === "" || kind === "guidance" || kind === "referral");
    show(complaint, kind === "" || opensComplaint);
    show(guidanceField, kind !== "referral");
    referralFields.forEach(function (field) {
      show(field, kind === "" || kind === "referral");
    });
  }

  form.querySelectorAll('input[name="kind"]').forEach(function (input) {
    input.addEventListener("change", update);
  });
  update();
})();
