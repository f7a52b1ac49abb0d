// Comments without reloading: fills in the form's token and signed time (the page itself is cached),
// posts with fetch, moves the form under the comment being answered, and shows newly approved
// comments live over Server-Sent Events. Without this file the form posts and redirects as usual.
const section = document.getElementById('comments');
if (section) {
  const articleId = section.dataset.article;
  const form = document.getElementById('comment-form');
  const list = section.querySelector('.comment-list');
  const counter = section.querySelector('.comments__count');
  const respond = document.getElementById('respond');

  const setCount = (n) => {
    counter.dataset.count = String(n);
    counter.textContent = n === 1 ? '1 comment' : `${n} comments`;
    section.querySelector('.comments__empty')?.remove();
  };

  const insert = (id, parentId, html, held) => {
    const existing = document.getElementById(`comment-${id}`);
    if (existing) {
      // Approved after being held, or corrected by a moderator: replace the card, keep the replies.
      existing.classList.toggle('comment--held', held);
      existing.querySelector(':scope > .comment-card').outerHTML = html;
      return false;
    }
    const li = document.createElement('li');
    li.className = held ? 'comment comment--held' : 'comment';
    li.id = `comment-${id}`;
    li.dataset.id = String(id);
    li.innerHTML = html; // built by the server from encoded text (CommentMarkup)
    const replies = document.createElement('ol');
    replies.className = 'comment-replies';
    li.appendChild(replies);
    const parent = parentId ? document.querySelector(`#comment-${parentId} > .comment-replies`) : null;
    (parent ?? list).appendChild(li);
    return true;
  };

  if (form) {
    const status = form.querySelector('.comment-form__status');
    const replying = form.querySelector('.comment-form__replying');
    let state = null;

    const loadState = async () => {
      if (state) return state;
      const response = await fetch(`/articles/${articleId}/comments/form`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) throw new Error('form state');
      state = await response.json();
      let token = form.querySelector(`input[name="${state.tokenField}"]`);
      if (!token) {
        token = document.createElement('input');
        token.type = 'hidden';
        token.name = state.tokenField;
        form.appendChild(token);
      }
      token.value = state.token;
      form.elements.stamp.value = state.stamp;
      for (const field of ['name', 'email', 'website']) {
        if (!form.elements[field].value && state[field]) form.elements[field].value = state[field];
      }
      if (state.remember) form.elements.remember.checked = true;
      return state;
    };

    // Fetched once the form is near the screen, so readers who never scroll down cost nothing.
    const watcher = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { watcher.disconnect(); loadState().catch(() => {}); }
    }, { rootMargin: '800px' });
    watcher.observe(form);
    form.addEventListener('focusin', () => loadState().catch(() => {}), { once: true });

    const showErrors = (errors) => {
      for (const el of form.querySelectorAll('.comment-form__field-error')) el.textContent = '';
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
      let first = null;
      for (const [field, messages] of Object.entries(errors ?? {})) {
        const input = form.elements[field];
        const slot = document.getElementById(`comment-${field === 'text' ? 'text' : field}-error`);
        if (input && slot && input.type !== 'hidden') {
          input.setAttribute('aria-invalid', 'true');
          slot.textContent = messages.join(' ');
          first ??= input;
        }
      }
      first?.focus();
    };

    const cancelReply = () => {
      form.elements.parentId.value = '';
      replying.hidden = true;
      respond.appendChild(form);
    };

    section.addEventListener('click', (event) => {
      const reply = event.target.closest('a.comment-reply');
      if (reply) {
        event.preventDefault();
        form.elements.parentId.value = reply.dataset.replyTo;
        replying.querySelector('.comment-form__reply-name').textContent = reply.dataset.replyName;
        replying.hidden = false;
        reply.closest('.comment-card').after(form);
        form.elements.text.focus();
        return;
      }
      if (event.target.closest('.comment-form__cancel')) {
        event.preventDefault();
        cancelReply();
      }
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('.comment-form__submit');
      button.disabled = true;
      status.textContent = 'Posting…';
      try {
        await loadState();
        const response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        const body = await response.json().catch(() => ({}));
        if (response.status === 201) {
          showErrors({});
          const added = insert(body.id, body.parentId, body.html, body.status !== 'approved');
          if (added && body.status === 'approved') setCount(Number(counter.dataset.count) + 1);
          form.elements.text.value = '';
          cancelReply();
          status.textContent = body.message;
          document.getElementById(`comment-${body.id}`)?.scrollIntoView({ block: 'nearest' });
          state = null; // a fresh signed time for the next comment
          loadState().catch(() => {});
        } else if (response.status === 429) {
          status.textContent = `Too many comments at once: try again in ${response.headers.get('Retry-After') ?? 'a few'} seconds.`;
        } else {
          showErrors(body.errors);
          status.textContent = body.title ?? 'Your comment could not be posted.';
          if (body.errors?.form) { state = null; }
        }
      } catch {
        status.textContent = 'Your comment could not be sent. Check your connection and try again; your text is still here.';
      } finally {
        button.disabled = false;
      }
    });
  }

  if ('EventSource' in window) {
    const since = section.dataset.since ? `?since=${encodeURIComponent(section.dataset.since)}` : '';
    const events = new EventSource(`/articles/${articleId}/comments/events${since}`);
    events.addEventListener('comment', (event) => {
      const c = JSON.parse(event.data);
      const wasHeld = document.getElementById(`comment-${c.id}`)?.classList.contains('comment--held');
      if (insert(c.id, c.parentId, c.html, false) || wasHeld) setCount(Number(counter.dataset.count) + 1);
    });
    events.addEventListener('removed', (event) => {
      const { id } = JSON.parse(event.data);
      const li = document.getElementById(`comment-${id}`);
      if (!li || li.classList.contains('comment--held')) return;
      // Replies stay: they move up to where the removed comment was.
      for (const reply of [...li.querySelector(':scope > .comment-replies').children]) li.before(reply);
      li.remove();
      setCount(Math.max(0, Number(counter.dataset.count) - 1));
    });
  }
}
