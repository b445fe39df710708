// A minimal router: pushState navigation; the widget notices route changes
// (Navigation API or History API) and re-evaluates its URL rules and triggers.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-route]');
  if (!a) return;
  e.preventDefault();
  history.pushState({}, '', a.href);
  document.getElementById('title').textContent = a.dataset.route;
});
