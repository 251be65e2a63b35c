import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The development server proxies the API to a running Agency OS server. The server checks the Origin of
// cookie-authenticated writes against its PUBLIC_URL, so the proxy presents the server's own origin.
const apiTarget = process.env.AGENCY_API_URL ?? 'http://127.0.0.1:3000';
const proxied = {
  target: apiTarget,
  changeOrigin: true,
  configure: (proxy: {
    on(event: 'proxyReq', listener: (req: { setHeader(n: string, v: string): void }) => void): void;
  }) => proxy.on('proxyReq', (req) => req.setHeader('origin', new URL(apiTarget).origin)),
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': proxied } },
  build: { target: 'es2023', sourcemap: false, chunkSizeWarningLimit: 300 },
});
