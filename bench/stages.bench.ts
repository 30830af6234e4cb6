/**
 * The pure, per-request stages of each provider: what every payment, query and notification pays
 * in CPU before any network. Run with `npm run bench`.
 */
import { generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { priceCart } from '../server/catalog/pricing';
import type { Product } from '../server/catalog/product';
import { signRequest, signingString } from '../server/gateways/caibao/sign';
import { rsa2Verifies } from '../server/gateways/caibao/verify';
import { openResponse, sealRequest, sealResponse } from '../server/gateways/tencent/envelope';
import { parseCloudpayParam } from '../server/gateways/quickpay/map';
import { wechatPaySign } from '../sandbox/common/cashier';
import { toFen } from '../server/platform/money';
import { measure, printFigures } from './measure';

const N = Number(process.env.BENCH_ITERATIONS ?? 20_000);

async function main(): Promise<void> {
  const caibaoFields = {
    operator_id: 'op1',
    app: 'app1',
    local_order_no: 'MP2026112119550000000001',
    amount: '1990',
    timestamp: String(Date.now()),
    subject: '演示商店-绿茶x2',
    goods_list: JSON.stringify([{ goods_name: '绿茶', sell_amount: '2', goods_price: '995' }]),
    sub_app_id: 'wx0000000000000000',
    open_id: 'oUser000000000000000000000000',
  };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const answer: Record<string, string> = { appId: 'wx1', timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5', paySign: 'ABC', timestamp: '1700000000000' };
  const names = Object.keys(answer);
  answer.sign = rsaSign('sha256', Buffer.from(signingString(answer, names)), privateKey).toString('base64');

  const tencentKey = 'k'.repeat(32);
  const content = JSON.stringify({ status: 0, description: 'ok', official_account_pay: { order_content: { out_trade_no: 'sz01x', total_fee: 1990 } } });
  const sealed = sealResponse(tencentKey, content);

  const cloudpayParam = JSON.stringify({ appId: 'wx1', timeStamp: '1700000000', nonceStr: 'abc', package: 'prepay_id=wx1', signType: 'MD5', paySign: 'F'.repeat(32) });

  const products = new Map<string, Product>(
    Array.from({ length: 50 }, (_, i) => [
      `sku-${i}`,
      { skuId: `sku-${i}`, name: `Product ${i}`, unitPrice: toFen(100 + i), available: true, maxPerOrder: 10, sort: i },
    ]),
  );
  const cart = Array.from({ length: 10 }, (_, i) => ({ skuId: `sku-${i}`, quantity: 1 + (i % 3) }));

  const figures = [
    await measure('caibao: MD5-sign an open.pay.mp request', N, () => signRequest('open.pay.mp', caibaoFields, 'secret-key')),
    await measure('caibao: RSA2-verify an answer (2048-bit)', Math.min(N, 5000), () => rsa2Verifies(answer, names, publicKey)),
    await measure('tencent: seal a request (HMAC-SHA256)', N, () => sealRequest(tencentKey, { pay_content: { out_trade_no: 'sz01x', total_fee: 1990 } })),
    await measure('tencent: open + verify an answer', N, () => openResponse(tencentKey, sealed)),
    await measure('quickpay: parse cloudpay_param', N, () => parseCloudpayParam(cloudpayParam)),
    await measure('cashier: WeChat v2 paySign', N, () =>
      wechatPaySign({ appId: 'wx1', timeStamp: '1700000000', nonceStr: 'abc', package: 'prepay_id=wx1', signType: 'MD5' }, 'key'),
    ),
    await measure('catalog: price a 10-line cart', N, () => priceCart(cart, products)),
  ];
  printFigures(`Provider stages (${N} iterations each unless noted; node ${process.version})`, figures);
}

void main();
