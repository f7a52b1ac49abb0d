// The article editor, enhanced: drag-and-drop item order, live listicle checks, Markdown preview
// and autosave of drafts. Without this script every one of these still works as a form post.
const form = document.getElementById('article-editor');
const list = document.getElementById('item-list');

function formData({ withFiles = false } = {}) {
  const data = new FormData(form);
  if (!withFiles) {
    for (const [key, value] of [...data.entries()]) {
      if (value instanceof File) data.delete(key);
    }
  }
  return data;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// Item fields are named Form.Items[i].X: after a move every index is rewritten.
function renumber() {
  if (!list) return;
  [...list.children].forEach((item, index) => {
    item.dataset.index = index;
    item.querySelector('.item-number').textContent = String(index + 1);
    for (const el of item.querySelectorAll('[name], [id], [for], [formaction]')) {
      for (const attr of ['name', 'id', 'for']) {
        const value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/Items\[\d+\]/, `Items[${index}]`).replace(/Items_\d+__/, `Items_${index}__`));
      }
      const action = el.getAttribute('formaction');
      if (action) el.setAttribute('formaction', action.replace(/index=\d+/, `index=${index}`));
      const label = el.getAttribute('aria-label');
      if (label) el.setAttribute('aria-label', label.replace(/item \d+/, `item ${index + 1}`));
    }
  });
  runChecks();
}

if (list) {
  let dragged = null;
  list.addEventListener('dragstart', (e) => {
    dragged = e.target.closest('.item-editor');
    if (!dragged || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)) { dragged = null; return; }
    dragged.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
  });
  list.addEventListener('dragover', (e) => {
    if (!dragged) return;
    e.preventDefault();
    const over = e.target.closest('.item-editor');
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    list.insertBefore(dragged, e.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener('dragend', () => {
    if (!dragged) return;
    dragged.classList.remove('dragging');
    dragged = null;
    renumber();
  });

  // Move up/down without a round trip when the script runs; the buttons still post without it.
  list.addEventListener('click', (e) => {
    const button = e.target.closest('button[formaction*="MoveItem"]');
    if (!button) return;
    e.preventDefault();
    const item = button.closest('.item-editor');
    const up = /by=-1/.test(button.getAttribute('formaction'));
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    list.insertBefore(item, up ? sibling : sibling.nextSibling);
    renumber();
    button.focus();
    updateMoveButtons();
  });
  list.addEventListener('input', (e) => {
    if (e.target.classList.contains('item-heading')) {
      e.target.closest('.item-editor').querySelector('.item-legend').textContent = e.target.value || 'New item';
    }
  });
}

function updateMoveButtons() {
  if (!list) return;
  const items = [...list.children];
  items.forEach((item, index) => {
    item.querySelector('button[formaction*="by=-1"]').disabled = index === 0;
    item.querySelector('button[formaction*="by=1"]').disabled = index === items.length - 1;
  });
}

const warnings = document.getElementById('listicle-warnings');
const noWarnings = document.getElementById('no-warnings');
const runChecks = debounce(async () => {
  if (!warnings) return;
  const response = await fetch(form.dataset.checksUrl, { method: 'POST', body: formData() });
  if (!response.ok) return;
  const found = await response.json();
  warnings.replaceChildren(...found.map((w) => {
    const li = document.createElement('li');
    li.className = 'warning';
    li.dataset.code = w.code;
    li.textContent = w.message;
    return li;
  }));
  noWarnings.hidden = found.length > 0;
}, 400);
form.addEventListener('input', runChecks);
form.addEventListener('change', runChecks);

const preview = debounce(async (textarea) => {
  const target = document.getElementById(textarea.dataset.preview);
  const body = new FormData();
  body.append('markdownText', textarea.value);
  body.append('__RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
  const response = await fetch(form.dataset.previewUrl, { method: 'POST', body });
  if (response.ok) target.innerHTML = await response.text(); // sanitized on the server
}, 300);
for (const textarea of form.querySelectorAll('textarea.markdown')) {
  textarea.addEventListener('input', () => preview(textarea));
  textarea.closest('.field').querySelector('details')?.addEventListener('toggle', () => preview(textarea));
}

let dirty = false;
form.addEventListener('input', () => { dirty = true; });
const status = form.querySelector('.autosave-status');
setInterval(async () => {
  if (!dirty || form.querySelector('select[name="Form.Status"]').value !== 'Draft' || !form.querySelector('input[name="Form.Title"]').value.trim()) return;
  dirty = false;
  const response = await fetch(form.dataset.autosaveUrl, { method: 'POST', body: formData() });
  const result = await response.json().catch(() => ({}));
  if (result.saved) {
    status.textContent = `Draft saved at ${new Date(result.at).toLocaleTimeString()}`;
    if (!/\/admin\/articles\/\d+/.test(location.pathname)) {
      const base = `/admin/articles/${result.id}`;
      history.replaceState(null, '', base);
      form.action = base;
      form.dataset.checksUrl = `${base}?handler=Checks`;
      form.dataset.previewUrl = `${base}?handler=PreviewMarkdown`;
      form.dataset.autosaveUrl = `${base}?handler=Autosave`;
      for (const button of form.querySelectorAll('[formaction]')) {
        button.setAttribute('formaction', button.getAttribute('formaction').replace(/^\/admin\/articles\/new/, base));
      }
    }
  } else {
    dirty = true;
    status.textContent = 'Not saved yet: check the highlighted fields.';
  }
}, 20000);
