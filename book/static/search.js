// Search in the static book: the index is search-index.js (window.BOOK_SEARCH_INDEX), so this also works
// from a USB stick (file://), where fetch() of a JSON file is not allowed. Every word of the query must occur.
(function () {
  var index = window.BOOK_SEARCH_INDEX || [];
  var params = new URLSearchParams(window.location.search);
  var query = (params.get('q') || '').trim();
  var box = document.querySelector('.book-search input');
  if (box) box.value = query;
  var out = document.getElementById('book-results');
  var summary = document.getElementById('book-results-summary');
  if (!query) return;
  var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }
  var hits = [];
  index.forEach(function (entry) {
    var text = entry.text.toLowerCase(), title = entry.title.toLowerCase(), score = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], n = text.split(t).length - 1, inTitle = title.indexOf(t) >= 0;
      if (!n && !inTitle) return;
      score += n + (inTitle ? 10 : 0);
    }
    hits.push({entry: entry, score: score});
  });
  hits.sort(function (a, b) { return b.score - a.score; });
  summary.textContent = (summary.getAttribute('data-template') || '{n}').replace('{n}', hits.length).replace('{q}', query);
  hits.slice(0, 100).forEach(function (hit) {
    var e = hit.entry, lower = e.text.toLowerCase(), at = lower.indexOf(terms[0]);
    var start = Math.max(0, at - 80), snippet = e.text.slice(start, start + 240);
    var html = esc(snippet);
    terms.forEach(function (t) {
      html = html.replace(new RegExp(esc(t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), function (m) { return '<mark>' + m + '</mark>'; });
    });
    var li = document.createElement('li');
    li.innerHTML = '<a href="' + esc(e.url) + '">' + esc(e.title) + '</a> <span class="where">' + esc(e.chapter) + '</span>' +
      '<div class="snippet">' + (start > 0 ? '… ' : '') + html + ' …</div>';
    out.appendChild(li);
  });
}());
