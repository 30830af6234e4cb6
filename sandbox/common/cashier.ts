/**
 * Stands in for WeChat's payment sheet (what `wx.requestPayment` opens), shared by every provider
 * sandbox. A provider sandbox `issue`s the pay parameters for its order — a prepay id for a mini
 * program's AppID and a `paySign` computed by the WeChat Pay v2 rule for the `signType` — and hands
 * them to the merchant unchanged. `pay`/`cancel` check what the shopper's client passes back
 * exactly as WeChat would: the prepay id must exist and be issued for the calling mini program
 * ("appid mismatch" otherwise), `paySign` must match by the rule its `signType` names, the prepay
 * must be neither paid, closed nor expired; only then is the provider sandbox told (its `onPaid`
 * marks its order paid and notifies the merchant).
 *
 * WeChat Pay v2 (mini program payment page, 再次签名): the fields appId, nonceStr, package,
 * signType, timeStamp sorted by name, `k=v` joined by `&`, then `&key=<merchant key>`; MD5 in upper
 * case hex for `MD5`, HMAC-SHA256 keyed with the same key in upper case hex for `HMAC-SHA256`.
 * `RSA` belongs to v3 (a merchant private key); no sandbox issues it, so the sheet refuses it.
 */
import type { RequestPaymentParams } from '../../server/gateways/contract';
import { hmacSha256Hex, md5Hex, randomToken, safeEqual } from '../../server/platform/crypto';
import type { SandboxClock } from './clock';

/** What a provider hands the merchant: the five `wx.requestPayment` fields plus the appId they are signed for. */
export interface CashierPayParams extends RequestPaymentParams {
  appId: string;
}

export interface IssueInput {
  /** The mini program the prepay is for: only that mini program can pay it. */
  appId: string;
  /** How paySign is computed (default MD5). */
  signType?: 'MD5' | 'HMAC-SHA256';
  /** Fen. */
  amount: number;
  description: string;
  /** Which sandbox issued it (shown on the page). */
  provider?: string;
  onPaid: () => void | Promise<void>;
  onCancelled?: () => void | Promise<void>;
}

export type PrepayStatus = 'ISSUED' | 'PAID' | 'REVOKED';

export interface Prepay {
  prepayId: string;
  params: CashierPayParams;
  amount: number;
  description: string;
  provider: string;
  status: PrepayStatus;
  issuedAt: number;
  expiresAt: number;
  cancelCount: number;
}

/** What `wx.requestPayment` reports to the client. */
export interface CashierResult {
  errMsg: string;
}

export const CASHIER_OK = 'requestPayment:ok';
export const CASHIER_CANCELLED = 'requestPayment:fail cancel';

/** WeChat prepay ids are valid for two hours. */
export const PREPAY_VALIDITY_MS = 2 * 60 * 60 * 1000;

/**
 * WeChat Pay v2 paySign: sorted `appId,nonceStr,package,signType,timeStamp`, `&key=`, then MD5 or
 * HMAC-SHA256 (keyed with the same key) as `signType` says, upper-case hex. Undefined for `RSA` (v3).
 */
export function wechatPaySign(params: Omit<CashierPayParams, 'paySign'>, key: string): string | undefined {
  const fields: Record<string, string> = {
    appId: params.appId,
    nonceStr: params.nonceStr,
    package: params.package,
    signType: params.signType,
    timeStamp: params.timeStamp,
  };
  const text = Object.keys(fields)
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
  const signed = `${text}&key=${key}`;
  if (params.signType === 'MD5') return md5Hex(signed).toUpperCase();
  if (params.signType === 'HMAC-SHA256') return hmacSha256Hex(key, signed).toUpperCase();
  return undefined;
}

export interface CashierOptions {
  clock: SandboxClock;
  /** The key paySign is computed with (WeChat's merchant key stand-in); random by default. */
  key?: string;
}

export class Cashier {
  private readonly prepays = new Map<string, Prepay>();
  private readonly callbacks = new Map<string, Pick<IssueInput, 'onPaid' | 'onCancelled'>>();
  private readonly key: string;
  private readonly clock: SandboxClock;

  constructor(options: CashierOptions) {
    this.clock = options.clock;
    this.key = options.key ?? randomToken(32);
  }

  issue(input: IssueInput): CashierPayParams {
    if (!Number.isSafeInteger(input.amount) || input.amount < 1) throw new RangeError('amount must be a positive integer (fen)');
    const prepayId = `wx${randomToken(30)}`;
    const now = this.clock.now();
    const unsigned = {
      appId: input.appId,
      timeStamp: String(Math.floor(now / 1000)),
      nonceStr: randomToken(32),
      package: `prepay_id=${prepayId}`,
      signType: input.signType ?? 'MD5',
    };
    const params: CashierPayParams = { ...unsigned, paySign: wechatPaySign(unsigned, this.key) ?? '' };
    this.prepays.set(prepayId, {
      prepayId,
      params,
      amount: input.amount,
      description: input.description,
      provider: input.provider ?? 'sandbox',
      status: 'ISSUED',
      issuedAt: now,
      expiresAt: now + PREPAY_VALIDITY_MS,
      cancelCount: 0,
    });
    this.callbacks.set(prepayId, { onPaid: input.onPaid, onCancelled: input.onCancelled });
    return { ...params };
  }

  /** The provider closed its order: the sheet must refuse to pay it from now on. */
  revoke(prepayId: string): boolean {
    const prepay = this.prepays.get(prepayId);
    if (!prepay || prepay.status !== 'ISSUED') return false;
    prepay.status = 'REVOKED';
    return true;
  }

  find(prepayId: string): Readonly<Prepay> | undefined {
    return this.prepays.get(prepayId);
  }

  /**
   * The prepay for `wx.requestPayment` params called from the mini program `callerAppId`, or the
   * reason WeChat would refuse them. Without `callerAppId` (a provider's own contract tests, which
   * have no mini program) the caller is not compared; every shop and harness path passes it.
   */
  check(params: RequestPaymentParams, callerAppId?: string): { prepay: Prepay } | { error: string } {
    const prepayId = /^prepay_id=(.+)$/.exec(params.package ?? '')?.[1];
    const prepay = prepayId === undefined ? undefined : this.prepays.get(prepayId);
    if (!prepay) return { error: 'requestPayment:fail prepay_id not found' };
    if (callerAppId !== undefined && callerAppId !== prepay.params.appId) return { error: 'requestPayment:fail appid mismatch' };
    // Signed for the prepay's AppID: params signed for any other AppID do not verify.
    const expected = wechatPaySign(
      { appId: prepay.params.appId, timeStamp: params.timeStamp, nonceStr: params.nonceStr, package: params.package, signType: params.signType },
      this.key,
    );
    if (expected === undefined || typeof params.paySign !== 'string' || !safeEqual(expected, params.paySign)) {
      return { error: 'requestPayment:fail invalid paySign' };
    }
    if (prepay.status === 'PAID') return { error: 'requestPayment:fail order already paid' };
    if (prepay.status === 'REVOKED') return { error: 'requestPayment:fail order closed' };
    if (this.clock.now() > prepay.expiresAt) return { error: 'requestPayment:fail prepay_id expired' };
    return { prepay };
  }

  /** The shopper confirms payment (in the mini program `callerAppId`). */
  async pay(params: RequestPaymentParams, callerAppId?: string): Promise<CashierResult> {
    const checked = this.check(params, callerAppId);
    if ('error' in checked) return { errMsg: checked.error };
    // Compare-and-set before the callback, so two taps pay (and notify) once.
    checked.prepay.status = 'PAID';
    await this.callbacks.get(checked.prepay.prepayId)?.onPaid();
    return { errMsg: CASHIER_OK };
  }

  /** The shopper closes the sheet; the prepay stays payable (WeChat lets the shopper try again). */
  async cancel(params: RequestPaymentParams, callerAppId?: string): Promise<CashierResult> {
    const checked = this.check(params, callerAppId);
    if ('error' in checked) return { errMsg: checked.error };
    checked.prepay.cancelCount += 1;
    await this.callbacks.get(checked.prepay.prepayId)?.onCancelled?.();
    return { errMsg: CASHIER_CANCELLED };
  }
}
