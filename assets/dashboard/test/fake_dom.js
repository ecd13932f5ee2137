// Just enough of a DOM for the views (src/view/dom.js) to draw under Node, so a test can read
// every text and attribute a view shows without a browser.

class FakeNode {}

class FakeText extends FakeNode {
  constructor(text) {
    super();
    this.data = text;
  }

  get textContent() {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.childNodes = [];
    this.attributes = new Map();
    this.dataset = {};
    this.className = '';
    this.hidden = false;
    this.value = '';
    this.parentNode = null;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.get(name) ?? null;
  }

  addEventListener() {}

  append(...nodes) {
    for (const n of nodes) {
      const node = n instanceof FakeNode ? n : new FakeText(String(n));
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }

  replaceChildren(...nodes) {
    this.childNodes = [];
    this.append(...nodes);
  }

  closest(tag) {
    for (let el = this; el; el = el.parentNode) if (el.tagName === tag.toUpperCase()) return el;
    return null;
  }

  get textContent() {
    return this.childNodes.map((n) => n.textContent).join('');
  }
}

// Installs the fake as the global document; returns a new element to draw into.
export function installFakeDom() {
  globalThis.Node = FakeNode;
  globalThis.document = {
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (ns, tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
  };
  return (tag = 'div') => new FakeElement(tag);
}

// Every text a person reads in `el`: its text pieces, and the titles, labels and placeholders.
export function textsOf(el) {
  const out = [];
  const walk = (node) => {
    if (node instanceof FakeText) {
      if (node.data.trim()) out.push(node.data);
      return;
    }
    for (const name of ['title', 'aria-label', 'placeholder']) if (node.getAttribute(name)) out.push(node.getAttribute(name));
    node.childNodes.forEach(walk);
  };
  walk(el);
  return out;
}
