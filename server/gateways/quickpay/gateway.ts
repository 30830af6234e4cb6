/** The QuickPay gateway: each operation is one run of the shared pipeline (operations.ts, protocol.ts). */
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
import { commit, type CallOptions, type Protocol } from '../pipeline';
import type { QuickpayConfig } from './config';
import { parseQuickpayNotification, quickpayAcknowledgement } from './notification';
import { quickpayOperations } from './operations';
import { quickpayProtocol } from './protocol';

export class QuickpayGateway implements PaymentGateway {
  readonly name = 'quickpay' as const;
  readonly orderNoPrefix = '';
  private readonly protocol: Protocol;
  private readonly operations: ReturnType<typeof quickpayOperations>;

  constructor(
    private readonly config: QuickpayConfig,
    private readonly callOptions: CallOptions = {},
  ) {
    this.protocol = quickpayProtocol(config);
    this.operations = quickpayOperations(config);
  }

  createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment> {
    return commit(this.protocol, this.operations.jsapiPay, { order, payer }, this.callOptions);
  }

  query(orderNo: string): Promise<ProviderOrderState> {
    return commit(this.protocol, this.operations.query, orderNo, this.callOptions);
  }

  close(orderNo: string): Promise<void> {
    return commit(this.protocol, this.operations.cancel, orderNo, this.callOptions);
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return commit(this.protocol, this.operations.refund, request, this.callOptions);
  }

  parseNotification(notification: IncomingNotification): ParsedNotification {
    return parseQuickpayNotification(notification, this.config.storeNo);
  }

  acknowledge(ok: boolean): HttpReply {
    return quickpayAcknowledgement(ok);
  }
}
