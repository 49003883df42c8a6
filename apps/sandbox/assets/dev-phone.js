// The dev phone: plain JavaScript, no build step. It reads the sandbox's state, follows its server-sent events,
// and posts texts as a handset through the sandbox's own API (never Twilio's REST API).

const EVENT_TYPES = [
  'message.created',
  'message.updated',
  'webhook.attempt',
  'alert',
  'opt-out.changed',
  'numbers.changed',
  'reset',
];

const state = {
  numbers: [],
  handsets: [],
  /** sid -> message, in creation order. */
  messages: new Map(),
  /** sid of a handset's text -> the last webhook attempt for it. */
  webhooks: new Map(),
  optOuts: [],
  selected: null,
  number: null,
  /** Files picked with the attach button, sent with the next text (an MMS). */
  attachments: [],
};

/** Twilio carries at most 10 media in one message. */
const MAX_ATTACHMENTS = 10;

const $ = (id) => document.getElementById(id);

async function api(path, init) {
  const response = await fetch(`/_sandbox${path}`, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

async function loadState() {
  const snapshot = await api('/state');
  state.numbers = snapshot.numbers;
  state.optOuts = snapshot.optOuts;
  state.messages = new Map(snapshot.messages.map((message) => [message.sid, message]));
  state.handsets = snapshot.handsets.map((handset) => handset.phoneNumber);
  for (const message of snapshot.messages) rememberHandset(handsetOf(message));
  const attempts = await api('/webhooks');
  state.webhooks = new Map();
  for (const attempt of attempts.attempts)
    if (attempt.kind === 'inbound') state.webhooks.set(attempt.messageSid, attempt);
  if (!state.number || !state.numbers.some((number) => number.phoneNumber === state.number)) {
    state.number = state.numbers[0]?.phoneNumber ?? null;
  }
  if (!state.selected) state.selected = state.handsets[0] ?? null;
  renderAll();
}

function isSandboxNumber(phoneNumber) {
  return state.numbers.some((number) => number.phoneNumber === phoneNumber);
}

/** The handset side of a message: whichever end is not one of the sandbox's numbers. */
function handsetOf(message) {
  return isSandboxNumber(message.to) ? message.from : message.to;
}

function rememberHandset(phoneNumber) {
  if (!phoneNumber || state.handsets.includes(phoneNumber)) return false;
  state.handsets.push(phoneNumber);
  return true;
}

function onEvent(event) {
  switch (event.type) {
    case 'message.created':
    case 'message.updated': {
      state.messages.set(event.message.sid, event.message);
      if (rememberHandset(handsetOf(event.message))) renderHandsets();
      if (handsetOf(event.message) === state.selected) renderConversation();
      break;
    }
    case 'webhook.attempt': {
      if (event.attempt.kind !== 'inbound') break;
      state.webhooks.set(event.attempt.messageSid, event.attempt);
      renderConversation();
      break;
    }
    case 'opt-out.changed': {
      state.optOuts = state.optOuts.filter(
        (entry) => !(entry.handset === event.handset && entry.scope === event.scope),
      );
      if (event.optedOut) state.optOuts.push({ handset: event.handset, scope: event.scope });
      renderTitle();
      break;
    }
    case 'numbers.changed': {
      state.numbers = event.numbers;
      renderNumbers();
      break;
    }
    case 'reset': {
      state.selected = null;
      loadState().catch(showSendError);
      break;
    }
    default:
      break;
  }
}

function connect() {
  const source = new EventSource('/_sandbox/events');
  const connection = $('connection');
  source.addEventListener('open', () => {
    connection.dataset.state = 'open';
    connection.textContent = 'live';
    // Catch up on whatever happened while the stream was down.
    loadState().catch(showSendError);
  });
  source.addEventListener('error', () => {
    connection.dataset.state = 'closed';
    connection.textContent = 'reconnecting…';
  });
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => onEvent(JSON.parse(message.data)));
  }
}

function renderAll() {
  renderHandsets();
  renderNumbers();
  renderConversation();
}

function renderHandsets() {
  const list = $('handset-list');
  list.replaceChildren(
    ...state.handsets.map((phoneNumber) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = phoneNumber;
      button.dataset.testid = 'handset';
      button.dataset.handset = phoneNumber;
      button.setAttribute('aria-current', String(phoneNumber === state.selected));
      button.addEventListener('click', () => selectHandset(phoneNumber));
      item.append(button);
      return item;
    }),
  );
}

function renderNumbers() {
  const select = $('number-select');
  select.replaceChildren(
    ...state.numbers.map((number) => {
      const option = document.createElement('option');
      option.value = number.phoneNumber;
      option.textContent = `${number.phoneNumber} (${number.friendlyName})`;
      option.selected = number.phoneNumber === state.number;
      return option;
    }),
  );
  const current = state.numbers.find((number) => number.phoneNumber === state.number);
  $('webhook-info').textContent = current?.smsUrl
    ? `Inbound texts go to ${current.smsUrl}`
    : 'This number has no webhook URL: texts are only stored.';
}

function renderTitle() {
  const title = $('conversation-title');
  if (!state.selected) {
    title.textContent = 'Pick a handset';
    return;
  }
  const optedOut = state.optOuts.some((entry) => entry.handset === state.selected);
  title.textContent = `${state.selected}${optedOut ? ' (unsubscribed: text START to resubscribe)' : ''}`;
}

function renderConversation() {
  renderTitle();
  const list = $('conversation');
  const messages = [...state.messages.values()].filter((message) => handsetOf(message) === state.selected);
  list.replaceChildren(...messages.map(renderBubble));
  list.scrollTop = list.scrollHeight;
}

/** Pictures show as thumbnails; other media (and every media an MMS Converter turned into links) as links. */
function renderMedia(message) {
  const box = document.createElement('div');
  box.className = 'media';
  box.dataset.testid = 'bubble-media';
  if (message.mediaPending) {
    box.append(`fetching ${message.mediaUrls.length} media…`);
    return box;
  }
  for (const media of message.media) {
    const url = `/_sandbox/media/${encodeURIComponent(media.sid)}`;
    const label = media.filename ?? media.contentType;
    if (media.contentType.startsWith('image/') && !message.mmsConverted) {
      const image = document.createElement('img');
      image.src = url;
      image.alt = label;
      image.title = `${label} (${media.contentType}, ${media.size} bytes)`;
      image.dataset.testid = 'bubble-image';
      box.append(image);
    } else {
      const link = document.createElement('a');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = `${label} (${media.contentType})`;
      link.dataset.testid = 'bubble-media-link';
      box.append(link);
    }
  }
  return box;
}

function renderBubble(message) {
  const sentByHandset = message.from === state.selected;
  const item = document.createElement('li');
  item.className = `bubble ${sentByHandset ? 'sent' : 'received'}`;
  item.dataset.testid = 'bubble';
  item.dataset.sid = message.sid;
  item.dataset.direction = sentByHandset ? 'sent' : 'received';
  const text = document.createElement('span');
  text.className = 'text';
  text.dataset.testid = 'bubble-text';
  text.textContent = message.body;
  const meta = document.createElement('span');
  meta.className = 'meta';
  const time = new Date(message.dateCreated).toLocaleTimeString();
  const status = document.createElement('span');
  status.className = 'status';
  status.dataset.testid = 'bubble-status';
  const { label, failed } = sentByHandset ? webhookStatus(message) : deliveryStatus(message);
  status.textContent = label;
  status.dataset.failed = String(failed);
  const kind =
    message.media.length > 0 || message.mediaPending ? (message.mmsConverted ? 'SMS + links' : 'MMS') : '';
  meta.append(`${time} · ${kind || `${message.numSegments} seg`} · `, status);
  if (message.media.length > 0 || message.mediaPending) item.append(renderMedia(message));
  item.append(text, meta);
  return item;
}

/** A handset's own text: what the sandbox's webhook call to the app made of it. */
function webhookStatus(message) {
  const attempt = state.webhooks.get(message.sid);
  if (attempt?.ok) return { label: `webhook ${attempt.status}`, failed: false };
  if (attempt) return { label: `error 11200: ${attempt.error}`, failed: true };
  const number = state.numbers.find((candidate) => candidate.phoneNumber === message.to);
  if (!number?.smsUrl) return { label: 'stored (no webhook URL)', failed: false };
  return { label: 'calling webhook…', failed: false };
}

/** A text to the handset: Twilio's delivery status. */
function deliveryStatus(message) {
  const failed = message.status === 'undelivered' || message.status === 'failed';
  const error = message.errorCode ? ` (${message.errorCode})` : '';
  return { label: `${message.status}${error}`, failed };
}

function selectHandset(phoneNumber) {
  state.selected = phoneNumber;
  renderHandsets();
  renderConversation();
}

function showSendError(error) {
  $('send-error').textContent = error instanceof Error ? error.message : String(error);
}

let segmentTimer;
function scheduleSegmentCount() {
  clearTimeout(segmentTimer);
  segmentTimer = setTimeout(async () => {
    const text = $('composer-text').value;
    try {
      const info = await api(`/segments?text=${encodeURIComponent(text)}`);
      const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
      $('segment-info').textContent =
        `${plural(info.characters, 'character')} · ${plural(info.segments, 'segment')} · ${info.encoding}`;
    } catch (error) {
      showSendError(error);
    }
  }, 120);
}

function renderAttachments() {
  $('attachments').replaceChildren(
    ...state.attachments.map((file, index) => {
      const item = document.createElement('li');
      item.dataset.testid = 'attachment';
      if (file.type.startsWith('image/')) {
        const preview = document.createElement('img');
        preview.src = URL.createObjectURL(file);
        preview.alt = '';
        preview.addEventListener('load', () => URL.revokeObjectURL(preview.src), { once: true });
        item.append(preview);
      }
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.title = `Remove ${file.name}`;
      remove.addEventListener('click', () => {
        state.attachments.splice(index, 1);
        renderAttachments();
      });
      item.append(file.name, remove);
      return item;
    }),
  );
}

function attach(files) {
  $('send-error').textContent = '';
  const room = MAX_ATTACHMENTS - state.attachments.length;
  if (files.length > room) showSendError(new Error(`A text carries at most ${MAX_ATTACHMENTS} media.`));
  state.attachments.push(...Array.from(files).slice(0, Math.max(room, 0)));
  renderAttachments();
}

/** A text with attachments goes as multipart/form-data (files as they are); a plain text as JSON. */
function textRequest(body) {
  if (state.attachments.length === 0) {
    return {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: state.number, body }),
    };
  }
  const form = new FormData();
  form.set('to', state.number ?? '');
  form.set('body', body);
  for (const file of state.attachments) form.append('media', file, file.name);
  return { method: 'POST', body: form };
}

async function send() {
  const textarea = $('composer-text');
  const body = textarea.value;
  if (!state.selected || (body.trim() === '' && state.attachments.length === 0)) return;
  $('send-error').textContent = '';
  $('send').disabled = true;
  try {
    const handset = encodeURIComponent(state.selected);
    await api(`/phones/${handset}/messages`, textRequest(body));
    textarea.value = '';
    state.attachments = [];
    renderAttachments();
    scheduleSegmentCount();
  } catch (error) {
    showSendError(error);
  } finally {
    $('send').disabled = false;
    textarea.focus();
  }
}

function wireForms() {
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  $('composer-text').addEventListener('input', scheduleSegmentCount);
  $('attach-input').addEventListener('change', (event) => {
    attach(event.target.files ?? []);
    event.target.value = '';
  });
  $('composer-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  });
  $('number-select').addEventListener('change', (event) => {
    state.number = event.target.value;
    renderNumbers();
  });
  $('add-handset').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('handset-input');
    const phoneNumber = input.value.replace(/[\s().-]/g, '');
    $('handset-error').textContent = '';
    try {
      await api('/handsets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber }),
      });
      rememberHandset(phoneNumber);
      input.value = '';
      selectHandset(phoneNumber);
    } catch (error) {
      $('handset-error').textContent = error instanceof Error ? error.message : String(error);
    }
  });
}

wireForms();
connect();
