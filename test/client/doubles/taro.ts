// Test double for @tarojs/taro (mapped in jest.config.js, client project only). Taro's API object only
// exists inside a mini program or the H5 runtime; tests inject what they need (see services/cloud.ts)
// and read what the pages did (navigation, storage) through `taroDouble`.
const storage = new Map<string, unknown>();
const navigations: string[] = [];
let routerParams: Record<string, string> = {};
let openPages = 1;

export const taroDouble = {
  navigations,
  storage,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  /** How many pages the app has open (getCurrentPages().length). */
  setOpenPages(count: number) {
    openPages = count;
  },
  reset() {
    storage.clear();
    navigations.length = 0;
    routerParams = {};
    openPages = 1;
  },
};

export function useRouter() {
  return { params: routerParams, path: '' };
}

const Taro: Record<string, unknown> = {
  navigateTo: ({ url }: { url: string }) => {
    navigations.push(url);
    return Promise.resolve({ errMsg: 'navigateTo:ok' });
  },
  navigateBack: () => {
    navigations.push('back');
    return Promise.resolve({ errMsg: 'navigateBack:ok' });
  },
  reLaunch: ({ url }: { url: string }) => {
    navigations.push(`relaunch ${url}`);
    return Promise.resolve({ errMsg: 'reLaunch:ok' });
  },
  getCurrentPages: () => Array.from({ length: openPages }, () => ({})),
  getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, JSON.parse(JSON.stringify(value)));
  },
};

export default Taro;
