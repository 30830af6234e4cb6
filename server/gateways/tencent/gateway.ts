/**
 * The Tencent Cloud Pay gateway: each operation is one run of the shared pipeline
 * (../pipeline: build → sign → send → read → verify → decide → parse → map) with Tencent's
 * protocol (protocol.ts) and operations (operations.ts).
 */
import { randomToken } from '../../platform/crypto';
import { createLogger } from '../../platform/log';
import type {
  HttpReply,
  IncomingNotification,
  JsapiPayment,
  ParsedNotification,
  Payer,
  PaymentGateway,
  PaymentOrder,
  ProviderOrderState,
  RefundRequest,
  RefundResult,
} from '../contract';
import { commit, type CallOptions, type Post, type Protocol } from '../pipeline';
import type { TencentSettings } from './config';
import { parseTencentNotification, tencentAcknowledgement } from './notification';
import { tencentOperations } from './operations';
import { tencentProtocol } from './protocol';

const log = createLogger('gateway.tencent');

export type { Post };

export interface TencentGatewayDeps {
  /** nonce_str generator (tests pin it). */
  nonce?: () => string;
  post?: Post;
}

export class TencentGateway implements PaymentGateway {
  readonly name = 'tencent' as const;
  readonly orderNoPrefix: string;
  private readonly protocol: Protocol;
  private readonly operations: ReturnType<typeof tencentOperations>;
  private readonly callOptions: CallOptions;

  constructor(
    private readonly settings: TencentSettings,
    deps: TencentGatewayDeps = {},
  ) {
    this.orderNoPrefix = settings.orderPrefix;
    this.protocol = tencentProtocol(settings);
    this.operations = tencentOperations(settings, deps.nonce ?? (() => randomToken(32)));
    this.callOptions = deps.post ? { post: deps.post } : {};
  }

  createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment> {
    return commit(this.protocol, this.operations.officialAccountPay, { order, payer }, this.callOptions);
  }

  query(orderNo: string): Promise<ProviderOrderState> {
    return commit(this.protocol, this.operations.queryOrder, orderNo, this.callOptions);
  }

  close(orderNo: string): Promise<void> {
    return commit(this.protocol, this.operations.closeOrder, orderNo, this.callOptions);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    return this.alerted(await commit(this.protocol, this.operations.refund, request, this.callOptions));
  }

  /** query_refund_order: the state of one refund of an order. */
  async queryRefund(orderNo: string, refundNo: string): Promise<RefundResult> {
    return this.alerted(await commit(this.protocol, this.operations.queryRefundOrder, { orderNo, refundNo }, this.callOptions));
  }

  parseNotification(notification: IncomingNotification): ParsedNotification {
    return parseTencentNotification(this.settings.authenKey, notification);
  }

  /** The two replies never change for one key: each is sealed (HMAC) once per instance. */
  private readonly replies = new Map<boolean, HttpReply>();

  acknowledge(ok: boolean): HttpReply {
    let reply = this.replies.get(ok);
    if (!reply) this.replies.set(ok, (reply = tencentAcknowledgement(this.settings.authenKey, ok)));
    return { ...reply, headers: { ...reply.headers } };
  }

  /** A refund that needs a person (state 5) is logged as an ALERT, whoever reads the result. */
  private alerted(result: RefundResult): RefundResult {
    if (result.manualActionRequired) {
      log.error('ALERT refund needs a person', { refundNo: result.refundNo, rawStatus: result.rawStatus, action: result.manualActionRequired });
    }
    return result;
  }
}
