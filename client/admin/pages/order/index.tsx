import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { describeMerchantError, orderHistory, refundOrder, type MerchantOrder, type PaymentEvent, type RefundAnswer } from '../../services/merchant-api';
import { EVENT_TEXT, newRefundNo, parseYuan, STATUS_TEXT, timeText, yuan } from '../../services/format';
import '../../admin.css';

const REFUNDABLE = ['PAID', 'PARTIALLY_REFUNDED'];

interface PendingRefund {
  refundNo: string;
  amount: number;
  /** Absent: the whole remainder (the server decides the figure). */
  sendAmount?: number;
  reason: string;
}

function eventLine(event: PaymentEvent): string {
  const parts = [timeText(event.at), EVENT_TEXT[event.kind] ?? event.kind, event.outcome];
  for (const key of ['providerStatus', 'refundStatus', 'errorCode'] as const) if (typeof event[key] === 'string') parts.push(String(event[key]));
  if (typeof event.amount === 'number') parts.push(yuan(event.amount));
  if (typeof event.refundNo === 'string') parts.push(`退款单 ${event.refundNo}`);
  // The provider's repeats of a notification are kept as one entry with their count (and the last one's time).
  if (typeof event.deliveries === 'number' && event.deliveries > 1) parts.push(`${event.deliveries} 次`);
  return parts.join(' · ');
}

// One order for the merchant: what it is, everything that happened to it, and refunds with a confirm step.
export default function AdminOrderPage() {
  const orderNo = useRouter().params.orderNo ?? '';
  const [order, setOrder] = useState<MerchantOrder | undefined>(undefined);
  const [events, setEvents] = useState<PaymentEvent[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<PendingRefund | undefined>(undefined);
  const [done, setDone] = useState<RefundAnswer | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const history = await orderHistory(orderNo);
      setOrder(history.order);
      setEvents(history.events);
    } catch (err) {
      setError(describeMerchantError(err));
    }
  }, [orderNo]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!order) {
    return (
      <View className="page admin-order-page">
        <Text className="page__title">订单详情</Text>
        {error ? <View className="notice notice--error"><Text className="notice__text">{error}</Text></View> : <Text className="admin-muted">加载中…</Text>}
      </View>
    );
  }

  const remaining = order.amount - order.refundedAmount;
  const prepare = () => {
    setError(undefined);
    setDone(undefined);
    const typed = amountText.trim() ? parseYuan(amountText) : remaining;
    if (typed === undefined || typed < 1 || typed > remaining) return setError(`退款金额须在 ¥0.01 与 ${yuan(remaining)} 之间。`);
    if (!reason.trim()) return setError('请填写退款原因。');
    // The number is made once per confirmation: a retry after a lost answer repeats it, so the refund happens once.
    setPending({ refundNo: newRefundNo(), amount: typed, ...(amountText.trim() ? { sendAmount: typed } : {}), reason: reason.trim() });
  };
  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await refundOrder({ orderNo: order.orderNo, refundNo: pending.refundNo, reason: pending.reason, ...(pending.sendAmount !== undefined ? { amount: pending.sendAmount } : {}) });
      setDone(answer);
      setPending(undefined);
      setAmountText('');
      setReason('');
      await load();
    } catch (err) {
      setError(describeMerchantError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page admin-order-page">
      <Text className="page__title">订单详情</Text>
      <View className="admin-panel admin-order-detail">
        <View className="admin-row"><Text>订单号</Text><Text className="admin-order__no">{order.orderNo}</Text></View>
        <View className="admin-row"><Text>状态</Text><Text className="admin-order__status">{STATUS_TEXT[order.status] ?? order.status}</Text></View>
        <View className="admin-row"><Text>金额</Text><Text className="price admin-order__amount">{yuan(order.amount)}</Text></View>
        <View className="admin-row"><Text>已退款</Text><Text className="price admin-order__refunded">{yuan(order.refundedAmount)}</Text></View>
        <View className="admin-row"><Text>商品</Text><Text>{order.description}</Text></View>
        <View className="admin-row"><Text>下单时间</Text><Text>{timeText(order.createdAt)}</Text></View>
        <View className="admin-row"><Text>支付方式</Text><Text>{`${order.provider} · ${order.method}`}</Text></View>
        <View className="admin-row"><Text>顾客</Text><Text>{order.buyer}</Text></View>
      </View>

      {REFUNDABLE.includes(order.status) ? (
        <View className="admin-panel admin-refund">
          <Text className="admin-muted">{`可退 ${yuan(remaining)}；金额留空即全额退款`}</Text>
          <View className="admin-field">
            <Text className="admin-field__label">退款金额</Text>
            <Input className="admin-field__input admin-refund__amount" type="digit" value={amountText} placeholder={`最多 ${yuan(remaining).slice(1)}`} onInput={(e) => setAmountText(e.detail.value)} />
          </View>
          <View className="admin-field">
            <Text className="admin-field__label">退款原因</Text>
            <Input className="admin-field__input admin-refund__reason" value={reason} maxlength={80} placeholder="例如：顾客退货" onInput={(e) => setReason(e.detail.value)} />
          </View>
          {!pending ? (
            <Button className="admin-refund__go" type="warn" size="mini" onClick={prepare}>
              退款…
            </Button>
          ) : (
            <View className="admin-confirm">
              <Text className="admin-confirm__text">{`确认向顾客退款 ${yuan(pending.amount)}？原因：${pending.reason}。退款提交后无法撤回。`}</Text>
              <View className="admin-actions">
                <Button className="admin-confirm__yes" type="warn" size="mini" disabled={busy ? true : undefined} onClick={() => void confirm()}>
                  确认退款
                </Button>
                <Button className="admin-confirm__no" size="mini" disabled={busy ? true : undefined} onClick={() => setPending(undefined)}>
                  取消
                </Button>
              </View>
            </View>
          )}
        </View>
      ) : null}
      {error ? <View className="notice notice--error"><Text className="notice__text">{error}</Text></View> : null}
      {done ? (
        <View className="notice notice--success admin-refund__done">
          <Text className="notice__text">{done.status === 'SUCCEEDED' ? `已退款 ${yuan(done.amount)}` : `退款 ${yuan(done.amount)} 处理中，稍后刷新查看结果`}</Text>
        </View>
      ) : null}

      {order.refunds.length > 0 ? (
        <View className="admin-panel admin-refunds">
          <Text className="admin-muted">退款记录</Text>
          {order.refunds.map((r) => (
            <View key={r.refundNo} className="admin-row">
              <View className="admin-row__main">
                <Text>{`${r.refundNo} · ${r.reason ?? ''}`}</Text>
                <Text className="admin-muted">{timeText(r.requestedAt)}</Text>
              </View>
              <Text className="price">{`${yuan(r.amount)} ${r.status === 'SUCCEEDED' ? '成功' : r.status === 'PENDING' ? '处理中' : '失败'}`}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="admin-panel admin-history">
        <Text className="admin-muted">{`支付记录（${events.length} 条）`}</Text>
        {events.map((event, i) => (
          <Text key={i} className="admin-row admin-event">
            {eventLine(event)}
          </Text>
        ))}
      </View>
    </View>
  );
}
