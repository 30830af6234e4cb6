/** The H5 stand-ins' overlays (payment sheet, subscribe dialog) are plain DOM with inline styles. */
export function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, style: string, text = ''): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  node.setAttribute('style', style);
  node.textContent = text;
  return node;
}

/** A dimmed full-window layer holding a sheet at the bottom, like WeChat's own. */
export const OVERLAY_STYLE =
  'position:fixed;inset:0;z-index:1000;background:rgba(0,0,0,.45);display:flex;align-items:flex-end;justify-content:center;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif';
