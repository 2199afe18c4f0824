/* global document */
// A few DOM helpers: elements built with text nodes (never innerHTML), numbers formatted for reading.

export const h = (name, attributes = {}, ...children) => {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined && value !== false) node.setAttribute(key, value === true ? '' : String(value));
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === '') continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
};

export const clear = (node) => {
  while (node.firstChild) node.removeChild(node.firstChild);
};

export const fmt = (value) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)) : String(value));
