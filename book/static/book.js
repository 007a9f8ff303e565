// The static book (tools/build_book.py): tell the tests and the PDF printer when MathJax is done, and keep its errors.
(function () {
  var root = document.documentElement;
  window.bookMathErrors = [];
  if (!window.MathJax || !window.MathJax.Hub) { root.setAttribute('data-mathjax', 'none'); return; }
  root.setAttribute('data-mathjax', 'pending');
  var hub = window.MathJax.Hub;
  hub.Register.MessageHook('TeX Jax - parse error', function (m) { window.bookMathErrors.push(String(m[1])); });
  hub.Register.MessageHook('Math Processing Error', function (m) { window.bookMathErrors.push(String(m[2] || m[1])); });
  hub.Register.StartupHook('End', function () {
    hub.Queue(function () { root.setAttribute('data-mathjax', 'done'); });
  });
}());
