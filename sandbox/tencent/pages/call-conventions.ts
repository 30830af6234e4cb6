/**
 * Transcribed from Tencent Cloud Pay's 接口调用说明 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/接口调用说明.md): the envelope every
 * endpoint and the payment notification use.
 *
 * - HTTPS, `content-type: application/json`, all parameter names lower case.
 * - Request: `{"request_content": "<JSON text>", "authen_info": {"a": {"authen_type": 1, "authen_code": "<HEX>"}}}`;
 *   `request_content` is the request serialised to a string; both fields are required.
 * - Answer: `{"response_content": "<JSON text>", "authen_info": {...}}` (authen_info optional on answers).
 * - authen_type Number(32): "只支持填1", HMAC-SHA256. authen_code String(64).
 * - authen_code = HMAC-SHA256(key = the authen key generated for the sub-merchant, message =
 *   the content string); the page's C++ example prints it as hex and turns it upper case.
 * - The answer is verified by computing the code over response_content and comparing.
 * - Order and refund numbers start with the sub-merchant's cloud-pay order prefix.
 */

export const AUTHEN_TYPE_HMAC_SHA256 = 1;

/** 64 upper-case hex characters (String(64), upper-cased in the page's example). */
export const AUTHEN_CODE_FORMAT = /^[0-9A-F]{64}$/;

export const CONTENT_TYPE = 'application/json';
