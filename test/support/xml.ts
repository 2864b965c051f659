// A small, strict XML reader for the tests of generated templates (ADMX, ADML, plist): one root,
// properly nested and closed tags, quoted and unique attributes, only the five named entities and
// numeric references; a declaration, comments and a DOCTYPE are allowed and skipped. Not a full
// XML parser (no CDATA, no internal DTD subset): enough to refuse a template Windows or macOS
// would refuse to load for being malformed. No package: the project adds none for this.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function decode(text: string, where: string): string {
  if (ENTITY.test(text)) throw new Error(`bad entity or bare & ${where}`);
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function attributes(source: string, where: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const rest = source.replace(
    /\s+([^\s=]+)\s*=\s*("([^"<]*)"|'([^'<]*)')/g,
    (_, name: string, _q, dq?: string, sq?: string) => {
      if (!NAME.test(name)) throw new Error(`bad attribute name "${name}" ${where}`);
      if (name in attrs) throw new Error(`duplicate attribute "${name}" ${where}`);
      attrs[name] = decode(dq ?? sq ?? '', where);
      return '';
    },
  );
  if (rest.trim() !== '') throw new Error(`malformed attributes "${rest.trim()}" ${where}`);
  return attrs;
}

export function parseXml(source: string): XmlElement {
  let text = source.replace(/^\uFEFF/, '');
  text = text.replace(/^<\?xml[^?]*\?>/, '').replace(/<!DOCTYPE[^>[]*>/, '');
  const stack: XmlElement[] = [{ name: '#document', attrs: {}, children: [], text: '' }];
  let i = 0;
  const line = (): string => `at line ${source.slice(0, source.length - text.length + i).split('\n').length}`;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    const top = stack[stack.length - 1] as XmlElement;
    if (chunk.includes('>')) throw new Error(`stray > ${line()}`);
    if (chunk.trim() !== '') {
      if (stack.length === 1) throw new Error(`text outside the root ${line()}`);
      top.text += decode(chunk, line());
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) throw new Error(`unclosed comment ${line()}`);
      i = end + 3;
      continue;
    }
    const gt = text.indexOf('>', i);
    if (gt < 0) throw new Error(`unclosed tag ${line()}`);
    const tag = text.slice(i + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (name !== top.name) throw new Error(`</${name}> closes <${top.name}> ${line()}`);
      stack.pop();
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^\S+/.exec(body)?.[0] ?? '';
    if (!NAME.test(name)) throw new Error(`bad tag name "${name}" ${line()}`);
    if (stack.length === 1 && top.children.length > 0) throw new Error(`a second root <${name}> ${line()}`);
    const element: XmlElement = { name, attrs: attributes(body.slice(name.length), line()), children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${(stack[stack.length - 1] as XmlElement).name}> is never closed`);
  const root = (stack[0] as XmlElement).children[0];
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element below `root` (itself included) named `name`. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = root.name === name ? [root] : [];
  for (const child of root.children) out.push(...findAll(child, name));
  return out;
}

/** A property list (Apple's plist 1.0) as a JS value; throws on anything plist does not allow. */
export function parsePlist(source: string): unknown {
  const root = parseXml(source);
  if (root.name !== 'plist' || root.children.length !== 1) throw new Error('not a plist with one value');
  return plistValue(root.children[0] as XmlElement);
}

function plistValue(e: XmlElement): unknown {
  switch (e.name) {
    case 'string':
      return e.text;
    case 'integer':
      if (!/^-?\d+$/.test(e.text.trim())) throw new Error(`bad integer "${e.text}"`);
      return Number(e.text);
    case 'true':
    case 'false':
      if (e.children.length || e.text.trim()) throw new Error(`<${e.name}> must be empty`);
      return e.name === 'true';
    case 'array':
      return e.children.map(plistValue);
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (let k = 0; k < e.children.length; k += 2) {
        const key = e.children[k] as XmlElement;
        const value = e.children[k + 1];
        if (key.name !== 'key' || !value) throw new Error('a dict alternates <key> and a value');
        if (key.text in out) throw new Error(`duplicate key "${key.text}"`);
        out[key.text] = plistValue(value);
      }
      return out;
    }
    default:
      throw new Error(`<${e.name}> is not a plist value`);
  }
}
