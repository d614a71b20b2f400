// Samvad sandbox console. Reads the world from GET /sandbox/state, follows it through the event
// stream at GET /sandbox/events, and acts as the chosen person through the control API. Every text
// from the world is put in the page with textContent, never as HTML.
"use strict";

const state = {
  bot: null,
  users: new Map(), // id -> user (with phone, started_bot)
  chats: new Map(), // id -> {chat, members: Map(userId -> ChatMember), messages: Map(id -> Message), joinRequests: Set(userId)}
  labels: {},
  me: null, // the person acted as
  open: null, // the open chat's id
  replyTo: null, // message id to reply to
  editing: null, // message id being edited
  unread: new Map(), // chat id -> count
  usedKeyboards: new Set(), // "chat:message" of one-time reply keyboards already used
  tour: { available: false, running: false },
  captions: [],
  follow: true,
  membersOpen: false,
};

const $ = (id) => document.getElementById(id);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

// -- talking to the sandbox -------------------------------------------------------

class SandboxRefusal extends Error {
  constructor(description, status) {
    super(description);
    this.status = status;
  }
}

// The control token, when the sandbox asks for one (it is reachable from other machines): the page
// is opened as /console?token=..., and every call to the control API carries it.
const CONTROL_TOKEN = new URLSearchParams(location.search).get("token");

function withToken(path) {
  if (!CONTROL_TOKEN) return path;
  return `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(CONTROL_TOKEN)}`;
}

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (CONTROL_TOKEN) options.headers["X-Sandbox-Token"] = CONTROL_TOKEN;
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let answer;
  try {
    answer = await response.json();
  } catch {
    throw new SandboxRefusal(`the sandbox answered ${response.status} ${response.statusText}`, response.status);
  }
  if (!answer.ok) throw new SandboxRefusal(answer.description || `HTTP ${response.status}`, response.status);
  return answer.result;
}

async function act(doing, action) {
  try {
    return await action();
  } catch (error) {
    const why = error instanceof SandboxRefusal ? error.message : String(error);
    toast(`${doing}: ${why}`, "error");
    return undefined;
  }
}

// -- the world as the page knows it -----------------------------------------------

function chatEntry(chat) {
  let entry = state.chats.get(chat.id);
  if (!entry) {
    entry = { chat, members: new Map(), messages: new Map(), joinRequests: new Set() };
    state.chats.set(chat.id, entry);
  } else {
    entry.chat = chat;
  }
  return entry;
}

function loadSnapshot(snapshot) {
  state.bot = snapshot.bot;
  state.users = new Map(snapshot.users.map((user) => [user.id, user]));
  const known = new Map(state.chats);
  state.chats = new Map();
  for (const item of snapshot.chats) {
    const entry = chatEntry(item.chat);
    for (const member of item.members) entry.members.set(member.user.id, member);
    for (const message of item.messages) entry.messages.set(message.message_id, message);
    for (const request of item.join_requests) entry.joinRequests.add(request.from.id);
  }
  for (const [id, entry] of known) if (!state.chats.has(id) && entry.chat.type === "private") state.chats.set(id, entry);
}

function applyEvent(event) {
  switch (event.type) {
    case "message":
    case "message_edited": {
      const entry = chatEntry(event.message.chat);
      const isNew = !entry.messages.has(event.message.message_id);
      entry.messages.set(event.message.message_id, event.message);
      const sender = event.message.from;
      if (entry.chat.type === "private" && sender && !sender.is_bot) {
        const user = state.users.get(sender.id);
        if (user) user.started_bot = true;
      }
      if (isNew && event.chat_id !== state.open && event.type === "message") {
        state.unread.set(event.chat_id, (state.unread.get(event.chat_id) || 0) + 1);
      }
      return { chat: event.chat_id, lists: true };
    }
    case "message_deleted": {
      const message = state.chats.get(event.chat_id)?.messages.get(event.message_id);
      if (message) message.deleted = true;
      return { chat: event.chat_id, lists: true };
    }
    case "member": {
      const entry = state.chats.get(event.chat_id);
      if (entry) entry.members.set(event.user_id, event.member);
      return { chat: event.chat_id, lists: true, members: true };
    }
    case "join_request":
      state.chats.get(event.chat_id)?.joinRequests.add(event.user_id);
      return { chat: event.chat_id, lists: true, members: true };
    case "join_request_resolved":
      state.chats.get(event.chat_id)?.joinRequests.delete(event.user_id);
      return { chat: event.chat_id, lists: true, members: true };
    case "caption":
      showCaption(event);
      return {};
    case "tour":
      state.tour.running = event.running;
      renderTourButton();
      return {};
    case "user_created":
    case "chat_created":
      refreshSoon(); // members are added silently, so the whole state is read again
      return {};
    default:
      return {};
  }
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    const snapshot = await act("Reading the sandbox", () => api("GET", "/sandbox/state"));
    if (snapshot) {
      loadSnapshot(snapshot);
      renderAll();
    }
  }, 150);
}

function connectEvents(onReady) {
  const buffered = [];
  let ready = false;
  let broken = false;
  const source = new EventSource(withToken("/sandbox/events"));
  const handle = (message) => {
    const event = JSON.parse(message.data);
    if (!ready) {
      buffered.push(event);
      return;
    }
    afterEvent(applyEvent(event));
  };
  for (const type of ["message", "message_edited", "message_deleted", "member", "join_request",
    "join_request_resolved", "caption", "tour", "user_created", "chat_created", "callback_answered"]) {
    source.addEventListener(type, handle);
  }
  source.addEventListener("open", () => {
    document.body.dataset.connected = "true";
    if (broken) refreshSoon(); // events were missed while away
    broken = false;
  });
  source.addEventListener("error", () => {
    document.body.dataset.connected = "false";
    broken = true;
  });
  onReady(() => {
    ready = true;
    for (const event of buffered.splice(0)) applyEvent(event);
    renderAll();
  });
}

let renderQueued = null;
function afterEvent(effect) {
  if (!effect) return;
  renderQueued = renderQueued || { chat: false, lists: false, members: false };
  if (effect.chat !== undefined && effect.chat === state.open) renderQueued.chat = true;
  if (effect.lists) renderQueued.lists = true;
  if (effect.members || effect.chat !== undefined) renderQueued.members = true;
  requestAnimationFrame(() => {
    const what = renderQueued;
    renderQueued = null;
    if (!what) return;
    if (what.lists) renderChatList();
    if (what.chat) renderChat();
    if (what.members && state.membersOpen) loadMembersSoon();
  });
}

// -- names ------------------------------------------------------------------------

function fullName(user) {
  if (!user) return "someone";
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

function userName(userId) {
  if (state.bot && userId === state.bot.id) return state.bot.first_name;
  return fullName(state.users.get(userId));
}

function chatName(entry) {
  if (entry.chat.type === "private") return `${state.bot ? state.bot.first_name : "The bot"} (private chat)`;
  return entry.chat.title || String(entry.chat.id);
}

function isGroup(entry) {
  return entry.chat.type === "group" || entry.chat.type === "supergroup";
}

const PRESENT = new Set(["creator", "administrator", "member", "restricted"]);
function isPresent(member) {
  return Boolean(member) && PRESENT.has(member.status) && (member.status !== "restricted" || member.is_member);
}

function senderColour(userId) {
  const hue = (Math.abs(userId) * 47) % 360;
  return `hsl(${hue} 55% 35%)`;
}

// -- choosing who you are and which chat is open ------------------------------------

function setMe(userId) {
  if (state.me === userId) return;
  state.me = userId;
  state.replyTo = null;
  state.editing = null;
  // A private chat follows the person, and so does a group she is not in (it would only say "not a member"):
  // her first group opens instead, or her private chat if she is in none.
  const open = state.open !== null ? state.chats.get(state.open) : undefined;
  if (open && (open.chat.type === "private" || !isPresent(open.members.get(userId)))) {
    const group = open.chat.type === "private" ? undefined : chatsOf(userId)[0];
    state.open = group ? group.chat.id : userId;
    if (!state.chats.has(state.open)) {
      chatEntry({ id: userId, type: "private", first_name: state.users.get(userId)?.first_name || "" });
    }
  }
  saveLocation();
  renderAll();
}

function openChat(chatId) {
  if (state.open !== chatId) {
    state.replyTo = null;
    state.editing = null;
  }
  state.open = chatId;
  state.unread.delete(chatId);
  if (!state.chats.has(chatId) && chatId === state.me) {
    chatEntry({ id: chatId, type: "private", first_name: state.users.get(chatId)?.first_name || "" });
  }
  saveLocation();
  renderAll();
  showView("chat");
}

function showView(view) {
  const wasShowing = document.body.dataset.view;
  document.body.dataset.view = view;
  if (view === "chat" && wasShowing !== "chat") {
    const list = $("messages");
    list.scrollTop = list.scrollHeight; // a hidden list could not be scrolled to its end before
  }
}

function saveLocation() {
  const parts = [];
  if (state.me !== null) parts.push(`as=${state.me}`);
  if (state.open !== null) parts.push(`chat=${state.open}`);
  history.replaceState(null, "", `#${parts.join("&")}`);
}

function readLocation() {
  const values = new URLSearchParams(location.hash.slice(1));
  const me = Number(values.get("as"));
  const chat = Number(values.get("chat"));
  if (me && state.users.has(me)) state.me = me;
  if (chat && state.me !== null) state.open = chat;
}

function people() {
  return [...state.users.values()].filter((user) => !user.is_bot);
}

function chatsOf(userId) {
  const mine = [];
  for (const entry of state.chats.values()) {
    if (entry.chat.type === "private") continue;
    if (isGroup(entry) && isPresent(entry.members.get(userId))) mine.push(entry);
  }
  return mine;
}

// -- rendering: people and chats ---------------------------------------------------

function renderAll() {
  renderPeople();
  renderChatList();
  renderChat();
  renderTourButton();
  if (state.membersOpen) loadMembersSoon();
}

function renderPeople() {
  const list = $("people-list");
  list.replaceChildren(
    ...people().map((user) =>
      el("li", {},
        el("button", {
          type: "button",
          class: "person",
          "data-user-id": user.id,
          "aria-pressed": String(user.id === state.me),
          onclick: () => { setMe(user.id); showView("chats"); },
        },
        el("span", { class: "name" }, fullName(user)),
        el("span", { class: "label" }, state.labels[user.id] || user.phone || ""))),
    ),
  );
}

function lastMessagePreview(entry) {
  const messages = [...entry.messages.values()];
  const last = messages[messages.length - 1];
  if (!last) return "";
  if (last.deleted) return "message deleted";
  const who = last.from ? `${userName(last.from.id)}: ` : "";
  return who + messageSummary(last);
}

function chatItem(entry) {
  const unread = state.unread.get(entry.chat.id);
  return el("li", {},
    el("button", {
      type: "button",
      class: "chat-item",
      "data-chat-id": entry.chat.id,
      "aria-current": String(entry.chat.id === state.open),
      onclick: () => openChat(entry.chat.id),
    },
    el("span", { class: "name" }, el("span", {}, chatName(entry)), unread ? el("span", { class: "badge" }, unread) : null),
    el("span", { class: "preview" }, lastMessagePreview(entry))));
}

function renderChatList() {
  const me = state.me;
  const list = $("chat-list");
  $("invite-form").hidden = me === null;
  if (me === null) {
    $("chats-heading").textContent = "Chats";
    list.replaceChildren(el("li", { class: "hint" }, "Pick a person first."));
    $("other-groups").replaceChildren();
    $("other-groups-heading").hidden = true;
    return;
  }
  $("chats-heading").textContent = `Chats of ${fullName(state.users.get(me))}`;
  const privateEntry = state.chats.get(me) || { chat: { id: me, type: "private" }, messages: new Map(), members: new Map(), joinRequests: new Set() };
  list.replaceChildren(chatItem(privateEntry), ...chatsOf(me).map(chatItem));
  const others = [...state.chats.values()].filter((entry) => isGroup(entry) && !isPresent(entry.members.get(me)));
  $("other-groups-heading").hidden = others.length === 0;
  $("other-groups").replaceChildren(...others.map((entry) => otherGroupItem(entry, me)));
}

function otherGroupItem(entry, me) {
  const member = entry.members.get(me);
  let control;
  if (entry.joinRequests.has(me)) control = el("span", { class: "state" }, "request pending");
  else if (member && member.status === "kicked") control = el("span", { class: "state" }, "removed");
  else {
    control = el("button", {
      type: "button",
      class: "small-button",
      onclick: () => act("Asking to join", async () => {
        await api("POST", `/sandbox/chats/${entry.chat.id}/join_requests`, { user_id: me });
        toast(`${fullName(state.users.get(me))} asked to join ${chatName(entry)}.`);
      }),
    }, "Ask to join");
  }
  return el("li", { "data-chat-id": entry.chat.id },
    el("button", { type: "button", class: "chat-item name", onclick: () => openChat(entry.chat.id) }, chatName(entry)),
    control);
}

// -- rendering: the open chat -----------------------------------------------------

function renderChat() {
  const entry = state.open === null ? null : state.chats.get(state.open);
  const list = $("messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  $("members-toggle").hidden = !entry || !isGroup(entry);
  if (!entry || state.me === null) {
    $("chat-title").textContent = "No chat open";
    $("chat-subtitle").textContent = "";
    list.replaceChildren(el("li", { class: "empty" }, "Pick a person, then one of their chats."));
    renderComposer(null);
    $("members-panel").hidden = true;
    return;
  }
  $("chat-title").textContent = chatName(entry);
  const present = [...entry.members.values()].filter(isPresent).length;
  $("chat-subtitle").textContent = isGroup(entry)
    ? `${present} members · you are ${fullName(state.users.get(state.me))}`
    : `you are ${fullName(state.users.get(state.me))}`;
  const messages = [...entry.messages.values()];
  if (isGroup(entry) && !isPresent(entry.members.get(state.me))) {
    list.replaceChildren(el("li", { class: "empty" }, "Only members see this group's messages, as in Telegram."));
  } else {
    list.replaceChildren(
      ...(messages.length ? messages.map((message) => renderMessage(entry, message)) : [el("li", { class: "empty" }, "No messages yet.")]),
    );
  }
  if (nearBottom || list.dataset.chatId !== String(entry.chat.id)) list.scrollTop = list.scrollHeight;
  list.dataset.chatId = String(entry.chat.id);
  renderComposer(entry);
}

function messageSummary(message) {
  if (message.text) return message.text;
  if (message.caption) return message.caption;
  if (message.document) return `Document: ${message.document.file_name || "file"}`;
  if (message.photo) return "Photo";
  if (message.contact) return `Contact: ${message.contact.first_name} ${message.contact.phone_number}`;
  if (message.new_chat_members) return `${message.new_chat_members.map(fullName).join(", ")} joined`;
  if (message.left_chat_member) return `${fullName(message.left_chat_member)} left`;
  if (message.pinned_message) return "pinned a message";
  return "";
}

function serviceText(message) {
  const actor = message.from ? userName(message.from.id) : "";
  if (message.new_chat_members) {
    const joined = message.new_chat_members.map(fullName).join(", ");
    const self = message.new_chat_members.length === 1 && message.from && message.new_chat_members[0].id === message.from.id;
    return self ? `${joined} joined the group` : `${actor} added ${joined}`;
  }
  if (message.left_chat_member) {
    const left = fullName(message.left_chat_member);
    return message.from && message.left_chat_member.id === message.from.id ? `${left} left the group` : `${actor} removed ${left}`;
  }
  if (message.pinned_message) return `${actor} pinned “${messageSummary(message.pinned_message).slice(0, 60)}”`;
  return "";
}

const IST_TIME = { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Kolkata" };

function renderMessage(entry, message) {
  // The bot writes Indian Standard Time, so the console shows it too, whatever the visitor's own zone.
  const time = `${new Date(message.date * 1000).toLocaleTimeString("en-GB", IST_TIME)} IST`;
  if (message.new_chat_members || message.left_chat_member || message.pinned_message) {
    return el("li", { class: "message service", "data-message-id": message.message_id }, serviceText(message));
  }
  const senderId = message.from ? message.from.id : null;
  const fromBot = Boolean(message.from && message.from.is_bot);
  const mine = senderId !== null && senderId === state.me;
  const classes = ["message", fromBot ? "from-bot" : "", mine ? "mine" : "", message.deleted ? "deleted" : ""].join(" ");
  const item = el("li", { class: classes, "data-message-id": message.message_id });
  if (senderId !== null && !mine) {
    const role = fromBot ? "bot" : state.labels[senderId];
    item.append(el("div", { class: "sender", style: `color: ${fromBot ? "var(--accent)" : senderColour(senderId)}` },
      userName(senderId), role ? el("span", { class: "role" }, role) : null));
  }
  if (message.forward_origin) item.append(el("div", { class: "forwarded" }, `Forwarded from ${originName(message.forward_origin)}`));
  if (message.reply_to_message) item.append(quoteOf(message.reply_to_message));
  item.append(bodyOf(message));
  if (message.reply_markup && message.reply_markup.inline_keyboard && !message.deleted) {
    item.append(inlineKeyboard(entry, message));
  }
  const actions = el("span", { class: "message-actions" });
  if (!message.deleted && canWrite(entry)) {
    actions.append(el("button", { type: "button", onclick: () => startReply(message) }, "Reply"));
    if (mine && message.text) actions.append(el("button", { type: "button", onclick: () => startEdit(message) }, "Edit"));
  }
  item.append(el("div", { class: "meta" }, actions,
    message.edit_date ? el("span", { class: "tag" }, "edited") : null,
    message.deleted ? el("span", { class: "deleted-tag" }, "deleted") : null,
    el("time", {}, time)));
  return item;
}

function originName(origin) {
  if (origin.sender_user) return fullName(origin.sender_user);
  if (origin.sender_user_name) return origin.sender_user_name;
  if (origin.chat) return origin.chat.title || "a chat";
  if (origin.sender_chat) return origin.sender_chat.title || "a chat";
  return "someone";
}

function quoteOf(replied) {
  const who = replied.from ? userName(replied.from.id) : "";
  return el("div", { class: "quote" }, el("span", { class: "sender" }, who), el("span", { class: "quoted" }, messageSummary(replied)));
}

function bodyOf(message) {
  const body = el("div", { class: "body" });
  if (message.document) {
    body.append(el("a", { class: "attachment", href: withToken(`/sandbox/files/${encodeURIComponent(message.document.file_id)}`), download: message.document.file_name || "file" },
      `Document: ${message.document.file_name || "file"}`));
  }
  if (message.photo) body.append(el("span", { class: "attachment" }, "Photo"));
  if (message.contact) {
    const contact = message.contact;
    const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ");
    body.append(el("span", { class: "contact-card" }, `Contact: ${name} · ${contact.phone_number}`));
  }
  const text = message.text !== undefined ? message.text : message.caption;
  const entities = message.text !== undefined ? message.entities : message.caption_entities;
  if (text !== undefined) {
    const paragraph = el("div", { class: "text" });
    paragraph.append(renderEntities(text, entities || []));
    body.append(paragraph);
  }
  return body;
}

// Entities use UTF-16 offsets, which is how JavaScript strings count, so slices line up.
function renderEntities(text, entities) {
  const fragment = document.createDocumentFragment();
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  buildRange(fragment, text, 0, text.length, sorted);
  return fragment;
}

function buildRange(parent, text, start, end, entities) {
  let position = start;
  let index = 0;
  while (index < entities.length) {
    const entity = entities[index];
    if (entity.offset < position) { index += 1; continue; } // overlaps without nesting: left plain
    if (entity.offset >= end) break;
    parent.append(text.slice(position, entity.offset));
    const entityEnd = Math.min(entity.offset + entity.length, end);
    const inner = [];
    let next = index + 1;
    while (next < entities.length && entities[next].offset < entityEnd) {
      if (entities[next].offset + entities[next].length <= entityEnd) inner.push(entities[next]);
      next += 1;
    }
    const node = entityElement(entity, text.slice(entity.offset, entityEnd));
    buildRange(node, text, entity.offset, entityEnd, inner);
    parent.append(node);
    position = entityEnd;
    index = next;
  }
  parent.append(text.slice(position, end));
}

function entityElement(entity, content) {
  switch (entity.type) {
    case "bold": return el("strong");
    case "italic": return el("em");
    case "underline": return el("u");
    case "strikethrough": return el("s");
    case "code": return el("code");
    case "pre": return el("pre");
    case "blockquote":
    case "expandable_blockquote": return el("blockquote");
    case "spoiler": return el("span", { class: "spoiler", onclick: (event) => event.currentTarget.classList.add("shown") });
    case "text_link": return linkElement(entity.url);
    case "url": return linkElement(/^https?:\/\//i.test(content) ? content : `https://${content}`);
    case "email": return el("a", { href: `mailto:${content}` });
    case "mention":
    case "text_mention": return el("span", { class: "mention" });
    case "bot_command": return el("span", { class: "command", title: "Send this command", onclick: () => sendText(content.split("@")[0]) });
    default: return el("span", { class: `entity-${entity.type}` });
  }
}

function isInviteLink(url) {
  return /^https:\/\/t\.me\/(\+|joinchat\/)/i.test(url);
}

function linkElement(url) {
  if (isInviteLink(url)) {
    return el("a", { href: url, class: "invite-link", title: "Open this invite link as the current person",
      onclick: (event) => { event.preventDefault(); openInviteLink(url); } });
  }
  return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" });
}

function inlineKeyboard(entry, message) {
  const keyboard = el("div", { class: "inline-keyboard" });
  for (const row of message.reply_markup.inline_keyboard) {
    keyboard.append(el("div", { class: "row" }, ...row.map((button) => inlineButton(entry, message, button))));
  }
  return keyboard;
}

function inlineButton(entry, message, button) {
  if (button.callback_data !== undefined) {
    return el("button", { type: "button", onclick: (event) => pressButton(entry, message, button, event.currentTarget) }, button.text);
  }
  if (button.url !== undefined) {
    if (isInviteLink(button.url)) return el("button", { type: "button", onclick: () => openInviteLink(button.url) }, button.text);
    return el("a", { href: button.url, target: "_blank", rel: "noopener noreferrer" }, button.text);
  }
  return el("button", { type: "button", disabled: true, title: "This kind of button is not simulated" }, button.text);
}

// -- acting as the person -------------------------------------------------------------

function canWrite(entry) {
  if (state.me === null) return false;
  if (entry.chat.type === "private") return entry.chat.id === state.me;
  return isPresent(entry.members.get(state.me));
}

async function pressButton(entry, message, button, node) {
  node.disabled = true;
  const answer = await act(`Pressing “${button.text}”`, () =>
    api("POST", `/sandbox/chats/${entry.chat.id}/messages/${message.message_id}/press`, {
      user_id: state.me, callback_data: button.callback_data, wait: 5,
    }));
  node.disabled = false;
  if (answer && answer.text) toast(answer.text, answer.show_alert ? "alert" : "info");
}

async function openInviteLink(url) {
  if (state.me === null) return toast("Pick a person first.", "error");
  const who = fullName(state.users.get(state.me));
  const outcome = await act("Opening the invite link", () => api("POST", "/sandbox/join", { user_id: state.me, invite_link: url }));
  if (outcome === "joined") toast(`${who} joined the group.`);
  else if (outcome === "requested") toast(`${who} asked to join; an administrator (or the bot) must approve.`);
}

async function sendText(text) {
  const entry = state.chats.get(state.open);
  if (!entry || !text.trim()) return false;
  const body = { user_id: state.me, text };
  if (state.replyTo !== null) body.reply_to = state.replyTo;
  const sent = await act("Sending", () => api("POST", `/sandbox/chats/${entry.chat.id}/messages`, body));
  if (sent) {
    state.replyTo = null;
    renderComposer(entry);
  }
  return Boolean(sent);
}

async function editText(messageId, text) {
  const entry = state.chats.get(state.open);
  const edited = await act("Editing", () =>
    api("POST", `/sandbox/chats/${entry.chat.id}/messages/${messageId}/edit`, { user_id: state.me, text }));
  return Boolean(edited);
}

async function shareContact() {
  const entry = state.chats.get(state.open);
  const me = state.users.get(state.me);
  if (!entry || !me) return;
  if (!me.phone) return toast(`${fullName(me)} has no phone number in the sandbox.`, "error");
  // Telegram sends one's own number as digits only (919825012345), whatever way it was typed.
  const digits = me.phone.replace(/\D/g, "");
  const body = { user_id: me.id, phone_number: digits, first_name: me.first_name, contact_user_id: me.id };
  if (me.last_name) body.last_name = me.last_name;
  const sent = await act("Sharing the contact", () => api("POST", `/sandbox/chats/${entry.chat.id}/contacts`, body));
  if (sent) toast(`${fullName(me)} shared their own contact.`);
}

// A real upload: images go as photos (Telegram keeps them in sizes), anything else as a document.
async function sendFile(file) {
  const entry = state.chats.get(state.open);
  const me = state.users.get(state.me);
  if (!entry || !me || !file) return;
  const asPhoto = file.type.startsWith("image/");
  const form = new FormData();
  form.append("user_id", String(me.id));
  const caption = $("composer-text").value.trim();
  if (caption) form.append("caption", caption);
  form.append("file", file, file.name);
  const path = `/sandbox/chats/${entry.chat.id}/${asPhoto ? "photos" : "documents"}`;
  const sent = await act(`Sending ${file.name}`, async () => {
    const headers = CONTROL_TOKEN ? { "X-Sandbox-Token": CONTROL_TOKEN } : {};
    const response = await fetch(path, { method: "POST", body: form, headers });
    const answer = await response.json();
    if (!answer.ok) throw new SandboxRefusal(answer.description || `HTTP ${response.status}`, response.status);
    return answer.result;
  });
  if (sent) {
    $("composer-text").value = "";
    toast(`${fullName(me)} sent ${asPhoto ? "a photo" : file.name}.`);
  }
}

function startReply(message) {
  state.editing = null;
  state.replyTo = message.message_id;
  renderComposer(state.chats.get(state.open));
  $("composer-text").focus();
}

function startEdit(message) {
  state.replyTo = null;
  state.editing = message.message_id;
  $("composer-text").value = message.text;
  renderComposer(state.chats.get(state.open));
  $("composer-text").focus();
}

function replyKeyboardOf(entry) {
  // Telegram keeps the last reply keyboard the bot sent in a chat until it is removed or replaced.
  const fromBot = [...entry.messages.values()].filter((m) => m.from && m.from.is_bot && m.reply_keyboard);
  const last = fromBot[fromBot.length - 1];
  if (!last || !last.reply_keyboard.keyboard) return null;
  if (state.usedKeyboards.has(`${entry.chat.id}:${last.message_id}`)) return null;
  return last;
}

function renderReplyKeyboard(entry) {
  const box = $("reply-keyboard");
  const message = entry && canWrite(entry) ? replyKeyboardOf(entry) : null;
  if (!message) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const markup = message.reply_keyboard;
  const used = () => {
    if (markup.one_time_keyboard) state.usedKeyboards.add(`${entry.chat.id}:${message.message_id}`);
  };
  box.replaceChildren(...markup.keyboard.map((row) => el("div", { class: "row" }, ...row.map((button) => {
    const label = typeof button === "string" ? button : button.text;
    if (button.request_contact) {
      return el("button", { type: "button", class: "share-contact", onclick: async () => { used(); await shareContact(); } }, label);
    }
    if (typeof button === "object" && Object.keys(button).some((key) => key.startsWith("request_") || key === "web_app")) {
      return el("button", { type: "button", disabled: true, title: "Not simulated" }, label);
    }
    return el("button", { type: "button", onclick: async () => { used(); await sendText(label); } }, label);
  }))));
  box.hidden = false;
}

function renderComposer(entry) {
  const composer = $("composer");
  const blocked = $("blocked-bar");
  const startBar = $("start-bar");
  const replyBar = $("reply-bar");
  composer.hidden = true;
  blocked.hidden = true;
  startBar.hidden = true;
  replyBar.hidden = true;
  if (!entry || state.me === null) {
    renderReplyKeyboard(null);
    return;
  }
  const me = state.users.get(state.me);
  if (entry.chat.type === "private" && me && !me.started_bot) {
    startBar.hidden = false;
    renderReplyKeyboard(null);
    return;
  }
  if (!canWrite(entry)) {
    const member = entry.members.get(state.me);
    blocked.textContent = member && member.status === "kicked"
      ? `${fullName(me)} was removed from this group.`
      : entry.joinRequests.has(state.me)
        ? `${fullName(me)} asked to join this group; the request is waiting for approval.`
        : `${fullName(me)} is not a member of this group.`;
    blocked.hidden = false;
    renderReplyKeyboard(null);
    return;
  }
  const member = entry.members.get(state.me);
  if (member && member.status === "restricted" && member.can_send_messages === false) {
    blocked.textContent = `${fullName(me)} is restricted here and may not send messages.`;
    blocked.hidden = false;
  }
  composer.hidden = false;
  if (state.replyTo !== null || state.editing !== null) {
    const target = entry.messages.get(state.replyTo ?? state.editing);
    $("reply-bar-text").textContent = state.editing !== null
      ? "Editing your message"
      : `Replying to ${target && target.from ? userName(target.from.id) : ""}: ${target ? messageSummary(target) : ""}`;
    replyBar.hidden = false;
  }
  renderReplyKeyboard(entry);
}

// -- the members panel --------------------------------------------------------------

let membersTimer = null;
function loadMembersSoon() {
  clearTimeout(membersTimer);
  membersTimer = setTimeout(loadMembers, 250);
}

async function loadMembers() {
  const entry = state.open === null ? null : state.chats.get(state.open);
  const panel = $("members-panel");
  if (!state.membersOpen || !entry || !isGroup(entry)) {
    panel.hidden = true;
    return;
  }
  const chatId = entry.chat.id;
  let view;
  try {
    view = await api("GET", `/sandbox/console/members/${chatId}`);
  } catch (error) {
    panel.replaceChildren(el("p", { class: "note" }, `The members could not be read: ${error.message}`));
    panel.hidden = false;
    return;
  }
  if (state.open !== chatId) return;
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  panel.replaceChildren(...membersView(view));
  panel.hidden = false;
  if (atBottom) list.scrollTop = list.scrollHeight; // the panel took room from the messages
}

function membersView(view) {
  const parts = [];
  if (view.binding) parts.push(el("p", { class: "note" }, `Bound as ${view.binding}.`));
  if (view.note) parts.push(el("p", { class: "note" }, view.note));
  const rows = view.members.filter((row) => !row.is_bot || row.user.id === state.bot?.id).map((row) => {
    const status = el("span", { class: `status status-${row.status}` }, row.status);
    let botView = "";
    if (row.is_bot) botView = "the bot";
    else if (row.verified === true) {
      botView = el("span", { class: "verified" }, `✓ verified: ${row.posts.join(", ")}${row.belongs === false ? " (post of another group)" : ""}`);
    } else if (row.verified === false) botView = el("span", { class: "not-verified" }, "✗ not verified");
    return el("tr", { "data-user-id": row.user.id }, el("td", {}, fullName(row.user)), el("td", {}, status), el("td", {}, botView));
  });
  parts.push(el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Member"), el("th", {}, "Telegram"),
    el("th", {}, view.annotated ? "Samvad" : ""))), el("tbody", {}, ...rows)));
  if (view.join_requests.length) {
    parts.push(el("h4", {}, "Asked to join"), el("ul", {}, ...view.join_requests.map((r) => el("li", {}, fullName(r.user)))));
  }
  if (view.missing_posts.length) {
    parts.push(el("h4", {}, "Roster posts missing from the group"),
      el("ul", { class: "missing" }, ...view.missing_posts.map((post) =>
        el("li", {}, `${post.label}${post.holder ? ` (${post.holder})` : ""}: ${post.why}`))));
  }
  return parts;
}

// -- the tour -------------------------------------------------------------------------

function renderTourButton() {
  const button = $("tour-play");
  button.disabled = !state.tour.available || state.tour.running;
  button.textContent = state.tour.running ? "Tour playing…" : "Play the tour";
  button.title = state.tour.available ? "Play a short scripted scenario with captions" : "The tour needs `samvad sandbox` (the bot and its demo world)";
}

function showCaption(caption, { replayed = false } = {}) {
  state.captions.push(caption);
  const box = $("caption");
  box.hidden = false;
  if (caption.kind === "outcome") {
    $("caption-outcome").textContent = caption.text;
  } else {
    $("caption-step").textContent = caption.step ? `Tour ${caption.step}/${caption.total}` : "Tour";
    $("caption-text").textContent = caption.text;
    $("caption-outcome").textContent = "";
  }
  if (state.follow && caption.kind !== "outcome") {
    if (caption.user_id && state.users.has(caption.user_id)) setMe(caption.user_id);
    if (caption.chat_id) openChat(caption.chat_id);
  }
  if (caption.suggest && caption.chat_id === state.open && !replayed) {
    const text = $("composer-text");
    text.value = caption.suggest;
    text.classList.add("suggested");
  }
}

// -- toasts ---------------------------------------------------------------------------

function toast(text, kind = "info") {
  const node = el("div", { class: `toast ${kind}` }, text);
  $("toasts").append(node);
  setTimeout(() => node.remove(), kind === "alert" ? 9000 : 6000);
}

// -- wiring ----------------------------------------------------------------------------

function wire() {
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const box = $("composer-text");
    const text = box.value;
    if (!text.trim()) return;
    const done = state.editing !== null ? await editText(state.editing, text) : await sendText(text);
    if (done) {
      box.value = "";
      box.classList.remove("suggested");
      state.editing = null;
      renderComposer(state.chats.get(state.open));
    }
  });
  $("composer-text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("reply-cancel").addEventListener("click", () => {
    if (state.editing !== null) $("composer-text").value = "";
    state.replyTo = null;
    state.editing = null;
    renderComposer(state.chats.get(state.open));
  });
  $("attach").addEventListener("click", shareContact);
  $("attach-file").addEventListener("click", () => $("file-input").click());
  $("file-input").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    event.target.value = "";
    await sendFile(file);
  });
  $("start-button").addEventListener("click", () => act("Starting the bot", async () => {
    await api("POST", `/sandbox/users/${state.me}/start`);
    const me = state.users.get(state.me);
    if (me) me.started_bot = true;
    renderComposer(state.chats.get(state.open));
  }));
  $("members-toggle").addEventListener("click", () => {
    state.membersOpen = !state.membersOpen;
    $("members-toggle").setAttribute("aria-expanded", String(state.membersOpen));
    if (state.membersOpen) loadMembers();
    else $("members-panel").hidden = true;
  });
  $("invite-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const link = $("invite-link").value.trim();
    if (link) openInviteLink(link);
  });
  $("back").addEventListener("click", () => showView("chats"));
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showView(tab.dataset.view));
  $("follow").addEventListener("change", (event) => { state.follow = event.target.checked; });
  $("caption-close").addEventListener("click", () => { $("caption").hidden = true; });
  $("tour-play").addEventListener("click", () => act("Starting the tour", async () => {
    state.follow = true;
    $("follow").checked = true;
    await api("POST", "/sandbox/console/tour");
    state.tour.running = true;
    renderTourButton();
  }));
}

async function start() {
  wire();
  connectEvents(async (ready) => {
    let info;
    let snapshot;
    try {
      [info, snapshot] = await Promise.all([api("GET", "/sandbox/console/info"), api("GET", "/sandbox/state")]);
    } catch (error) {
      toast(`The sandbox cannot be read: ${error.message}. Is it still running?`, "error");
      return;
    }
    state.labels = info.labels;
    state.tour = info.tour;
    loadSnapshot(snapshot);
    readLocation();
    if (state.me === null) {
      // A first visit opens the first person's first group, so that there is something to see.
      const first = people()[0];
      if (first) {
        state.me = first.id;
        const group = chatsOf(first.id)[0];
        state.open = group ? group.chat.id : first.id;
      }
    }
    ready();
    const last = info.captions.filter((caption) => caption.kind !== "outcome").pop();
    if (last && last.kind !== "end") { // a finished tour's last word is not shown again on a reload
      const follow = state.follow;
      state.follow = false; // show where the tour is, without moving the visitor
      for (const caption of info.captions) showCaption(caption, { replayed: true });
      state.follow = follow;
    }
    document.body.dataset.ready = "true";
    if (state.open !== null) showView("chat");
  });
}

document.addEventListener("DOMContentLoaded", start);
