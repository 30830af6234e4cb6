// Test double for @tarojs/taro (mapped in jest.config.js, client project only). Taro's API object only
// exists inside a mini program or the H5 runtime; tests inject what they need (see services/cloud.ts).
const Taro: Record<string, unknown> = {};

export default Taro;
