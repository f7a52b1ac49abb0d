// The subscribe widget. Loaded as a module (deferred, never blocks rendering); the widget stays
// hidden unless this browser has the Push API. Permission is asked only after the reader clicks.
const widget = document.querySelector('aside.push');
const supported = widget && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
const stored = 'backlot.push.topics';

if (supported) {
  const $ = (selector) => widget.querySelector(selector);
  const form = $('.push__topics');
  const state = $('.push__state');
  const manage = $('.push__manage');
  const prompt = $('.push__prompt');
  const key = widget.dataset.pushKey;

  const savedTopics = () => { try { return JSON.parse(localStorage.getItem(stored)) || []; } catch { return []; } };
  const labelOf = (topic) => {
    const box = form.querySelector(`input[value="${CSS.escape(topic)}"]`);
    return box ? box.parentElement.textContent.trim() : topic.replace(/^\w+:/, '').replace(/-/g, ' ');
  };
  const show = (mode, message = '') => {
    prompt.hidden = mode !== 'prompt';
    form.hidden = mode !== 'topics';
    manage.hidden = mode !== 'on';
    state.textContent = message;
  };
  const showOn = (topics) => show('on', `Notifications are on for: ${topics.map(labelOf).join(', ')}.`);

  const keyBytes = () => {
    const text = key.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(text + '='.repeat((4 - text.length % 4) % 4)), (c) => c.charCodeAt(0));
  };
  const sameKey = (subscription) => {
    const current = subscription.options && subscription.options.applicationServerKey;
    if (!current) return true;
    const a = new Uint8Array(current), b = keyBytes();
    return a.length === b.length && a.every((v, i) => v === b[i]);
  };

  const send = (method, subscription, topics) => fetch('/push/subscriptions', {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subscription: subscription.toJSON(), topics }),
  });

  const registration = async () => {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return navigator.serviceWorker.ready;
  };

  const subscribe = async (topics) => {
    const reg = await registration();
    let subscription = await reg.pushManager.getSubscription();
    if (subscription && !sameKey(subscription)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes() });
    const response = await send('POST', subscription, topics);
    if (!response.ok) throw new Error(`The site answered ${response.status}.`);
    localStorage.setItem(stored, JSON.stringify(topics));
    showOn(topics);
  };

  $('.push__open').addEventListener('click', () => show('topics'));
  $('.push__cancel').addEventListener('click', () => show(savedTopics().length ? 'on' : 'prompt'));
  $('.push__change').addEventListener('click', () => {
    const chosen = savedTopics();
    form.querySelectorAll('input[name=topic]').forEach((box) => { box.checked = chosen.includes(box.value); });
    show('topics');
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const topics = [...form.querySelectorAll('input[name=topic]:checked')].map((box) => box.value);
    if (!topics.length) { state.textContent = 'Choose at least one topic.'; return; }
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') { show('prompt', 'Notifications are blocked for this site in your browser settings.'); return; }
      await subscribe([...new Set([...savedTopics().filter((t) => !form.querySelector(`input[value="${CSS.escape(t)}"]`)), ...topics])]);
    } catch (error) {
      show('prompt', `Could not turn on notifications: ${error.message}`);
    }
  });

  $('.push__off').addEventListener('click', async () => {
    try {
      const reg = await navigator.serviceWorker.getRegistration('/');
      const subscription = reg && await reg.pushManager.getSubscription();
      if (subscription) {
        await send('DELETE', subscription, []);
        await subscription.unsubscribe();
      }
      localStorage.removeItem(stored);
      show('prompt', 'Notifications are off.');
    } catch (error) {
      state.textContent = `Could not unsubscribe: ${error.message}`;
    }
  });

  // The reader's current state: subscribed on this device (re-subscribing if the site's key changed) or not.
  (async () => {
    const topics = savedTopics();
    const reg = Notification.permission === 'granted' && await navigator.serviceWorker.getRegistration('/');
    const subscription = reg && await reg.pushManager.getSubscription();
    if (subscription && topics.length) {
      if (sameKey(subscription)) showOn(topics); else await subscribe(topics);
    } else {
      show('prompt');
    }
    widget.hidden = false;
  })().catch(() => { show('prompt'); widget.hidden = false; });
}
