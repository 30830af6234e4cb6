import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWeapp, type WeappApp } from '../../support/weapp';

// A hand-written "build" with the same shape as Taro's, so the harness's own rules are tested
// independently of Taro: globals, page lifecycle, setData, tap bubbling, missing or stale builds.

const BASE_WXML = `
<template name="tmpl_0_1"><view bindtap="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"></view></template>
<template name="tmpl_0_2"><view catchtap="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"></view></template>
<template name="tmpl_0_3"><view id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"></view></template>
<template name="tmpl_0_9"><block>{{i.v}}</block></template>`;

const APP_JS = `
require('./lib');
App({ onLaunch(options) { this.launchedWith = options; } });`;

const LIB_JS = `wx.loadedLib = true;`;

// The page renders a tree on load and records every event eh receives.
const PAGE_JS = `
Page({
  data: { root: { cn: [] } },
  onLoad(query) {
    this.received = [];
    this.query = query;
    this.systemInfo = wx.getSystemInfoSync().platform;
    setTimeout(() => this.setData({
      'root.cn': [
        { nn: '1', sid: 'outer', cl: 'outer', cn: [
          { nn: '2', sid: 'catcher', cl: 'catcher', cn: [{ nn: '3', sid: 'inner', cl: 'inner', cn: [] }] },
          { nn: '3', sid: 'plain', uid: 'plain-id', cl: 'plain', cn: [{ nn: '9', sid: 't', v: 'hello' }] },
        ] },
      ],
    }), 0);
  },
  onPullDownRefresh() {
    this.pulled = (this.pulled || 0) + 1;
  },
  eh(event) {
    this.received.push({ current: event.currentTarget.id, target: event.target.id, type: event.type });
    this.setData({ lastTap: event.currentTarget.dataset.sid });
  },
});`;

const tempRoots: string[] = [];
afterAll(() => tempRoots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

function writeDist(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-harness-'));
  tempRoots.push(root);
  const dist = path.join(root, 'dist');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
    fs.writeFileSync(path.join(dist, name), content);
  }
  return dist;
}

const APP_FILES = {
  'app.js': APP_JS,
  'lib.js': LIB_JS,
  'app.json': JSON.stringify({ pages: ['pages/home/home'] }),
  'base.wxml': BASE_WXML,
  'pages/home/home.js': PAGE_JS,
  'pages/home/home.json': '{}',
};

describe('weapp harness', () => {
  let app: WeappApp | undefined;
  afterEach(() => app?.close());

  const launch = async (wx?: Record<string, unknown>, files: Record<string, string> = {}) => {
    const distDir = writeDist({ ...APP_FILES, ...files });
    app = await launchWeapp({ distDir, sourcesRoot: path.dirname(distDir), wx });
    return app;
  };

  it('runs app.js with its requires, App() and launch options, then the page lifecycle', async () => {
    const weapp = await launch();
    const page = await weapp.open('pages/home/home', { from: 'test' });

    expect(weapp.wx.loadedLib).toBe(true);
    expect(weapp.instance.launchedWith).toMatchObject({ path: 'pages/home/home', scene: 1001 });
    expect(page.instance.query).toEqual({ from: 'test' });
    expect(page.text()).toBe('hello');
    expect(page.byClass('plain').id).toBe('plain-id');
  });

  it('delivers a tap to each ancestor that binds it and stops at catchtap', async () => {
    const weapp = await launch();
    const page = await weapp.open('pages/home/home');

    await page.tap(page.byClass('inner'));

    expect(page.data.lastTap).toBe('catcher');
    expect(page.instance.received).toEqual([{ current: 'catcher', target: 'inner', type: 'tap' }]);
  });

  it('bubbles a tap past elements that do not bind it', async () => {
    const weapp = await launch();
    const page = await weapp.open('pages/home/home');

    await page.tap(page.byClass('plain'));

    expect(page.instance.received).toEqual([{ current: 'outer', target: 'plain-id', type: 'tap' }]);
  });

  it('gives the app code the wx overrides and the rest of the simulated wx API', async () => {
    const withOverride = await launch({ getSystemInfoSync: () => ({ platform: 'devtools' }) });
    expect((await withOverride.open('pages/home/home')).instance.systemInfo).toBe('devtools');
    withOverride.close();

    const simulated = await launch(); // miniprogram-simulate reports an iPhone
    expect((await simulated.open('pages/home/home')).instance.systemInfo).toBe('ios');
  });

  it('delivers a pull-down to onPullDownRefresh only when the page JSON enables it, as WeChat does', async () => {
    const disabled = await launch();
    const still = await disabled.open('pages/home/home');
    await expect(still.pullDownRefresh()).rejects.toThrow('does not set enablePullDownRefresh');
    expect(still.instance.pulled).toBeUndefined();
    disabled.close();

    const enabled = await launch(undefined, { 'pages/home/home.json': JSON.stringify({ enablePullDownRefresh: true }) });
    const page = await enabled.open('pages/home/home');
    await page.pullDownRefresh();
    expect(page.instance.pulled).toBe(1);
  });

  it('refuses pages that app.json does not list', async () => {
    const weapp = await launch();
    await expect(weapp.open('pages/other/other')).rejects.toThrow('not a page of this app');
  });

  it('fails with the build command when dist/ is missing', async () => {
    const missing = path.join(os.tmpdir(), 'weapp-harness-missing', 'dist');
    await expect(launchWeapp({ distDir: missing })).rejects.toThrow('run `npm run build:weapp`');
  });

  it('fails with the build command when the sources are newer than the build', async () => {
    const distDir = writeDist(APP_FILES);
    const client = path.join(path.dirname(distDir), 'client');
    fs.mkdirSync(client);
    fs.writeFileSync(path.join(client, 'app.ts'), '');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(client, 'app.ts'), later, later);

    await expect(launchWeapp({ distDir, sourcesRoot: path.dirname(distDir) })).rejects.toThrow(
      'older than client/app.ts: run `npm run build:weapp`',
    );
  });
});
