import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';

// The few ESTree fields the plugins below read (Rollup's parser answers ESTree).
interface AnyNode {
  type: string;
  start: number;
  end: number;
  name?: string;
  callee?: AnyNode;
  object?: AnyNode;
  init?: AnyNode | null;
  declaration?: AnyNode | null;
  declarations?: AnyNode[];
}

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

/**
 * vue-i18n reads Vue's current instance through `key in Vue` / `Vue[key]` on a namespace import (to support a
 * future Vue that exports `currentInstance`). A dynamic read of a namespace keeps every export of Vue in the
 * bundle (about 35 KiB: hydration, Teleport, KeepAlive, …). Vue 3.5 has no `currentInstance` export, so the
 * lookup always ends in `getCurrentInstance()`: say so statically and let the rest of Vue be tree-shaken.
 */
function vueI18nStaticInstance(): Plugin {
  return {
    name: 'lectern-vue-i18n-static-instance',
    enforce: 'pre',
    transform(code, id) {
      if (!/vue-i18n[\\/]dist[\\/]vue-i18n\.runtime\.mjs$/.test(id)) return null;
      const dynamic = /if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*return Vue\.getCurrentInstance\(\);\s*\}/;
      if (!dynamic.test(code)) this.error('vue-i18n changed: review lectern-vue-i18n-static-instance in vite.config.ts');
      return { code: code.replace(dynamic, 'return Vue.getCurrentInstance();'), map: null };
    },
  };
}

/**
 * shared/ defines its zod schemas at the top level (`export const HallIdSchema = z.string().min(1)…`). The server
 * parses with them; pages use shared/'s functions and types but never a schema. A bundler keeps a top-level call
 * it cannot prove pure, and with it all of zod (about 80 KiB). This wraps each such initializer in an IIFE
 * annotated pure, so a page that never reads a schema drops it, and zod with it. The server build is untouched.
 */
function pureSharedSchemas(): Plugin {
  const rootOf = (node: AnyNode): AnyNode => {
    let n = node;
    while (n.type === 'CallExpression' || n.type === 'MemberExpression') {
      const inner = n.type === 'CallExpression' ? n.callee : n.object;
      if (!inner) break;
      n = inner;
    }
    return n;
  };
  return {
    name: 'lectern-pure-shared-schemas',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]shared[\\/].*\.ts$/.test(id) || !code.includes('z.')) return null;
      const out = new MagicString(code);
      for (const statement of (this.parse(code) as unknown as { body: AnyNode[] }).body) {
        const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
        if (declaration?.type !== 'VariableDeclaration') continue;
        for (const declarator of declaration.declarations ?? []) {
          const init = declarator.init;
          if (init?.type !== 'CallExpression') continue;
          const root = rootOf(init);
          // `z.object(…)`, or a schema built from another one (`PositionSchema.extend(…)`).
          if (root.type !== 'Identifier' || !(root.name === 'z' || root.name?.endsWith('Schema'))) continue;
          out.prependLeft(init.start, '/* @__PURE__ */ (() => ');
          out.appendRight(init.end, ')()');
        }
      }
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}

/** One build for both web apps: display/ (read-only screens) and control/ (chair panel, director console). */
export default defineConfig({
  root,
  base: '/',
  plugins: [
    screenFonts(),
    vueI18nStaticInstance(),
    pureSharedSchemas(),
    vue(),
    // The catalogues are compiled to functions at build time: the pages ship vue-i18n's runtime, not its compiler.
    VueI18nPlugin({
      include: [fileURLToPath(new URL('web/i18n/*.json', import.meta.url))],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
      strictMessage: true,
      escapeHtml: false,
      dropMessageCompiler: true,
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
