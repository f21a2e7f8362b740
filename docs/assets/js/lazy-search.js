/*
 * Material fetches the whole search index (search/search_index.json, about
 * half a megabyte for this course) as soon as any page opens, which alone
 * would put every lesson page over its first-paint budget. This script runs
 * before Material's bundle and holds that one request back until the reader
 * reaches for search: focus or click on the search field, its label, or
 * Material's search keys (/, s, f). Material shows "Initializing search"
 * meanwhile and works as usual once the index arrives. Every other request is
 * untouched; one page load (instant navigation keeps the document) fetches
 * the index at most once.
 */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var wanted = false;

  function release() {
    if (wanted) return;
    wanted = true;
    document.documentElement.dataset.searchIndex = "requested";
    waiting.splice(0).forEach(function (job) { send.apply(job.xhr, job.args); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__searchIndex && !wanted) {
      waiting.push({ xhr: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function isSearch(target) {
    return target instanceof Element &&
      !!target.closest("[data-md-component=search], label[for=__search], #__search");
  }
  document.addEventListener("focusin", function (e) { if (isSearch(e.target)) release(); }, true);
  document.addEventListener("pointerdown", function (e) { if (isSearch(e.target)) release(); }, true);
  document.addEventListener("keydown", function (e) {
    var field = e.target instanceof Element && e.target.closest("input, textarea, select, [contenteditable]");
    if (!field && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) release();
  }, true);
  document.addEventListener("change", function (e) { if (e.target instanceof Element && e.target.id === "__search") release(); }, true);
})();
