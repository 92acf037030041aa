// Small DOM helpers. Every string that may come from a user goes through textContent or
// setAttribute here: the board never builds HTML from strings, so a patient name such as
// `<img src=x onerror=...>` can only ever be shown as text.

/**
 * Creates an element.
 * props: { className, text, attrs: {name: value}, dataset: {key: value}, on: {event: fn}, ...props }
 * Any other key is assigned as a DOM property (e.g. type, value, disabled, hidden).
 * children: nodes or strings (strings become text nodes); null/undefined/false are skipped.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'attrs') for (const [a, v] of Object.entries(value)) { if (v !== null && v !== undefined && v !== false) node.setAttribute(a, String(v)); }
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node[key] = value;
  }
  append(node, children);
  return node;
}

/** Appends children (nodes or strings), flattening arrays and skipping empty values. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** document.getElementById that fails loudly: a missing id is a bug in index.html. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node;
}
