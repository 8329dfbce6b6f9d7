import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.LAOYOU_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // react + router, antd (+ rc-* and icons) and pro-components each in a long-cacheable chunk; the login
        // page never loads the pro-components chunk.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (
            /node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|@remix-run)\//.test(id)
          ) {
            return 'react';
          }
          if (/node_modules\/@ant-design\/pro-/.test(id)) return 'pro';
          if (/node_modules\/(antd|rc-[^/]+|@rc-component|@ant-design|@ctrl|@emotion|dayjs)\//.test(id)) {
            return 'antd';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
