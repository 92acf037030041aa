// The cases the board currently shows, keyed by id. Knows nothing about the DOM.
// Versions guard against out-of-order news: a WebSocket event and an HTTP response about the
// same case can arrive in either order, and the older one must not win.

export class CaseStore {
  constructor() {
    this.cases = new Map();
  }

  /** Replaces everything (after a fetch). */
  replaceAll(list) {
    this.cases = new Map(list.map((c) => [c.id, c]));
  }

  get(id) {
    return this.cases.get(id);
  }

  /** Inserts or updates; returns false when `incoming` is older than what we hold. */
  upsert(incoming) {
    const current = this.cases.get(incoming.id);
    if (current && isOlder(incoming, current)) return false;
    this.cases.set(incoming.id, incoming);
    return true;
  }

  remove(id) {
    return this.cases.delete(id);
  }

  all() {
    return [...this.cases.values()];
  }

  /** Sections present in the data. */
  sections() {
    return [...new Set(this.all().map((c) => c.section))];
  }

  /** Cases of one section in board order: order_index, then created_at (the API's order). */
  inSection(section) {
    return this.all().filter((c) => c.section === section).sort(compareCases);
  }
}

export function compareCases(a, b) {
  if (a.order_index !== b.order_index) return a.order_index - b.order_index;
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isOlder(incoming, current) {
  if (typeof incoming.version === 'number' && typeof current.version === 'number') {
    return incoming.version < current.version;
  }
  // Servers without `version`: fall back to updated_at (RFC 3339 in UTC sorts as text).
  return Boolean(incoming.updated_at && current.updated_at && incoming.updated_at < current.updated_at);
}
