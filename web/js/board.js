// Renders the board (one column per section) and the print-only list, and turns drag-and-drop
// and the move buttons into "move case X to section S at position i" for main.js.
// The board is rebuilt from state on every change (it is small: a day's list), keeping the
// user's focus and scroll positions so that a live update never makes the page jump.

import {
  clockAt, clockText, dueSoonFrom, formatDayAndTime, hasReachedTheatre, humanize, nextChange, readiness, timeWaiting,
  waitingSince,
} from './clinical.js';
import { el, clear, append } from './dom.js';
import { caseFields } from './fields.js';
import { sectionLabel, formatDate } from './format.js';
import { cancellationMark, durationWords } from './theatre.js';

/** Id of the card being dragged; dataTransfer cannot be read during dragover. */
let draggingId = null;
let afterDrag = null;

export function isDragging() {
  return draggingId !== null;
}

/** Runs `fn` now, or once the current drag ends (re-rendering mid-drag would cancel it). */
export function whenNotDragging(fn) {
  if (draggingId === null) fn();
  else afterDrag = fn;
}

/**
 * view: { sections: string[], columns: Map<section, case[]>, filtered: boolean, highlight: Set<id>,
 *         readOnly: boolean, targets: GET /targets or null }
 * actions: { open(c), add(section), move(id, section, index), addColumn() }
 */
export function renderBoard(container, view, actions) {
  const memory = rememberFocusAndScroll(container);
  clear(container);
  view.sections.forEach((section, columnIndex) => {
    container.append(renderColumn(view, section, columnIndex, actions));
  });
  // Viewers get no controls that change anything (the server would refuse them anyway).
  if (!view.readOnly) {
    container.append(el('div', { className: 'column column-add' },
      el('button', { type: 'button', className: 'button button-quiet', id: 'add-column', text: '+ Add column', on: { click: actions.addColumn } })));
  }
  restoreFocusAndScroll(container, memory);
}

function renderColumn(view, section, columnIndex, actions) {
  const cases = view.columns.get(section) || [];
  const label = sectionLabel(section);
  const headingId = `column-${section}-title`;
  const list = el('ol', { className: 'card-list', attrs: { 'aria-labelledby': headingId }, dataset: { section } });
  if (cases.length === 0) {
    list.append(el('li', { className: 'empty', text: view.filtered ? 'No matching cases in this section' : 'No cases in this section' }));
  }
  cases.forEach((c, index) => {
    list.append(renderCard(c, {
      index, count: cases.length, columnIndex, columnCount: view.sections.length, sections: view.sections,
      highlight: view.highlight.has(c.id), readOnly: view.readOnly, targets: view.targets,
    }, actions));
  });

  const column = el('section', { className: 'column', dataset: { section }, attrs: { 'aria-labelledby': headingId } },
    el('header', { className: 'column-header' },
      el('h2', { id: headingId, className: 'column-title' },
        el('span', { text: label }),
        el('span', { className: 'count', text: String(cases.length), attrs: { 'aria-label': `${cases.length} ${cases.length === 1 ? 'case' : 'cases'}` } })),
      view.readOnly ? null : el('button', {
        type: 'button', className: 'button button-quiet add-case', text: '+ Add case',
        attrs: { 'aria-label': `Add case to ${label}` },
        on: { click: () => actions.add(section) },
      })),
    list);
  if (!view.readOnly) attachDropZone(column, list, section, actions);
  return column;
}

/** The priority as a coloured badge ("Urgent"), or null when none is set. */
function priorityBadge(c) {
  if (!c.priority) return null;
  return el('span', {
    className: `badge priority priority-${c.priority}`, text: humanize(c.priority),
    attrs: { title: `${caseFields().label('priority')}: ${humanize(c.priority)}` },
  });
}

/** "✓ Ready", or "Not ready:" and a chip for each pending item; nothing once in theatre (moot). */
function readinessLine(c) {
  if (!c.checklist || typeof c.checklist !== 'object' || hasReachedTheatre(c)) return null;
  const state = readiness(c);
  if (state.ready) {
    return el('p', { className: 'readiness ready', dataset: { ready: 'true' } },
      el('span', { className: 'readiness-mark', text: '✓', attrs: { 'aria-hidden': 'true' } }), 'Ready');
  }
  const all = state.pending.length === state.total;
  return el('p', { className: 'readiness not-ready', dataset: { ready: 'false' }, attrs: { title: state.text } },
    el('span', { className: 'readiness-label', text: 'Not ready:' }),
    all ? el('span', { className: 'chip chip-none', text: 'checklist not started' })
      : state.pending.map((item) => el('span', { className: 'chip', dataset: { item }, text: humanize(item) })));
}

/** The time left or overdue, coloured by the clock's state; kept current by tickClocks(). */
function clockLine(c, targets, now) {
  if (!c.due_at && !c.clock) return null;
  const soonFrom = dueSoonFrom(c, targets);
  const line = el('p', {
    className: 'card-clock',
    dataset: { dueAt: c.due_at || '', serverClock: c.clock || '', soonFrom: soonFrom === null ? '' : String(soonFrom) },
    attrs: { title: c.due_at ? `Due ${formatDayAndTime(c.due_at)}` : null },
  }, el('span', { className: 'visually-hidden', text: 'Time to theatre: ' }), el('span', { className: 'clock-text' }));
  showClock(line, now);
  return line;
}

function clockInputs(line) {
  const { dueAt, serverClock, soonFrom } = line.dataset;
  return { dueAt, serverClock: serverClock || null, soonFrom: soonFrom ? Number(soonFrom) : null };
}

/** Sets a clock line's state (class and data-clock), its text, and its card's colour. */
function showClock(line, now) {
  const { dueAt, serverClock, soonFrom } = clockInputs(line);
  const state = clockAt(serverClock, dueAt, soonFrom, now) || 'none';
  if (line.dataset.clock !== state) {
    line.dataset.clock = state;
    line.className = `card-clock clock-${state}`;
    const card = line.closest('.card');
    if (card) card.dataset.clock = state;
  }
  const text = clockText(state, dueAt, now);
  const shown = line.querySelector('.clock-text');
  if (shown.textContent !== text) shown.textContent = text;
  return nextChange(state, dueAt, soonFrom, now);
}

/**
 * Brings every clock on the page up to `now`, in place (no re-render, no request). Returns the
 * next moment one of them changes, or null.
 */
export function tickClocks(root, now) {
  let next = null;
  for (const line of root.querySelectorAll('.card-clock')) {
    const at = showClock(line, now);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

function renderCard(c, place, actions) {
  const name = c.name || '(no name)';
  const card = el('li', {
    className: `card${c.archived ? ' archived' : ''}${place.highlight ? ' flash' : ''}${place.readOnly ? ' read-only' : ''}`,
    draggable: !place.readOnly,
    dataset: { caseId: c.id },
  });
  const meta = el('dl', { className: 'card-meta' });
  const item = (label, className, text, title) => meta.append(el('div', {}, el('dt', { text: label }), el('dd', { className, text, attrs: { title: title || null } })));
  // The server's labels, shortened where a card has little room ("Slot", "Injury", "Surgery").
  const label = (name) => caseFields().label(name);
  if (c.ward) item(label('ward'), 'ward', c.ward);
  if (c.consultant) item(label('consultant'), 'consultant', c.consultant);
  if (c.theatre_slot) item('Slot', 'theatre-slot', String(c.theatre_slot).toUpperCase());
  if (c.theatre_status) item('Theatre', 'theatre-status', humanize(c.theatre_status));
  if (c.date_of_injury) item('Injury', 'injury-date', formatDate(c.date_of_injury), c.date_of_injury);
  if (c.outcome) item(label('outcome'), 'outcome', c.outcome);
  const duration = durationWords(c);
  if (duration) item('Est.', 'estimated-minutes', duration, 'Estimated operating time');
  meta.append(el('div', {}, el('dt', { text: 'Surgery' }),
    el('dd', { className: c.surgery_date ? 'surgery-date' : 'surgery-date none', text: c.surgery_date ? formatDate(c.surgery_date) : 'No date', attrs: { title: c.surgery_date || null } })));

  const moveButton = (direction, arrow, enabled, target) => el('button', {
    type: 'button', className: 'move', text: arrow, disabled: !enabled,
    dataset: { action: `move-${direction}` },
    attrs: { 'aria-label': `Move ${name} ${direction}` },
    on: { click: () => actions.move(c.id, target.section, target.index) },
  });
  const left = place.sections[place.columnIndex - 1];
  const right = place.sections[place.columnIndex + 1];
  const section = place.sections[place.columnIndex];

  // append() skips the null of an absent part (the native append would print "null").
  const clock = clockLine(c, place.targets, Date.now());
  const ready = readinessLine(c);
  const cancelled = cancellationMark(c);
  append(card, [
    el('p', { className: 'card-id' }, c.hospital_number
      ? el('span', { className: 'mrn', text: `MRN ${c.hospital_number}`, attrs: { title: 'Hospital number' } })
      : el('span', { className: 'mrn mrn-missing', text: 'No MRN', attrs: { title: 'No hospital number recorded' } }),
    priorityBadge(c)),
    el('h3', { className: 'card-name' },
      el('button', { type: 'button', className: 'card-open', text: name, dataset: { action: 'open' }, attrs: { 'aria-label': `${place.readOnly ? 'View' : 'Edit'} ${name}` }, on: { click: () => actions.open(c) } })),
    c.archived ? el('span', { className: 'badge badge-archived', text: 'Archived' }) : null,
    c.diagnosis ? el('p', { className: 'card-diagnosis', text: c.diagnosis }) : null,
    cancelled ? el('p', { className: 'cancelled-mark', text: cancelled }) : null,
    clock || ready ? el('div', { className: 'card-status' }, clock, ready) : null,
    meta,
    place.readOnly ? null : el('div', { className: 'card-moves', attrs: { role: 'group', 'aria-label': `Move ${name}` } },
      moveButton('up', '↑', place.index > 0, { section, index: place.index - 1 }),
      moveButton('down', '↓', place.index < place.count - 1, { section, index: place.index + 1 }),
      moveButton('left', '←', Boolean(left), { section: left, index: place.index }),
      moveButton('right', '→', Boolean(right), { section: right, index: place.index })),
  ]);
  if (clock) card.dataset.clock = clock.dataset.clock;

  if (place.readOnly) return card;
  card.addEventListener('dragstart', (event) => {
    draggingId = c.id;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', c.id);
    // Let the browser take its drag image first, then dim the original.
    requestAnimationFrame(() => card.classList.add('dragging'));
  });
  card.addEventListener('dragend', () => {
    card.classList.remove('dragging');
    draggingId = null;
    removeIndicators();
    const pending = afterDrag;
    afterDrag = null;
    if (pending) pending();
  });
  return card;
}

/** Makes a whole column accept drops; the position comes from the pointer's height. */
function attachDropZone(column, list, section, actions) {
  column.addEventListener('dragover', (event) => {
    if (draggingId === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    showIndicator(list, dropIndex(list, event.clientY));
  });
  column.addEventListener('dragleave', (event) => {
    if (!column.contains(event.relatedTarget)) removeIndicators();
  });
  column.addEventListener('drop', (event) => {
    if (draggingId === null) return;
    event.preventDefault();
    const id = draggingId;
    const index = dropIndex(list, event.clientY);
    removeIndicators();
    actions.move(id, section, index);
  });
}

/** Index among the column's other cards before which a drop at `y` lands. */
function dropIndex(list, y) {
  const cards = [...list.querySelectorAll('.card')].filter((card) => card.dataset.caseId !== draggingId);
  const index = cards.findIndex((card) => {
    const box = card.getBoundingClientRect();
    return y < box.top + box.height / 2;
  });
  return index === -1 ? cards.length : index;
}

function showIndicator(list, index) {
  let indicator = list.querySelector('.drop-indicator');
  if (!indicator) indicator = el('li', { className: 'drop-indicator', attrs: { 'aria-hidden': 'true' } });
  const cards = [...list.querySelectorAll('.card')].filter((card) => card.dataset.caseId !== draggingId);
  const before = cards[index] || null;
  if (indicator.nextSibling !== before || indicator.parentNode !== list) list.insertBefore(indicator, before);
}

function removeIndicators() {
  document.querySelectorAll('.drop-indicator').forEach((node) => node.remove());
}

function rememberFocusAndScroll(container) {
  const active = document.activeElement;
  const card = active && container.contains(active) ? active.closest('.card') : null;
  const scroll = new Map();
  container.querySelectorAll('.card-list').forEach((list) => scroll.set(list.dataset.section, list.scrollTop));
  return {
    caseId: card ? card.dataset.caseId : null,
    action: active && active.dataset ? active.dataset.action : null,
    focusedId: active && container.contains(active) && active.id ? active.id : null,
    scrollLeft: container.scrollLeft,
    scroll,
  };
}

function restoreFocusAndScroll(container, memory) {
  container.scrollLeft = memory.scrollLeft;
  container.querySelectorAll('.card-list').forEach((list) => {
    const top = memory.scroll.get(list.dataset.section);
    if (top) list.scrollTop = top;
  });
  if (memory.focusedId) {
    const again = document.getElementById(memory.focusedId);
    if (again) again.focus();
    return;
  }
  if (!memory.caseId) return;
  const card = [...container.querySelectorAll('.card')].find((node) => node.dataset.caseId === memory.caseId);
  if (!card) return;
  // Keep focus on the same button (so pressing "down" repeatedly keeps moving the card); if it
  // is now disabled (top of the column), fall back to the card's name.
  const same = memory.action ? card.querySelector(`[data-action="${memory.action}"]`) : null;
  const target = same && !same.disabled ? same : card.querySelector('[data-action="open"]');
  if (target) target.focus({ preventScroll: false });
}

/** The theatre cell of the printed list: the date, the slot, and where the patient is. */
function theatreCell(c) {
  const parts = [
    c.surgery_date ? el('span', { className: 'date', text: formatDate(c.surgery_date) }) : null,
    c.theatre_slot ? el('span', { className: 'slot', text: String(c.theatre_slot).toUpperCase() }) : null,
    c.theatre_status ? el('span', { className: 'status', text: humanize(c.theatre_status) }) : null,
  ].filter(Boolean);
  return el('td', { className: 'theatre' }, parts.length ? parts : '—');
}

/** How long the patient has waited, and the time left or overdue when a clock runs. */
function waitingCell(c, targets, now) {
  const since = waitingSince(c);
  const state = clockAt(c.clock, c.due_at, dueSoonFrom(c, targets), now);
  return el('td', { className: 'waiting', attrs: { title: since ? `Since ${formatDayAndTime(since)}` : null } },
    el('span', { text: timeWaiting(c, now) || '—' }),
    state ? el('span', { className: 'print-clock', dataset: { clock: state }, text: clockText(state, c.due_at, now) }) : null);
}

function printRow(c, i, targets, now) {
  const state = c.checklist ? readiness(c) : null;
  return el('tr', {},
    el('td', { className: 'num', text: String(i + 1) }),
    el('td', { className: 'patient' },
      el('span', { className: 'name', text: c.archived ? `${c.name} (archived)` : c.name }),
      c.diagnosis ? el('span', { className: 'diagnosis', text: c.diagnosis }) : null),
    el('td', { className: 'mrn-cell', text: c.hospital_number || '—' }),
    el('td', { text: c.ward || '—' }),
    el('td', { text: c.consultant || '—' }),
    el('td', { className: 'priority-cell', dataset: { priority: c.priority || '' }, text: c.priority ? humanize(c.priority) : '—' }),
    el('td', { className: state && !state.ready ? 'readiness-cell not-ready' : 'readiness-cell', text: state ? state.text : '—' }),
    waitingCell(c, targets, now),
    theatreCell(c));
}

/**
 * The print-only list for the morning trauma meeting: every section in board order, cases in
 * order with who they are (the hospital number never wrapped), where, whose, how urgent, what is
 * missing, how long they have waited and when they go to theatre, as plain tables that fit A4.
 */
export function renderPrint(container, view, summary) {
  clear(container);
  const now = Date.now();
  const label = (name) => caseFields().label(name);
  container.append(
    el('header', { className: 'print-header' },
      el('h1', { text: 'Trauma & orthopaedics — case list' }),
      el('p', { text: summary })));
  for (const section of view.sections) {
    const cases = view.columns.get(section) || [];
    const block = el('section', { className: 'print-section' },
      el('h2', { text: `${sectionLabel(section)} (${cases.length})` }));
    if (cases.length === 0) {
      block.append(el('p', { className: 'empty', text: 'No cases in this section' }));
    } else {
      const heading = (text, className) => el('th', { className, text, attrs: { scope: 'col' } });
      block.append(el('table', {},
        el('thead', {}, el('tr', {},
          heading('#', 'num'),
          heading('Patient', 'patient'),
          heading('Hosp. no.', 'mrn-cell'),
          heading(label('ward'), 'ward'),
          heading(label('consultant'), 'consultant'),
          heading(label('priority'), 'priority-cell'),
          heading('Readiness', 'readiness-cell'),
          heading('Waiting', 'waiting'),
          heading('Theatre', 'theatre'))),
        el('tbody', {}, cases.map((c, i) => printRow(c, i, view.targets, now)))));
    }
    container.append(block);
  }
}
