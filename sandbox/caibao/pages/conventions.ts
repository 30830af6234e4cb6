/**
 * 接口统一说明 (chapter1.md) and 提交地址与测试参数 (ti-jiao-di-zhi-yu-ce-shi-can-shu.md): every
 * command is form fields over HTTP to `<base>/gatewayOpen.htm`, by POST or GET (POST recommended).
 * Caibao's public key is published as bare base64 (an X.509 SubjectPublicKeyInfo without PEM
 * lines): the sandbox publishes its own key the same way. The page's public test account belongs
 * to Caibao's real test system and is not used here.
 */
export const GATEWAY_PATH = '/gatewayOpen.htm';

/** 接口版本号: "当前值只能为1.0和1.1". */
export const VERSIONS = ['1.0', '1.1'];

/** 订单描述，小于20个汉字. */
export const SUBJECT_MAX_CHARS = 19;
