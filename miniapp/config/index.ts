import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

/** Browser and home-screen icons for H5 (the mini-program's icon is set in the WeChat console, not shipped). */
const H5_ICONS = ['favicon.ico', 'favicon.svg', 'apple-touch-icon.png', 'icon-192.png', 'icon-512.png', 'manifest.webmanifest']

/** Shared TypeScript sources (workspace package shipped as .ts): Taro must compile them (toolchain pitfall 1). */
const sharedSrc = path.resolve(__dirname, '../../shared/src')
const TARO_ENV = process.env.TARO_ENV || 'h5'

/**
 * API origin baked into the weapp build (the mini-program has no "same origin").
 * H5 is served by our own server under /h5/, so it calls the API on the same origin ('').
 */
const API_BASE = TARO_ENV === 'h5' ? '' : process.env.CGT_API_BASE || 'https://cgt.example.gov.cn'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'chengguantong-miniapp',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(API_BASE),
      WECHAT_H5_APPID: JSON.stringify(process.env.CGT_WECHAT_H5_APPID || ''),
    },
    alias: {
      '@': path.resolve(__dirname, '../src'),
    },
    // H5: the rem script as a file, not inlined (see src/index.html); the icons from scripts/make-icons.mjs
    copy: {
      patterns:
        TARO_ENV === 'h5'
          ? [
              { from: 'src/h5/flexible.js', to: 'dist/h5/flexible.js' },
              ...H5_ICONS.map((f) => ({ from: `src/h5/icons/${f}`, to: `dist/h5/${f}` })),
            ]
          : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      // Served by the server under /h5/ with hash routing: only publicPath is needed (toolchain pitfall 4).
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
