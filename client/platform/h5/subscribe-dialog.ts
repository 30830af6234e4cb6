/**
 * `wx.requestSubscribeMessage` for the H5 build: WeChat's "allow this message?" dialog drawn over
 * the shop; 允许 tells the local cloud (`POST /openapi/subscribe`, sandbox/cloud/server.ts), which
 * then lets the server send one message with that template, as WeChat would. Like WeChat it
 * resolves `{errMsg, [tmplId]: 'accept' | 'reject'}`; an unreachable cloud rejects.
 */
import { element, OVERLAY_STYLE } from './dom';
import type { RequestSubscribe } from '../../services/subscribe';

const STYLE = {
  overlay: OVERLAY_STYLE,
  sheet: 'width:100%;max-width:480px;background:#fff;border-radius:12px 12px 0 0;padding:20px 20px 28px;box-sizing:border-box',
  title: 'margin:0 0 16px;font-size:16px;font-weight:600;color:#111',
  item: 'margin:0 0 20px;padding:12px 0;border-top:1px solid #eee;border-bottom:1px solid #eee;font-size:15px;color:#333',
  row: 'display:flex;gap:12px',
  reject: 'flex:1;padding:10px;border:0;border-radius:8px;background:#f2f2f2;color:#07c160;font-size:16px;font-weight:600;cursor:pointer',
  accept: 'flex:1;padding:10px;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:16px;font-weight:600;cursor:pointer',
};

export interface SubscribeDialogOptions {
  cloudUrl?: string;
  document?: Document;
  fetch?: typeof fetch;
}

export function createSubscribeDialog(options: SubscribeDialogOptions = {}): RequestSubscribe {
  const doFetch: typeof fetch = options.fetch ?? ((...args) => fetch(...args));
  return ({ tmplIds }) => {
    const doc = options.document ?? document;
    const overlay = element(doc, 'div', 'subscribe-dialog', STYLE.overlay);
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', '订阅消息');
    const sheet = element(doc, 'div', 'subscribe-dialog__sheet', STYLE.sheet);
    const reject = element(doc, 'button', 'subscribe-dialog__reject', STYLE.reject, '取消');
    const accept = element(doc, 'button', 'subscribe-dialog__accept', STYLE.accept, '允许');
    const row = element(doc, 'div', 'subscribe-dialog__row', STYLE.row);
    row.append(reject, accept);
    sheet.append(element(doc, 'p', 'subscribe-dialog__title', STYLE.title, '小店 申请发送以下订阅消息'), element(doc, 'p', 'subscribe-dialog__item', STYLE.item, '支付成功通知'), row);
    overlay.append(sheet);
    doc.body.append(overlay);
    return new Promise((resolve, reject_) => {
      const answer = async (choice: 'accept' | 'reject') => {
        overlay.remove();
        if (choice === 'reject') {
          resolve({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(tmplIds.map((id) => [id, 'reject'])) });
          return;
        }
        try {
          const response = await doFetch(`${options.cloudUrl ?? ''}/openapi/subscribe`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            credentials: 'include',
            body: JSON.stringify({ tmplIds }),
          });
          if (!response.ok) throw new Error(`requestSubscribeMessage:fail HTTP ${response.status}`);
          resolve(await response.json());
        } catch (err) {
          reject_(err instanceof Error ? err : new Error(String(err)));
        }
      };
      accept.addEventListener('click', () => void answer('accept'), { once: true });
      reject.addEventListener('click', () => void answer('reject'), { once: true });
    });
  };
}
