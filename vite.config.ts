import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** One build for both web apps: display/ (read-only screens) and control/ (chair panel, director console). */
export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        display: fileURLToPath(new URL('display/index.html', import.meta.url)),
        control: fileURLToPath(new URL('control/index.html', import.meta.url)),
      },
    },
  },
});
