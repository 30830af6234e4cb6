// Brings Taro's global declarations (defineAppConfig, definePageConfig, process.env.TARO_ENV) into scope.
/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';
declare module '*.svg';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro is building for; replaced by a constant at build time. */
    TARO_ENV?: 'weapp' | 'h5';
  }
}
