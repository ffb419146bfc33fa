/** The only script of the HTML report: tooltips, series toggles and sortable tables. No
 *  network, no libraries; it runs from the file itself. */
export const REPORT_SCRIPT = `
(function () {
  var tip = document.createElement('div');
  tip.className = 'tooltip'; tip.setAttribute('role', 'status'); tip.hidden = true;
  document.body.appendChild(tip);
  function show(el, x, y) { tip.textContent = el.getAttribute('data-tip'); tip.hidden = false; tip.style.left = (x + 12) + 'px'; tip.style.top = (y + 12) + 'px'; }
  document.addEventListener('mouseover', function (e) { var el = e.target.closest && e.target.closest('[data-tip]'); if (el) show(el, e.pageX, e.pageY); });
  document.addEventListener('mousemove', function (e) { if (!tip.hidden) { tip.style.left = (e.pageX + 12) + 'px'; tip.style.top = (e.pageY + 12) + 'px'; } });
  document.addEventListener('mouseout', function (e) { if (e.target.closest && e.target.closest('[data-tip]')) tip.hidden = true; });
  document.addEventListener('focusin', function (e) { var el = e.target.closest && e.target.closest('[data-tip]'); if (el) { var r = el.getBoundingClientRect(); show(el, r.right + window.scrollX, r.top + window.scrollY); } });
  document.addEventListener('focusout', function () { tip.hidden = true; });
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-toggle]');
    if (button) {
      var on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      var svg = document.getElementById(button.getAttribute('data-chart'));
      svg.querySelectorAll('[data-series="' + button.getAttribute('data-toggle') + '"]').forEach(function (el) { el.style.display = on ? '' : 'none'; });
      return;
    }
    var th = e.target.closest && e.target.closest('th[data-col]');
    if (th) {
      var table = th.closest('table'); var col = Number(th.getAttribute('data-col'));
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
        var nx = Number(x), ny = Number(y);
        var c = (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) ? nx - ny : String(x).localeCompare(String(y));
        return asc ? c : -c;
      }).forEach(function (r) { body.appendChild(r); });
    }
  });
})();
`;
