// Reads dist/base.wxml, the templates Taro renders every node through. Each node's `nn` picks the
// template `tmpl_<depth>_<nn>`; the template says which WXML tag it is and which events call `eh`.

export interface NodeTemplate {
  /** WXML tag (`view`, `text`, `button`, …); `#text` for the template that prints `i.v`. */
  tag: string;
  /** Events bound with bind<event>="eh" (they bubble on to ancestors). */
  bound: Set<string>;
  /** Events bound with catch<event>="eh" (they stop bubbling here). */
  caught: Set<string>;
}

export function parseBaseTemplates(baseWxml: string): Map<string, NodeTemplate> {
  const templates = new Map<string, NodeTemplate>();
  const pattern = /<template name="tmpl_0_([^"]+)">\s*<([\w-]+)([^>]*)>([^<]*)/g;
  for (const [, nn, tag, attributes, body] of baseWxml.matchAll(pattern)) {
    if (nn === undefined || tag === undefined || attributes === undefined) continue;
    const printsText = tag === 'block' && (body ?? '').trim() === '{{i.v}}';
    templates.set(nn, {
      tag: printsText ? '#text' : tag,
      bound: eventsOf(attributes, 'bind'),
      caught: eventsOf(attributes, 'catch'),
    });
  }
  if (templates.size === 0) throw new Error('base.wxml has no tmpl_0_* templates: is this a Taro 4 weapp build?');
  return templates;
}

function eventsOf(attributes: string, kind: 'bind' | 'catch'): Set<string> {
  const events = new Set<string>();
  for (const [, event] of attributes.matchAll(new RegExp(`\\b${kind}:?([a-z]+)="eh"`, 'g'))) {
    if (event !== undefined) events.add(event);
  }
  return events;
}
