/**
 * Transcribed from Tencent Cloud Pay's 支付成功回调 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/支付成功回调.md).
 *
 * Cloud pay POSTs the request envelope to the "交易完成回调 URL" set in the console (HTTPS);
 * request_content {nonce_str, pay_mch_key, order_content, order_client}, all required, signed.
 * The merchant answers an envelope whose response_content is {status: Number(32), description?:
 * String(255)}: 0 = success, non-zero = failed or please retry. Its authen_info is optional.
 */
export const ACK_OK_STATUS = 0;

export interface NotificationContent {
  nonce_str: string;
  pay_mch_key: unknown;
  order_content: unknown;
  order_client: unknown;
}
