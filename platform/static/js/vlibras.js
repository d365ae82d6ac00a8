/* VLibras (the federal government's Libras translation widget): started once its plugin script,
   loaded just before this one from the government's CDN, has run. The widget's own files come
   from the folder the plugin was loaded from. Loaded with `defer` (the page's CSP allows no
   inline script); base.html includes both only when VLIBRAS_ENABLED is on. */
(function () {
  "use strict";

  var plugin = document.querySelector('script[src$="/vlibras-plugin.js"]');
  if (!plugin || !window.VLibras || !window.VLibras.Widget) {
    return;
  }
  var app = plugin.getAttribute("src").replace(/\/vlibras-plugin\.js$/, "");
  new window.VLibras.Widget(app);
})();
