import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The bundled Noto Sans JP (fontsource, split by unicode range) as the screens want it: woff2 only (every
 * browser Lectern supports reads it, and the build stays half the size), and `font-display: block`, so a screen
 * without a system CJK font never flashes tofu before the font arrives (it waits up to ~3 s instead).
 * Its vertical metrics are re-balanced (same total, 1.448 em): the font centres its line box on CJK glyphs, which
 * leaves Latin descenders hanging below tightly set lines; 1.02 + 0.428 centres Latin and Japanese alike.
 */
function screenFonts(): Plugin {
  return {
    name: 'lectern-screen-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/]noto-sans-jp[\\/].*\.css$/.test(id)) return null;
      const css = code
        .replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, '')
        .replace(/font-display:\s*swap/g, 'font-display: block')
        .replace(/font-weight:/g, 'ascent-override: 102%;\n  descent-override: 42.8%;\n  font-weight:');
      return { code: css, map: null };
    },
  };
}

/** One build for both web apps: display/ (read-only screens) and control/ (chair panel, director console). */
export default defineConfig({
  root,
  base: '/',
  plugins: [
    screenFonts(),
    vue(),
    // The catalogues are compiled to functions at build time: the pages ship vue-i18n's runtime, not its compiler.
    VueI18nPlugin({
      include: [fileURLToPath(new URL('web/i18n/*.json', import.meta.url))],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      strictMessage: true,
      escapeHtml: false,
    }),
  ],
  // The runtime-only vue-i18n (no message compiler): the catalogues arrive precompiled.
  resolve: { alias: { 'vue-i18n': 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js' } },
  define: { __VUE_I18N_FULL_INSTALL__: false, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // Fonts are files the browser fetches by unicode range, never inlined into CSS or JS.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    rollupOptions: {
      input: {
        display: fileURLToPath(new URL('display/index.html', import.meta.url)),
        control: fileURLToPath(new URL('control/index.html', import.meta.url)),
      },
    },
  },
});
