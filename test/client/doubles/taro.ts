// Test double for @tarojs/taro (mapped in jest.config.js, client project only). Taro's API object only
// exists inside a mini program or the H5 runtime; tests inject what they need (see services/cloud.ts)
// and read what the pages did (navigation, storage, toasts, dialogs) through `taroDouble`.
const storage = new Map<string, unknown>();
const navigations: string[] = [];
const toasts: string[] = [];
const modals: Array<{ title?: string; content?: string }> = [];
const subscriptions: string[][] = [];
const clipboard: string[] = [];
let routerParams: Record<string, string> = {};
let openPages = 1;
let modalAnswer = true;
let subscribeAnswer: 'accept' | 'reject' | 'throw' = 'accept';
const showListeners = new Set<() => void>();
const pullListeners = new Set<() => void>();

export const taroDouble = {
  navigations,
  storage,
  toasts,
  modals,
  subscriptions,
  clipboard,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  /** How many pages the app has open (getCurrentPages().length). */
  setOpenPages(count: number) {
    openPages = count;
  },
  /** What the shopper answers in the next showModal (confirm or not). */
  answerModal(confirm: boolean) {
    modalAnswer = confirm;
  },
  answerSubscribe(answer: 'accept' | 'reject' | 'throw') {
    subscribeAnswer = answer;
  },
  /** The page shows again (back from another page, a tab switch): useDidShow handlers run. */
  show() {
    showListeners.forEach((listener) => listener());
  },
  pullDown() {
    pullListeners.forEach((listener) => listener());
  },
  reset() {
    storage.clear();
    navigations.length = 0;
    toasts.length = 0;
    modals.length = 0;
    subscriptions.length = 0;
    clipboard.length = 0;
    routerParams = {};
    openPages = 1;
    modalAnswer = true;
    subscribeAnswer = 'accept';
  },
};

export function useRouter() {
  return { params: routerParams, path: '' };
}

function useListener(set: Set<() => void>, listener: () => void) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real react, as the page uses
  const { useEffect, useRef } = require('react') as typeof import('react');
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const call = () => latest.current();
    set.add(call);
    return () => void set.delete(call);
  }, [set]);
}

export function useDidShow(listener: () => void) {
  useListener(showListeners, listener);
}

export function usePullDownRefresh(listener: () => void) {
  useListener(pullListeners, listener);
}

const ok = (name: string, extra: Record<string, unknown> = {}) => Promise.resolve({ errMsg: `${name}:ok`, ...extra });

const Taro: Record<string, unknown> = {
  navigateTo: ({ url }: { url: string }) => {
    navigations.push(url);
    return ok('navigateTo');
  },
  redirectTo: ({ url }: { url: string }) => {
    navigations.push(`redirect ${url}`);
    return ok('redirectTo');
  },
  switchTab: ({ url }: { url: string }) => {
    navigations.push(`tab ${url}`);
    return ok('switchTab');
  },
  navigateBack: () => {
    navigations.push('back');
    return ok('navigateBack');
  },
  reLaunch: ({ url }: { url: string }) => {
    navigations.push(`relaunch ${url}`);
    return ok('reLaunch');
  },
  getCurrentPages: () => Array.from({ length: openPages }, () => ({})),
  getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, JSON.parse(JSON.stringify(value)));
  },
  showToast: ({ title }: { title: string }) => {
    toasts.push(title);
    return ok('showToast');
  },
  showModal: (options: { title?: string; content?: string }) => {
    modals.push({ title: options.title, content: options.content });
    return ok('showModal', { confirm: modalAnswer, cancel: !modalAnswer });
  },
  setClipboardData: ({ data }: { data: string }) => {
    clipboard.push(data);
    return ok('setClipboardData');
  },
  stopPullDownRefresh: () => ok('stopPullDownRefresh'),
  requestSubscribeMessage: ({ tmplIds }: { tmplIds: string[] }) => {
    subscriptions.push(tmplIds);
    if (subscribeAnswer === 'throw') throw new Error('requestSubscribeMessage is not a function here');
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- WeChat rejects with a plain {errMsg}
    if (subscribeAnswer === 'reject') return Promise.reject({ errMsg: 'requestSubscribeMessage:fail cancel', errCode: 20004 });
    return ok('requestSubscribeMessage', Object.fromEntries(tmplIds.map((id) => [id, 'accept'])));
  },
};

export default Taro;
