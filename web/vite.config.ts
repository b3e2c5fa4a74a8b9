import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a running huji (HUJI_API, default http://127.0.0.1:8080);
// `npm run build` writes dist/, which huji serves at / with an index.html fallback.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
    // Two pages: the clerks' application, and the public verification page (served at /verify).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        verify: fileURLToPath(new URL('verify.html', import.meta.url)),
        display: fileURLToPath(new URL('display.html', import.meta.url)),
        book: fileURLToPath(new URL('book.html', import.meta.url)),
        kiosk: fileURLToPath(new URL('kiosk.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.HUJI_API ?? 'http://127.0.0.1:8080',
    },
  },
});
