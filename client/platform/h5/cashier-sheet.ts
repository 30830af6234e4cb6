/**
 * `wx.requestPayment` for the H5 build: a payment sheet drawn over the shop that asks the sandbox
 * cashier (sandbox/common/cashier-routes.ts) to pay or cancel with the five pay parameters exactly
 * as the shop received them — the cashier checks the prepay id and paySign the way WeChat does.
 * Like WeChat it resolves `{errMsg:'requestPayment:ok'}` and rejects `{errMsg:'requestPayment:fail …'}`
 * (`fail cancel` when the shopper closes the sheet).
 */
import { element, OVERLAY_STYLE } from './dom';
import type { RequestPayment } from '../../services/payment';
import type { PayParams } from '../../services/types';
import { formatFen } from '../../services/money';

interface PrepayInfo {
  amount?: number;
  description?: string;
  provider?: string;
}

export interface CashierSheetOptions {
  /** Where the cashier routes are (`''`: the shop's own origin). */
  cashierUrl?: string;
  document?: Document;
  fetch?: typeof fetch;
}

const SHEET_TITLE = '微信支付（沙箱）';

const SHEET_STYLE = {
  overlay: OVERLAY_STYLE,
  sheet: 'width:100%;max-width:480px;background:#fff;border-radius:16px 16px 0 0;padding:20px 20px 28px;box-sizing:border-box;text-align:center',
  title: 'margin:0 0 4px;font-size:15px;color:#555',
  provider: 'margin:16px 0 0;font-size:12px;color:#999',
  description: 'margin:12px 0 4px;font-size:14px;color:#333',
  amount: 'margin:4px 0 16px;font-size:34px;font-weight:600;color:#111',
  pay: 'display:block;width:100%;padding:12px;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px;cursor:pointer',
  cancel: 'display:block;width:100%;margin-top:10px;padding:10px;border:0;border-radius:8px;background:#f2f2f2;color:#333;font-size:15px;cursor:pointer',
};

/** What wx.requestPayment rejects with: an object carrying `errMsg`. */
export class RequestPaymentFailure extends Error {
  override readonly name = 'RequestPaymentFailure';
  constructor(readonly errMsg: string) {
    super(errMsg);
  }
}

function prepayIdOf(params: PayParams): string | undefined {
  return /^prepay_id=([A-Za-z0-9_-]+)$/.exec(params.package)?.[1];
}

export function createCashierSheet(options: CashierSheetOptions = {}): RequestPayment {
  const base = options.cashierUrl ?? '';
  const doFetch: typeof fetch = options.fetch ?? ((...args) => fetch(...args));

  const post = async (action: 'pay' | 'cancel', params: PayParams): Promise<string> => {
    try {
      const response = await doFetch(`${base}/cashier/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      });
      const body = (await response.json()) as { errMsg?: unknown };
      return typeof body.errMsg === 'string' ? body.errMsg : `requestPayment:fail cashier answered HTTP ${response.status}`;
    } catch {
      return 'requestPayment:fail the sandbox cashier cannot be reached';
    }
  };

  const describe = async (prepayId: string): Promise<PrepayInfo> => {
    try {
      const response = await doFetch(`${base}/cashier/prepay/${prepayId}/status`);
      return response.ok ? ((await response.json()) as PrepayInfo) : {};
    } catch {
      return {};
    }
  };

  return async (params) => {
    const doc = options.document ?? document;
    const prepayId = prepayIdOf(params);
    if (!prepayId) throw new RequestPaymentFailure('requestPayment:fail package must be prepay_id=<id>');
    const info = await describe(prepayId);

    const overlay = element(doc, 'div', 'sandbox-cashier', SHEET_STYLE.overlay);
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', SHEET_TITLE);
    const sheet = element(doc, 'div', 'sandbox-cashier__sheet', SHEET_STYLE.sheet);
    const amount = typeof info.amount === 'number' && Number.isSafeInteger(info.amount) ? formatFen(info.amount) : '';
    const payButton = element(doc, 'button', 'sandbox-cashier__pay', SHEET_STYLE.pay, '确认支付');
    const cancelButton = element(doc, 'button', 'sandbox-cashier__cancel', SHEET_STYLE.cancel, '取消');
    sheet.append(
      element(doc, 'p', 'sandbox-cashier__title', SHEET_STYLE.title, SHEET_TITLE),
      element(doc, 'p', 'sandbox-cashier__description', SHEET_STYLE.description, info.description ?? ''),
      element(doc, 'p', 'sandbox-cashier__amount', SHEET_STYLE.amount, amount),
      payButton,
      cancelButton,
      // At the foot, in the words WeChat Pay's own pages use for who serves the payment ("本服务由财付通提供").
      element(doc, 'p', 'sandbox-cashier__provider', SHEET_STYLE.provider, info.provider ? `本服务由 ${info.provider} 提供` : ''),
    );
    overlay.append(sheet);
    doc.body.append(overlay);

    return new Promise((resolve, reject) => {
      let answered = false;
      // Like WeChat's sheet, it belongs to the page that opened it: leaving that page (back) closes it
      // unanswered, as a cancel; the order stays payable.
      const view = doc.defaultView;
      const leave = () => {
        if (answered) return;
        answered = true;
        overlay.remove();
        reject(new RequestPaymentFailure('requestPayment:fail cancel'));
      };
      view?.addEventListener('popstate', leave, { once: true });
      const settle = async (action: 'pay' | 'cancel') => {
        // One answer per sheet: a second tap while the cashier answers is ignored.
        if (answered) return;
        answered = true;
        payButton.disabled = true;
        cancelButton.disabled = true;
        view?.removeEventListener('popstate', leave);
        const errMsg = await post(action, params);
        overlay.remove();
        if (errMsg === 'requestPayment:ok') resolve({ errMsg });
        else reject(new RequestPaymentFailure(errMsg));
      };
      payButton.addEventListener('click', () => void settle('pay'));
      cancelButton.addEventListener('click', () => void settle('cancel'));
    });
  };
}
