"""The report's page assets: its style sheet and its two inline scripts (the error hook in the
head, the filters at the end of the body). Inline, so the report needs no network."""

CSS = """
:root { --ink:#1b1f24; --muted:#5b6470; --line:#d5dae1; --head:#eef1f5; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px;
  border-bottom: 2px solid var(--ink); padding-bottom: 3px; } h3 { font-size: 15px; }
h2 small { font-weight: normal; color: var(--muted); font-size: 13px; }
nav ul { columns: 3; padding-left: 18px; margin: 6px 0; }
table.data { border-collapse: collapse; width: 100%; margin: 8px 0 14px; }
table.data th, table.data td { border: 1px solid var(--line); padding: 4px 6px;
  vertical-align: top; text-align: left; }
table.data thead th { background: var(--head); position: sticky; top: 0; }
td.num { text-align: right; white-space: nowrap; }
.sub { display: block; color: var(--muted); font-size: 12px; }
td.gap { color: #a33; text-align: center; }
.na { color: #8a919b; background: #f7f7f7; }
.badge { display: inline-block; border-radius: 3px; padding: 0 5px; font-size: 12px;
  font-weight: 600; border: 1px solid; }
.badge.ok { color: #1d5e38; border-color: #1d5e38; background: #e4f3e9; }
.badge.weak { color: #7a5a00; border-color: #b08600; background: #fff4d3; }
.badge.gap { color: #8f1f28; border-color: #8f1f28; background: #fbe5e7; }
.charts svg { display: block; margin: 6px 0 12px; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, Arial, sans-serif; fill: #1b1f24; }
svg text.pct { font-size: 11px; font-weight: 600; }
svg.mini { display: block; margin: 2px 0; }
.doc-filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center;
  background: var(--head); padding: 6px 10px; border-radius: 4px; margin: 6px 0; }
.doc-filters output { margin-left: auto; font-weight: 600; }
table.agreements td.text { width: 52%; }
.heading { display: block; color: var(--muted); font-size: 12px; }
tr.needs-review td { background: #fff6e8; }
mark.ev { background: #e3ecfa; border-radius: 2px; padding: 0 1px; color: inherit; }
mark.ev-M { background: #dff2e4; } mark.ev-A { background: #efe3f7; }
mark.ev-R { background: #fde9d6; } mark.ev-T { background: #d9f1f1; }
mark.ev-neg { background: #fbe0e2; text-decoration: underline wavy #b3261e; }
sup b { font-size: 9px; font-weight: 700; margin-left: 1px; color: #33485f; }
.letters { white-space: nowrap; }
.letter { display: inline-block; width: 17px; text-align: center; font-weight: 700;
  font-size: 12px; border: 1px solid var(--line); margin-right: 1px; }
.letter.on { background: #2e7d4f; color: #fff; border-color: #2e7d4f; }
.letter.off { color: #9aa1aa; text-decoration: line-through; }
.verdict { display: block; margin-top: 3px; font-weight: 600; }
.v-ja { color: #1d5e38; } .v-deels { color: #7a5a00; } .v-nee { color: #8f1f28; }
.type { font-weight: 600; } .cues { font-style: italic; }
.flag { display: inline-block; font-size: 11px; border-radius: 3px; padding: 0 4px;
  margin: 2px 2px 0 0; }
.flag.review { background: #f6c27a; } .flag.human { background: #bfe3c9; }
.failed { color: #8f1f28; font-weight: 600; }
.warn { color: #7a5a00; font-weight: 600; }
.legend-box mark { margin-right: 6px; }
.stale { border: 2px solid #b3261e; padding: 0 12px; }
#js-error { background: #fbe0e2; border: 1px solid #b3261e; padding: 6px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .doc-filters, #js-error { display: none !important; }
  section.document { break-before: page; }
  table.data thead { display: table-header-group; }
  table.data thead th { position: static; }
  tr, svg { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

ERROR_HOOK = """
window.onerror = function (message) {
  document.documentElement.setAttribute('data-js-error', String(message));
  var box = document.getElementById('js-error');
  if (box) { box.hidden = false; box.textContent = 'Fout in het script: ' + message; }
};
"""

SCRIPT = """
(function () {
  var forms = document.querySelectorAll('form.doc-filters');
  // ?type=proces&theme=duurzaamheid&smart=ja&review=1&q=... preselects every document's filters.
  var preset = new URLSearchParams(window.location.search);
  Array.prototype.forEach.call(forms, function (form) {
    var section = form.closest('section');
    var rows = section.querySelectorAll('tr.agr');
    function apply() {
      var type = form.elements.type.value, theme = form.elements.theme.value;
      var smart = form.elements.smart.value, review = form.elements.review.checked;
      var query = form.elements.q.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var ok = (!type || row.dataset.type === type) &&
          (!theme || row.dataset.theme === theme) &&
          (!smart || row.dataset.smart === smart) &&
          (!review || row.dataset.review === '1') &&
          (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      form.querySelector('output.count').textContent =
        shown + ' van ' + rows.length + ' afspraken';
    }
    ['type', 'theme', 'smart', 'q'].forEach(function (name) {
      var value = preset.get(name);
      if (value !== null) { form.elements[name].value = value; }
    });
    if (preset.get('review') === '1') { form.elements.review.checked = true; }
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    apply();
  });
  document.documentElement.setAttribute('data-js-ready', '1');
})();
"""
