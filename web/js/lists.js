// The "Theatre lists" view: a week of theatre sessions, each a list of its cases in list order
// under a capacity bar, and beside them the queue of cases awaiting theatre, most urgent first.
// A case is booked by dragging it into a session (it joins the end of the list), reordered by
// dragging within its session, and unbooked by dragging it back to the queue; every drag has
// a keyboard twin on the card ("Book into…", "Move up", "Move down", "Unbook").
// The view keeps no state of its own beyond what the server last said: every change is sent,
// then the week is fetched again (as it is on any live news of sessions or cases).

import { clockAt, clockText, humanize } from './clinical.js';
import { api } from './api.js';
import { append, byId, clear, el } from './dom.js';
import { formatDate, todayIso } from './format.js';
import {
  cancellationMark, capacity, durationWords, isCancellable, periodWords, queueOrder, sessionWords, shiftWeek, weekOf,
  weekWords,
} from './theatre.js';

const SVG = 'http://www.w3.org/2000/svg';
// Live news often comes in bursts (a booking changes a case and its session): one fetch for all.
const REFRESH_DELAY_MS = 120;

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** The session's load as a bar (full at capacity, never longer than its track) and the minutes in words. */
function capacityBar(s) {
  const load = capacity(s);
  const bar = svg('svg', { class: 'capacity-bar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
  bar.append(svg('rect', { class: 'capacity-track', x: 0, y: 0, width: 100, height: 8 }),
    svg('rect', { class: 'capacity-fill', x: 0, y: 0, width: (load.fraction * 100).toFixed(2), height: 8 }));
  return el('div', { className: `capacity${load.isOver ? ' capacity-over' : ''}`, dataset: { booked: String(load.booked), capacity: String(load.capacity) } },
    bar, el('span', { className: 'capacity-text', text: load.text }));
}

export class TheatreLists {
  /**
   * actions: { open(c) the case dialog, cancel(c) the cancel dialog, editSession(s|null, date),
   *            sessionsSeen(list) for the case dialog's choice, error(context, error) }
   */
  constructor(actions) {
    this.actions = actions;
    this.week = weekOf(todayIso());
    this.sessions = [];
    this.booked = new Map(); // session id → its cases in list order
    this.queue = [];
    this.readOnly = true;
    this.shown = false;
    this.loaded = false;
    this.seq = 0;
    this.refreshTimer = null;
    this.draggingId = null;
    this.afterDrag = null;
    // The session chosen in a card's "Book into…" and not yet booked (case id → session id):
    // a live update draws the card again, and must not throw the choice away.
    this.chosen = new Map();
    // What the server last said, as text: news that changes nothing (the echo of this page's own
    // change) draws nothing, so that it never takes a card from under the pointer.
    this.snapshot = null;
    this.root = byId('sessions');
    this.queueList = byId('queue-list');
    byId('week-prev').addEventListener('click', () => this.setWeek(shiftWeek(this.week, -1)));
    byId('week-next').addEventListener('click', () => this.setWeek(shiftWeek(this.week, 1)));
    byId('week-today').addEventListener('click', () => this.setWeek(weekOf(todayIso())));
    byId('week-date').addEventListener('change', (event) => { if (event.target.value) this.setWeek(weekOf(event.target.value)); });
    byId('session-add').addEventListener('click', () => this.actions.editSession(null, this.week.from));
    this.attachDropZone(byId('queue'), this.queueList, null);
  }

  show() {
    this.shown = true;
    this.load();
  }

  hide() {
    this.shown = false;
  }

  /** Takes everything off the page (sign-out): no patient may stay in it for the next person. */
  forget() {
    this.seq += 1;
    this.shown = false;
    this.loaded = false;
    this.sessions = [];
    this.booked = new Map();
    this.queue = [];
    this.chosen.clear();
    this.snapshot = null;
    clear(this.root);
    clear(this.queueList);
  }

  setReadOnly(readOnly) {
    if (this.readOnly === readOnly) return;
    this.readOnly = readOnly;
    if (this.loaded) this.render();
  }

  setWeek(week) {
    this.week = week;
    this.load();
  }

  /** Live news of a session or a case: fetch the week again, once the burst is over. */
  refreshSoon() {
    if (!this.shown) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.load(), REFRESH_DELAY_MS);
  }

  async load() {
    const seq = ++this.seq;
    const { from, to } = this.week;
    byId('week-date').value = from;
    byId('week-range').textContent = weekWords(this.week);
    byId('sessions').setAttribute('aria-busy', 'true');
    try {
      const [sessions, queue] = await Promise.all([api.listSessions(from, to), api.listCases({ session: 'none' })]);
      const lists = await Promise.all((sessions.data || []).map((s) => api.listCases({ session: s.id })));
      if (seq !== this.seq) return;
      const snapshot = JSON.stringify([sessions.data, queue.data, lists.map((list) => list.data)]);
      if (snapshot === this.snapshot) return;
      this.snapshot = snapshot;
      this.sessions = sessions.data || [];
      this.queue = queueOrder(queue.data || []);
      this.booked = new Map(this.sessions.map((s, i) => [s.id, inListOrder(s, lists[i].data || [])]));
      this.loaded = true;
      this.actions.sessionsSeen(this.sessions);
      this.whenNotDragging(() => this.render());
    } catch (error) {
      if (seq === this.seq && error.status !== 401) this.actions.error('Could not load the theatre lists', error);
    } finally {
      if (seq === this.seq) byId('sessions').setAttribute('aria-busy', 'false');
    }
  }

  whenNotDragging(fn) {
    if (this.draggingId === null) fn();
    else this.afterDrag = fn;
  }

  render() {
    const focus = rememberFocus();
    byId('session-add').hidden = this.readOnly;
    this.renderQueue();
    clear(this.root);
    if (this.sessions.length === 0) {
      this.root.append(el('p', { className: 'empty-lists', text: 'No theatre sessions this week.' }));
    }
    for (const [date, sessions] of byDate(this.sessions)) {
      this.root.append(el('section', { className: 'day', attrs: { 'aria-label': formatDate(date) } },
        el('h2', { className: 'day-title', text: formatDate(date) }),
        el('div', { className: 'day-sessions' }, sessions.map((s) => this.renderSession(s)))));
    }
    restoreFocus(focus);
  }

  renderQueue() {
    clear(this.queueList);
    byId('queue-count').textContent = String(this.queue.length);
    if (this.queue.length === 0) this.queueList.append(el('li', { className: 'empty', text: 'No cases awaiting theatre' }));
    for (const c of this.queue) this.queueList.append(this.renderCard(c, null, 0, 1));
  }

  renderSession(s) {
    const cases = this.booked.get(s.id) || [];
    const headingId = `session-${s.id}-title`;
    const list = el('ol', { className: 'card-list session-list', dataset: { sessionId: s.id }, attrs: { 'aria-labelledby': headingId } });
    if (cases.length === 0) list.append(el('li', { className: 'empty', text: 'No cases booked' }));
    cases.forEach((c, index) => list.append(this.renderCard(c, s, index, cases.length)));
    const times = s.starts_at || s.ends_at ? `${shortTime(s.starts_at)}–${shortTime(s.ends_at)}` : null;
    const section = el('section', { className: `session${capacity(s).isOver ? ' over-capacity' : ''}`, dataset: { sessionId: s.id }, attrs: { 'aria-labelledby': headingId } },
      el('header', { className: 'session-header' },
        el('h3', { id: headingId, className: 'session-title' },
          el('span', { className: 'session-theatre', text: s.theatre }),
          // The day is the heading above: the session says its period and times.
          el('span', { className: 'session-when', text: [periodWords(s.period), times].filter(Boolean).join(' · ') })),
        s.consultant ? el('p', { className: 'session-consultant', text: s.consultant }) : null,
        capacityBar(s),
        this.readOnly ? null : el('button', {
          type: 'button', className: 'button button-quiet session-edit', text: 'Edit session',
          attrs: { 'aria-label': `Edit session ${sessionWords(s)}` }, on: { click: () => this.actions.editSession(s) },
        })),
      list);
    if (!this.readOnly) this.attachDropZone(section, list, s);
    return section;
  }

  renderCard(c, s, index, count) {
    const name = c.name || '(no name)';
    const card = el('li', { className: 'card list-card', draggable: !this.readOnly, dataset: { caseId: c.id } });
    const state = clockAt(c.clock, c.due_at, null, Date.now());
    const mark = cancellationMark(c);
    const duration = durationWords(c);
    append(card, [
      el('p', { className: 'card-id' },
        el('span', { className: c.hospital_number ? 'mrn' : 'mrn mrn-missing', text: c.hospital_number ? `MRN ${c.hospital_number}` : 'No MRN' }),
        c.priority ? el('span', { className: `badge priority priority-${c.priority}`, text: humanize(c.priority) }) : null),
      el('h4', { className: 'card-name' },
        el('button', { type: 'button', className: 'card-open', text: name, dataset: { action: 'open' }, attrs: { 'aria-label': `${this.readOnly ? 'View' : 'Edit'} ${name}` }, on: { click: () => this.actions.open(c) } })),
      c.diagnosis ? el('p', { className: 'card-diagnosis', text: c.diagnosis }) : null,
      state ? el('p', { className: `card-clock clock-${state}`, dataset: { clock: state }, text: clockText(state, c.due_at, Date.now()) }) : null,
      duration ? el('p', { className: 'card-duration', text: duration, attrs: { title: 'Estimated operating time' } }) : null,
      mark ? el('p', { className: 'cancelled-mark', text: mark }) : null,
      this.readOnly ? null : this.cardControls(c, s, index, count, name),
    ]);
    if (!this.readOnly) this.makeDraggable(card, c);
    return card;
  }

  /** The keyboard's way to do what a drag does, and the cancellation. */
  cardControls(c, s, index, count, name) {
    const button = (text, action, label, onClick, disabled = false, kind = '') => el('button', {
      type: 'button', className: `button button-small${kind}`, text, disabled, dataset: { action }, attrs: { 'aria-label': label }, on: { click: onClick },
    });
    const others = this.sessions.filter((other) => !s || other.id !== s.id);
    const selectId = `book-${c.id}`;
    const select = el('select', { id: selectId, className: 'book-select', dataset: { action: 'book-select' } },
      el('option', { value: '', text: s ? 'Move to…' : 'Book into…' }),
      others.map((other) => el('option', { value: other.id, text: sessionWords(other) })));
    select.value = this.chosen.get(c.id) || '';
    select.addEventListener('change', () => this.chosen.set(c.id, select.value));
    const book = () => {
      if (!select.value) return;
      this.chosen.delete(c.id);
      this.book(c, select.value);
    };
    const moves = el('div', { className: 'control-row' },
      s ? button('↑', 'move-up', `Move ${name} up`, () => this.moveWithin(s, c.id, index - 1), index === 0) : null,
      s ? button('↓', 'move-down', `Move ${name} down`, () => this.moveWithin(s, c.id, index + 1), index >= count - 1) : null,
      s ? button('Unbook', 'unbook', `Unbook ${name}: back to the queue`, () => this.book(c, null)) : null,
      isCancellable(c) ? button('Cancel operation', 'cancel-operation', `Cancel the operation of ${name}`, () => this.actions.cancel(c), false, ' button-danger') : null);
    const booking = others.length ? el('div', { className: 'control-row' },
      el('label', { className: 'visually-hidden', htmlFor: selectId, text: `${s ? 'Move' : 'Book'} ${name} into session` }),
      select,
      button(s ? 'Move' : 'Book', 'book', `${s ? 'Move' : 'Book'} ${name} into the chosen session`, book)) : null;
    // What a card is there for first: in the queue, booking; on a list, its place.
    return el('div', { className: 'list-controls' }, s ? [moves, booking] : [booking, moves]);
  }

  /** Books a case into a session (at the end of its list), or back into the queue (null). */
  async book(c, sessionId) {
    try {
      await api.updateCase(c.id, { session_id: sessionId }, null);
    } catch (error) {
      if (error.status !== 401) this.actions.error(sessionId ? 'Could not book the case' : 'Could not unbook the case', error);
    }
    this.load();
  }

  /** Puts a booked case at `index` of its session's list. */
  async moveWithin(s, caseId, index) {
    const ids = (this.booked.get(s.id) || []).map((c) => c.id).filter((id) => id !== caseId);
    const at = Math.max(0, Math.min(index, ids.length));
    ids.splice(at, 0, caseId);
    if (ids.join() === (this.booked.get(s.id) || []).map((c) => c.id).join()) return;
    // Shown at once: the server's answer (or the next fetch) confirms it.
    const byIdMap = new Map((this.booked.get(s.id) || []).map((c) => [c.id, c]));
    this.booked.set(s.id, ids.map((id) => byIdMap.get(id)));
    this.snapshot = null; // what is shown is no longer what the server said
    this.render();
    try {
      await api.updateSession(s.id, { case_ids: ids });
    } catch (error) {
      if (error.status !== 401) this.actions.error('Could not reorder the list', error);
    }
    this.load();
  }

  makeDraggable(card, c) {
    card.addEventListener('dragstart', (event) => {
      this.draggingId = c.id;
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', c.id);
      requestAnimationFrame(() => card.classList.add('dragging'));
    });
    card.addEventListener('dragend', () => {
      card.classList.remove('dragging');
      this.draggingId = null;
      removeIndicators();
      const pending = this.afterDrag;
      this.afterDrag = null;
      if (pending) pending();
    });
  }

  /** Drops into a session (s) or the queue (null): a booking, a reorder, or an unbooking. */
  attachDropZone(zone, list, s) {
    zone.addEventListener('dragover', (event) => {
      if (this.draggingId === null) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (s && this.sessionOf(this.draggingId) === s.id) showIndicator(list, dropIndex(list, event.clientY, this.draggingId), this.draggingId);
      else zone.classList.add('drop-target');
    });
    zone.addEventListener('dragleave', (event) => {
      if (zone.contains(event.relatedTarget)) return;
      zone.classList.remove('drop-target');
      removeIndicators();
    });
    zone.addEventListener('drop', (event) => {
      if (this.draggingId === null) return;
      event.preventDefault();
      zone.classList.remove('drop-target');
      removeIndicators();
      const id = this.draggingId;
      const from = this.sessionOf(id);
      const c = this.caseById(id);
      if (!c) return;
      if (s && from === s.id) this.moveWithin(s, id, dropIndex(list, event.clientY, id));
      else if ((s ? s.id : null) !== from) this.book(c, s ? s.id : null);
    });
  }

  sessionOf(caseId) {
    for (const [sessionId, cases] of this.booked) if (cases.some((c) => c.id === caseId)) return sessionId;
    return null;
  }

  caseById(caseId) {
    return this.queue.find((c) => c.id === caseId) || [...this.booked.values()].flat().find((c) => c.id === caseId) || null;
  }
}

/** The session's cases in its list order (case_ids); any the list does not name go last. */
function inListOrder(s, cases) {
  const order = new Map((s.case_ids || []).map((id, i) => [id, i]));
  return [...cases].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
}

function byDate(sessions) {
  const days = new Map();
  for (const s of sessions) {
    if (!days.has(s.date)) days.set(s.date, []);
    days.get(s.date).push(s);
  }
  return days;
}

/** "08:00" from a wall-clock time or an instant (shown in local time). */
function shortTime(value) {
  if (!value) return '?';
  if (/^\d{2}:\d{2}$/.test(value)) return value;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

function dropIndex(list, y, draggingId) {
  const cards = [...list.querySelectorAll('.card')].filter((card) => card.dataset.caseId !== draggingId);
  const index = cards.findIndex((card) => {
    const box = card.getBoundingClientRect();
    return y < box.top + box.height / 2;
  });
  return index === -1 ? cards.length : index;
}

function showIndicator(list, index, draggingId) {
  let indicator = list.querySelector('.drop-indicator');
  if (!indicator) indicator = el('li', { className: 'drop-indicator', attrs: { 'aria-hidden': 'true' } });
  const cards = [...list.querySelectorAll('.card')].filter((card) => card.dataset.caseId !== draggingId);
  const before = cards[index] || null;
  if (indicator.nextSibling !== before || indicator.parentNode !== list) list.insertBefore(indicator, before);
}

function removeIndicators() {
  document.querySelectorAll('#lists-view .drop-indicator').forEach((node) => node.remove());
}

/** Which card's which control had the focus, so that a re-render keeps it there. */
function rememberFocus() {
  const active = document.activeElement;
  const card = active && active.closest ? active.closest('#lists-view .card') : null;
  return card ? { caseId: card.dataset.caseId, action: active.dataset.action } : null;
}

function restoreFocus(memory) {
  if (!memory) return;
  const card = document.querySelector(`#lists-view .card[data-case-id="${CSS.escape(memory.caseId)}"]`);
  if (!card) return;
  const same = memory.action ? card.querySelector(`[data-action="${memory.action}"]`) : null;
  const target = same && !same.disabled ? same : card.querySelector('[data-action="open"]');
  if (target) target.focus();
}
