import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import {
  daySummary,
  describeMerchantError,
  MerchantError,
  reconcileDay,
  searchOrders,
  switchLocalAdmin,
  syncOrder,
  whoami,
  type DayReconciliation,
  type DaySummary,
  type MerchantOrder,
} from '../../services/merchant-api';
import { STATUS_TEXT, timeText, today, yuan } from '../../services/format';
import '../../admin.css';

type Tab = 'orders' | 'summary' | 'reconcile';
const TABS: Array<[Tab, string]> = [
  ['orders', '订单'],
  ['summary', '日报'],
  ['reconcile', '对账'],
];
const SEARCHABLE = ['PAID', 'PAYING', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CLOSED', 'UNKNOWN'];

const valueOf = (e: { detail: { value: string } }) => e.detail.value;

function openOrder(orderNo: string) {
  void Taro.navigateTo({ url: `/admin/pages/order/index?orderNo=${encodeURIComponent(orderNo)}` });
}

function OrdersTab() {
  const [orderNo, setOrderNo] = useState('');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [result, setResult] = useState<{ orders: MerchantOrder[]; total: number } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const search = async () => {
    setError(undefined);
    try {
      const query = orderNo.trim() ? { orderNo: orderNo.trim() } : { ...(status ? { status } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: 50 };
      setResult(await searchOrders(query));
    } catch (err) {
      setError(describeMerchantError(err));
    }
  };
  return (
    <View className="admin-panel admin-search">
      <View className="admin-field">
        <Text className="admin-field__label">订单号</Text>
        <Input className="admin-field__input admin-search__order-no" value={orderNo} placeholder="留空按状态和日期查询" onInput={(e) => setOrderNo(valueOf(e))} />
      </View>
      <View className="admin-statuses">
        <Text className={`admin-chip ${status === undefined ? 'admin-chip--active' : ''}`} onClick={() => setStatus(undefined)}>
          全部
        </Text>
        {SEARCHABLE.map((s) => (
          <Text key={s} className={`admin-chip admin-chip--${s} ${status === s ? 'admin-chip--active' : ''}`} onClick={() => setStatus(s)}>
            {STATUS_TEXT[s] ?? s}
          </Text>
        ))}
      </View>
      <View className="admin-field">
        <Text className="admin-field__label">下单日期</Text>
        <Input className="admin-field__input admin-search__from" value={from} placeholder="YYYY-MM-DD" onInput={(e) => setFrom(valueOf(e))} />
        <Text>至</Text>
        <Input className="admin-field__input admin-search__to" value={to} placeholder="YYYY-MM-DD" onInput={(e) => setTo(valueOf(e))} />
      </View>
      <Button className="admin-search__go" type="primary" size="mini" onClick={() => void search()}>
        查询
      </Button>
      {error ? <View className="notice notice--error"><Text className="notice__text">{error}</Text></View> : null}
      {result ? <Text className="admin-muted admin-search__count">{`共 ${result.total} 笔`}</Text> : null}
      {result?.orders.map((order) => (
        <View key={order.orderNo} className="admin-row admin-order" onClick={() => openOrder(order.orderNo)}>
          <View className="admin-row__main">
            <Text className="admin-order__no">{order.orderNo}</Text>
            <Text className="admin-muted">{`${timeText(order.createdAt)} · ${order.description}`}</Text>
          </View>
          <View className="admin-row__main">
            <Text className="admin-order__status">{STATUS_TEXT[order.status] ?? order.status}</Text>
            <Text className="price">{yuan(order.amount)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

function SummaryTab() {
  const [day, setDay] = useState(today());
  const [summary, setSummary] = useState<DaySummary | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = async () => {
    setError(undefined);
    try {
      setSummary(await daySummary(day.trim()));
    } catch (err) {
      setError(describeMerchantError(err));
    }
  };
  return (
    <View className="admin-panel admin-summary">
      <View className="admin-field">
        <Text className="admin-field__label">日期</Text>
        <Input className="admin-field__input admin-summary__day" value={day} onInput={(e) => setDay(valueOf(e))} />
        <Button className="admin-summary__go" type="primary" size="mini" onClick={() => void load()}>
          查看
        </Button>
      </View>
      {error ? <View className="notice notice--error"><Text className="notice__text">{error}</Text></View> : null}
      {summary ? (
        <View className="admin-figures">
          {[
            ['订单数', String(summary.orders), 'orders'],
            [`已支付（${summary.paidOrders} 笔）`, yuan(summary.paid), 'paid'],
            [`已退款（${summary.refunds} 笔）`, yuan(summary.refunded), 'refunded'],
            ...(summary.refundsAtProvider > 0 ? [[`服务商处退款（${summary.refundsAtProvider} 笔）`, yuan(summary.refundedAtProvider), 'refunded-at-provider']] : []),
            ['净收入', yuan(summary.net), 'net'],
          ].map(([label, value, key]) => (
            <View key={key} className={`admin-figure admin-figure--${key}`}>
              <Text className="admin-muted">{label}</Text>
              <Text className="admin-figure__value price">{value}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {summary?.truncated ? <Text className="admin-muted">当日订单过多，以上仅为部分数据。</Text> : null}
    </View>
  );
}

function ReconcileTab() {
  const [day, setDay] = useState(today());
  const [run, setRun] = useState<DayReconciliation | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setRun(await reconcileDay(day.trim()));
    } catch (err) {
      setError(describeMerchantError(err));
    } finally {
      setBusy(false);
    }
  };
  const sync = async (orderNo: string) => {
    try {
      await syncOrder(orderNo);
      await start();
    } catch (err) {
      setError(describeMerchantError(err));
    }
  };
  const findings = run ? [...run.findings].sort((a, b) => Number(Boolean(b.mismatch)) - Number(Boolean(a.mismatch))) : [];
  return (
    <View className="admin-panel admin-reconcile">
      <View className="admin-field">
        <Text className="admin-field__label">日期</Text>
        <Input className="admin-field__input admin-reconcile__day" value={day} onInput={(e) => setDay(valueOf(e))} />
        <Button className="admin-reconcile__go" type="primary" size="mini" disabled={busy ? true : undefined} onClick={() => void start()}>
          开始对账
        </Button>
      </View>
      {error ? <View className="notice notice--error"><Text className="notice__text">{error}</Text></View> : null}
      {run ? <Text className="admin-muted admin-reconcile__count">{`已核对 ${run.checked} 笔，不一致 ${run.mismatches} 笔${run.truncated ? '（订单过多，请处理后再次对账）' : ''}`}</Text> : null}
      {findings.map((f) => (
        <View key={f.orderNo} className={`admin-row admin-finding ${f.mismatch ? 'admin-finding--mismatch' : ''}`}>
          <View className="admin-row__main">
            <Text className="admin-order__no" onClick={() => openOrder(f.orderNo)}>{f.orderNo}</Text>
            <Text className="admin-muted">{`本店：${STATUS_TEXT[f.status] ?? f.status} ${yuan(f.amount)} · 服务商：${f.provider.status}${f.provider.amount !== undefined ? ` ${yuan(f.provider.amount)}` : ''}`}</Text>
            {f.advice ? <Text className="admin-advice">{f.advice}</Text> : <Text className="admin-muted">一致</Text>}
          </View>
          {f.mismatch === 'paid_not_recorded' || f.mismatch === 'closed_at_provider' ? (
            <Button className="admin-finding__sync" size="mini" onClick={() => void sync(f.orderNo)}>
              按服务商结果更新
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}

// The merchant console: nothing but a refusal for anyone the server does not know as an administrator.
export default function ConsolePage() {
  const [access, setAccess] = useState<'checking' | 'admin' | 'denied' | 'error'>('checking');
  const [tab, setTab] = useState<Tab>('orders');
  const check = useCallback(async () => {
    try {
      await whoami();
      setAccess('admin');
    } catch (err) {
      setAccess(err instanceof MerchantError && err.code === 'PERMISSION_DENIED' ? 'denied' : 'error');
    }
  }, []);
  useEffect(() => {
    void check();
  }, [check]);

  const local = process.env.TARO_ENV === 'h5';
  const switchIdentity = async (on: boolean) => {
    await switchLocalAdmin(on);
    setAccess('checking');
    await check();
  };

  if (access !== 'admin') {
    return (
      <View className="page admin-console">
        <Text className="page__title">商户后台</Text>
        {access === 'checking' ? <Text className="admin-muted">正在验证身份…</Text> : null}
        {access === 'denied' ? <View className="notice notice--error admin-denied"><Text className="notice__text">仅商户管理员可以使用此页面。</Text></View> : null}
        {access === 'error' ? <View className="notice notice--error"><Text className="notice__text">暂时无法验证身份，请稍后重试。</Text></View> : null}
        {access === 'denied' && local ? (
          <Button className="admin-switch-on" size="mini" onClick={() => void switchIdentity(true)}>
            切换为本地管理员（仅本地商店）
          </Button>
        ) : null}
      </View>
    );
  }
  return (
    <View className="page admin-console">
      <Text className="page__title">商户后台</Text>
      <View className="admin-tabs">
        {TABS.map(([key, label]) => (
          <Text key={key} className={`admin-tab admin-tab--${key} ${tab === key ? 'admin-tab--active' : ''}`} onClick={() => setTab(key)}>
            {label}
          </Text>
        ))}
      </View>
      {tab === 'orders' ? <OrdersTab /> : null}
      {tab === 'summary' ? <SummaryTab /> : null}
      {tab === 'reconcile' ? <ReconcileTab /> : null}
      {local ? (
        <Button className="admin-switch-off" size="mini" onClick={() => void switchIdentity(false)}>
          切换回顾客身份
        </Button>
      ) : null}
    </View>
  );
}
