import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import simulatedWx from 'miniprogram-simulate/src/api';
import { checkDist, DEFAULT_DIST } from './dist';
import { applySetData } from './set-data';
import { parseBaseTemplates, type NodeTemplate } from './templates';
import { decodeTree, findAll, hasClass, textOf, type RenderedNode } from './tree';

// Runs the BUILT mini program (dist/) in Node, the way WeChat's app service does: the scripts run in
// their own global scope with App/Page/Component/getApp/getCurrentPages/wx, pages render through
// setData, and taps reach Taro through the page's `eh` handler exactly as base.wxml binds them.
// Not simulated: WXML layout, WXSS, custom components' own instances (e.g. Taro's CustomWrapper).

type Options = Record<string, unknown>;
type Handler = (this: unknown, ...args: unknown[]) => unknown;

export interface LaunchOptions {
  /** Defaults to the repository's dist/. */
  distDir?: string;
  /** Replaces or adds wx APIs (e.g. `cloud`, `requestPayment`); the rest come from miniprogram-simulate. */
  wx?: Record<string, unknown>;
  /** Checked against client/ and config/ so a test never runs an outdated build; tests of the harness may turn it off. */
  sourcesRoot?: string;
}

export interface WeappPage {
  route: string;
  /** The page instance (`this` inside the page's code). */
  instance: Record<string, unknown>;
  /** The page's data as setData left it. */
  readonly data: Record<string, unknown>;
  /** How many setData calls the page received. */
  readonly renders: number;
  /** The rendered node tree (decoded from data.root). */
  tree(): RenderedNode;
  findAll(match: (node: RenderedNode) => boolean): RenderedNode[];
  /** The one node with this class; throws when there are none or several. */
  byClass(className: string): RenderedNode;
  text(node?: RenderedNode): string;
  /** Taps a node the way WeChat does: `eh` on the node and on each ancestor that binds tap. Then settles. */
  tap(node: RenderedNode): Promise<void>;
  /** Waits until the page has stopped rendering (timers and setData drained). */
  settle(): Promise<void>;
  /**
   * The shopper pulls the page down: WeChat calls the page's `onPullDownRefresh` — only when the
   * page's JSON sets `enablePullDownRefresh` (otherwise this throws, as nothing would happen). Then settles.
   */
  pullDownRefresh(): Promise<void>;
}

export interface WeappApp {
  /** The wx object the app sees (miniprogram-simulate's API plus your overrides). */
  wx: Record<string, unknown>;
  /** The App instance (what getApp() returns inside the app). */
  instance: Record<string, unknown>;
  pages: string[];
  open(route: string, query?: Record<string, string>): Promise<WeappPage>;
  /** Unloads open pages and cancels the app's pending timers. */
  close(): void;
}

const QUIET_ROUNDS = 3;
const MAX_ROUNDS = 200;

export async function launchWeapp(options: LaunchOptions = {}): Promise<WeappApp> {
  const distDir = options.distDir ?? DEFAULT_DIST;
  const appJson = checkDist(distDir, options.sourcesRoot);
  const templates = parseBaseTemplates(fs.readFileSync(path.join(distDir, 'base.wxml'), 'utf8'));

  const timers = new Set<NodeJS.Timeout>();
  const immediates = new Set<NodeJS.Immediate>();
  let appOptions: Options | undefined;
  let registering: { kind: 'page' | 'component'; path: string } | undefined;
  const pageOptions = new Map<string, Options>();
  const componentOptions = new Map<string, Options>();
  const openPages: Options[] = [];
  let setDataCount = 0;

  const wx: Record<string, unknown> = {
    // A copy per launch: the build stores its chunk registry on wx (wx.webpackJsonp).
    ...simulatedWx,
    ...options.wx,
  };

  const context = vm.createContext({
    console,
    wx,
    App(opts: Options) {
      if (appOptions) throw new Error('App() called twice');
      appOptions = opts;
    },
    Page(opts: Options) {
      if (registering?.kind !== 'page') throw new Error('Page() called outside a page script');
      pageOptions.set(registering.path, opts);
    },
    Component(opts: Options) {
      if (!registering) throw new Error('Component() called outside a page or component script');
      componentOptions.set(registering.path, opts);
    },
    getApp: () => appOptions,
    getCurrentPages: () => [...openPages],
    setTimeout: (fn: () => void, ms?: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
      return t;
    },
    clearTimeout: (t: NodeJS.Timeout) => {
      timers.delete(t);
      clearTimeout(t);
    },
    setInterval: (fn: () => void, ms?: number) => {
      const t = setInterval(fn, ms);
      timers.add(t);
      return t;
    },
    clearInterval: (t: NodeJS.Timeout) => {
      timers.delete(t);
      clearInterval(t);
    },
    setImmediate: (fn: () => void) => {
      const i = setImmediate(() => {
        immediates.delete(i);
        fn();
      });
      immediates.add(i);
      return i;
    },
    clearImmediate: (i: NodeJS.Immediate) => {
      immediates.delete(i);
      clearImmediate(i);
    },
  });

  // A CommonJS loader confined to dist/: the build's scripts `require('./vendors')` etc.
  const modules = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const cached = modules.get(file);
    if (cached) return cached.exports;
    if (!file.startsWith(distDir + path.sep)) throw new Error(`dist script required a file outside dist/: ${file}`);
    const module = { exports: {} as unknown };
    modules.set(file, module);
    const source = fs.readFileSync(file, 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, context, { filename: file }) as (
      require: (request: string) => unknown,
      module: { exports: unknown },
      exports: unknown,
    ) => void;
    const requireFromHere = (request: string) =>
      load(path.resolve(path.dirname(file), request.endsWith('.js') ? request : `${request}.js`));
    wrapper(requireFromHere, module, module.exports);
    return module.exports;
  };

  const drain = async (): Promise<void> => {
    let quiet = 0;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const before = setDataCount;
      await new Promise((resolve) => setTimeout(resolve, 0));
      const busy = setDataCount !== before || immediates.size > 0;
      quiet = busy ? 0 : quiet + 1;
      if (quiet >= QUIET_ROUNDS) return;
    }
    throw new Error(`The mini program kept rendering for ${MAX_ROUNDS} rounds without settling`);
  };

  load(path.join(distDir, 'app.js'));
  if (!appOptions) throw new Error('dist/app.js did not call App()');
  const app = appOptions;
  const launch = { path: appJson.pages[0] ?? '', query: {}, scene: 1001, referrerInfo: {} };
  call(app, 'onLaunch', launch);
  call(app, 'onShow', launch);

  const loadScript = (kind: 'page' | 'component', route: string) => {
    registering = { kind, path: route };
    try {
      load(path.join(distDir, `${route}.js`));
    } finally {
      registering = undefined;
    }
  };

  const loadComponentsOf = (route: string) => {
    const jsonFile = path.join(distDir, `${route}.json`);
    if (!fs.existsSync(jsonFile)) return;
    const { usingComponents = {} } = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as {
      usingComponents?: Record<string, string>;
    };
    for (const relative of Object.values(usingComponents)) {
      const componentRoute = path.relative(distDir, path.resolve(path.dirname(jsonFile), relative));
      if (!componentOptions.has(componentRoute) && !componentRoute.startsWith('plugin:')) {
        loadScript('component', componentRoute);
        loadComponentsOf(componentRoute);
      }
    }
  };

  return {
    wx,
    instance: app,
    pages: appJson.pages,
    async open(route, query = {}) {
      if (!appJson.pages.includes(route)) {
        throw new Error(`${route} is not a page of this app (app.json pages: ${appJson.pages.join(', ')})`);
      }
      if (!pageOptions.has(route)) {
        loadComponentsOf(route);
        loadScript('page', route);
      }
      const definition = pageOptions.get(route);
      if (!definition) throw new Error(`${route}.js did not call Page()`);

      const instance = createPageInstance(definition, route, query, () => {
        setDataCount += 1;
      });
      openPages.push(instance);
      call(instance, 'onLoad', query);
      call(instance, 'onShow');
      call(instance, 'onReady');
      await drain();
      const config = readPageConfig(distDir, route);
      return pageHandle(instance, route, templates, drain, () => setDataCount, config);
    },
    close() {
      for (const page of openPages.splice(0).reverse()) call(page, 'onUnload');
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      immediates.forEach((i) => clearImmediate(i));
      immediates.clear();
    },
  };
}

/** The page's JSON as the build wrote it (window settings such as enablePullDownRefresh). */
function readPageConfig(distDir: string, route: string): Options {
  const file = path.join(distDir, `${route}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Options) : {};
}

function call(target: Options, method: string, ...args: unknown[]): unknown {
  const fn = target[method];
  return typeof fn === 'function' ? (fn as Handler).apply(target, args) : undefined;
}

// A page instance as WeChat builds it: the definition's methods, a private copy of its data, route info, setData.
function createPageInstance(
  definition: Options,
  route: string,
  query: Record<string, string>,
  onSetData: () => void,
): Options {
  const instance: Options = { ...definition };
  instance.data = JSON.parse(JSON.stringify(definition.data ?? {}));
  instance.route = route;
  instance.__route__ = route;
  instance.options = query;
  instance.setData = (patch: Record<string, unknown>, callback?: () => void) => {
    applySetData(instance.data as Record<string, unknown>, patch);
    onSetData();
    if (typeof callback === 'function') setTimeout(callback, 0);
  };
  return instance;
}

function pageHandle(
  instance: Options,
  route: string,
  templates: Map<string, NodeTemplate>,
  settle: () => Promise<void>,
  renders: () => number,
  config: Options = {},
): WeappPage {
  const data = () => instance.data as Record<string, unknown>;
  const tree = () => decodeTree(data().root, templates);
  return {
    route,
    instance,
    get data() {
      return data();
    },
    get renders() {
      return renders();
    },
    tree,
    findAll: (match) => findAll(tree(), match),
    byClass(className) {
      const found = findAll(tree(), (node) => hasClass(node, className));
      if (found.length !== 1) {
        throw new Error(`Expected one node with class "${className}" on ${route}, found ${found.length}`);
      }
      return found[0] as RenderedNode;
    },
    text: (node) => textOf(node ?? tree()),
    async tap(node) {
      dispatchTap(instance, node);
      await settle();
    },
    settle,
    async pullDownRefresh() {
      if (config.enablePullDownRefresh !== true) {
        throw new Error(`${route}.json does not set enablePullDownRefresh: WeChat would never call its onPullDownRefresh`);
      }
      if (typeof instance.onPullDownRefresh !== 'function') throw new Error(`${route} has no onPullDownRefresh`);
      call(instance, 'onPullDownRefresh');
      await settle();
    },
  };
}

// WeChat delivers a tap to `eh` on the tapped element and then on each ancestor that binds tap
// (bubbling), with `target` the tapped element and `currentTarget` the bound one; catchtap stops it.
function dispatchTap(instance: Options, node: RenderedNode): void {
  if (node.tag === '#text' || node.tag === 'root') throw new Error(`Cannot tap a ${node.tag} node`);
  const target = { id: node.id, dataset: { sid: node.sid } };
  let delivered = false;
  for (let current: RenderedNode | undefined = node; current && current.tag !== 'root'; current = current.parent) {
    const template = current.template;
    const caught = template?.caught.has('tap') ?? false;
    if (caught || template?.bound.has('tap')) {
      call(instance, 'eh', {
        type: 'tap',
        timeStamp: Date.now(),
        target,
        currentTarget: { id: current.id, dataset: { sid: current.sid } },
        detail: { x: 0, y: 0 },
        touches: [],
        changedTouches: [],
        mark: {},
      });
      delivered = true;
    }
    if (caught) break;
  }
  if (!delivered) {
    throw new Error(`Tapping <${node.tag} class="${node.className}"> reaches no tap handler: nothing binds tap on it or its ancestors`);
  }
}
