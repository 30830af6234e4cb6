import { parseBaseTemplates } from '../../support/weapp/templates';

const BASE_WXML = `
<template name="tmpl_0_1">
  <view style="{{i.st}}" class="{{i.cl}}" bindtap="eh" bindlongpress="eh" id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"></view>
</template>
<template name="tmpl_0_2">
  <view class="{{i.cl}}" catchtap="eh" id="{{i.uid||i.sid}}"></view>
</template>
<template name="tmpl_0_5">
  <text class="{{i.cl}}" id="{{i.uid||i.sid}}"></text>
</template>
<template name="tmpl_0_9">
  <block>{{i.v}}</block>
</template>
<template name="tmpl_1_1">
  <view bindtap="eh"></view>
</template>`;

describe('base.wxml templates', () => {
  const templates = parseBaseTemplates(BASE_WXML);

  it('maps each node id (nn) to its tag and the events it hands to eh', () => {
    expect(templates.get('1')).toEqual({ tag: 'view', bound: new Set(['tap', 'longpress']), caught: new Set() });
    expect(templates.get('2')).toEqual({ tag: 'view', bound: new Set(), caught: new Set(['tap']) });
    expect(templates.get('5')).toEqual({ tag: 'text', bound: new Set(), caught: new Set() });
  });

  it('recognises the text-node template', () => {
    expect(templates.get('9')?.tag).toBe('#text');
  });

  it('rejects a file without Taro templates', () => {
    expect(() => parseBaseTemplates('<view/>')).toThrow('no tmpl_0_* templates');
  });
});
