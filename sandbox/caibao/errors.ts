/**
 * The sandbox's error answers. Documented by Caibao: errorCode "10" command参数为空 (every page's
 * answer example) and the errorMsg texts of a refused reverse (REVERSE_REFUSALS, no code given).
 * Every other code is the sandbox's own: the adapter treats any code but "0" as a rejection and
 * depends on none of them.
 */
import { REVERSE_REFUSALS } from './pages';

export type CaibaoError = { errorCode: string; errorMsg: string };

export const ERRORS = {
  commandEmpty: { errorCode: '10', errorMsg: 'command参数为空' },
  unknownCommand: { errorCode: '11', errorMsg: 'command不存在' },
  badVersion: { errorCode: '12', errorMsg: 'version参数错误' },
  badSign: { errorCode: '20', errorMsg: '签名错误' },
  unknownMerchant: { errorCode: '21', errorMsg: 'app或operator_id不存在' },
  missing: (name: string): CaibaoError => ({ errorCode: '30', errorMsg: `${name}参数为空` }),
  invalid: (name: string, why: string): CaibaoError => ({ errorCode: '31', errorMsg: `${name}参数错误: ${why}` }),
  duplicateOrder: { errorCode: '40', errorMsg: 'local_order_no重复，且订单内容不同' },
  orderNotFound: { errorCode: '50', errorMsg: '订单不存在' },
  wrongState: (why: string): CaibaoError => ({ errorCode: '60', errorMsg: why }),
  reverseRefused: (why: keyof typeof REVERSE_REFUSALS): CaibaoError => ({ errorCode: '60', errorMsg: REVERSE_REFUSALS[why] }),
} as const;
