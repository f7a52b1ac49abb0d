// As-you-type suggestions for the header search box. Without this file the box is a plain GET form.
const input = document.getElementById('site-search-q');
if (input) {
  const form = input.form;
  const list = document.createElement('ul');
  list.id = 'site-search-suggestions';
  list.className = 'search-suggest';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let timer = 0;
  let controller = null;
  let active = -1;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const show = (suggestions, query) => {
    list.dataset.query = query;
    // A late answer must not undo the reader's arrow-key choice: keep the chosen link selected if it is still offered.
    const chosen = active >= 0 ? list.children[active]?.querySelector('a')?.getAttribute('href') : null;
    list.replaceChildren(...suggestions.map((s, i) => {
      const li = document.createElement('li');
      li.id = `site-search-suggestion-${i}`;
      li.setAttribute('role', 'option');
      const a = document.createElement('a');
      a.href = s.url;
      a.textContent = s.title;
      li.appendChild(a);
      return li;
    }));
    list.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', String(suggestions.length > 0));
    active = -1;
    input.removeAttribute('aria-activedescendant');
    const keep = chosen ? suggestions.findIndex((s) => s.url === chosen) : -1;
    if (keep >= 0) select(keep);
  };

  const fetchSuggestions = async () => {
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/search/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      // The reader may have typed on while this was in flight; only the answer to what the box says now is shown.
      if (response.ok) {
        const suggestions = (await response.json()).suggestions ?? [];
        if (input.value.trim() === q) show(suggestions, q);
      }
    } catch (e) {
      if (e.name !== 'AbortError') close();
    }
  };

  const select = (index) => {
    const items = [...list.children];
    if (items.length === 0) return;
    active = (index + items.length) % items.length;
    items.forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
  };

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); select(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); select(active - 1); }
    else if (e.key === 'Escape') { close(); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); list.children[active].querySelector('a').click(); }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}
