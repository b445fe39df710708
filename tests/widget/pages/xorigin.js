// Loads the widget from ?loader=<URL> (another origin, the docs' CDN setup).
(function () {
  const s = document.createElement('script');
  s.async = true;
  s.src = new URLSearchParams(location.search).get('loader');
  document.head.appendChild(s);
})();
