import type { NodeTemplate } from './templates';

// The page as the user would see it, decoded from Taro's compact render data
// (`nn` template id, `sid` node id, `uid` explicit id, `cl` class, `st` style, `v` text, `cn` children).

export interface RenderedNode {
  tag: string;
  /** The element id WeChat reports in events (`uid || sid`), as written by base.wxml. */
  id: string;
  sid: string;
  className: string;
  text: string | undefined;
  children: RenderedNode[];
  parent: RenderedNode | undefined;
  template: NodeTemplate | undefined;
  /** The node's raw render data (component props are `p0`, `p1`, … in template order). */
  raw: Record<string, unknown>;
}

interface RawNode {
  nn?: unknown;
  sid?: unknown;
  uid?: unknown;
  cl?: unknown;
  v?: unknown;
  cn?: unknown;
}

export function decodeTree(rootData: unknown, templates: Map<string, NodeTemplate>): RenderedNode {
  const decode = (raw: RawNode, parent: RenderedNode | undefined): RenderedNode => {
    const nn = typeof raw.nn === 'string' ? raw.nn : undefined;
    const template = nn === undefined ? undefined : templates.get(nn);
    const sid = typeof raw.sid === 'string' ? raw.sid : '';
    const node: RenderedNode = {
      tag: parent === undefined ? 'root' : (template?.tag ?? `unknown(nn=${String(raw.nn)})`),
      id: typeof raw.uid === 'string' && raw.uid !== '' ? raw.uid : sid,
      sid,
      className: typeof raw.cl === 'string' ? raw.cl : '',
      text: typeof raw.v === 'string' ? raw.v : undefined,
      children: [],
      parent,
      template,
      raw: raw as Record<string, unknown>,
    };
    const children = Array.isArray(raw.cn) ? (raw.cn as RawNode[]) : [];
    node.children = children.map((child) => decode(child, node));
    return node;
  };
  return decode(rootData ?? {}, undefined);
}

/** All text under a node, concatenated, as the user reads it. */
export function textOf(node: RenderedNode): string {
  return (node.text ?? '') + node.children.map(textOf).join('');
}

export function findAll(node: RenderedNode, match: (n: RenderedNode) => boolean): RenderedNode[] {
  const found = match(node) ? [node] : [];
  return found.concat(...node.children.map((child) => findAll(child, match)));
}

export function hasClass(node: RenderedNode, className: string): boolean {
  return node.className.split(/\s+/).includes(className);
}
