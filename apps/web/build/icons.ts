/**
 * A Vite plugin that draws the installable app's icons (PNG, as the web app manifest needs) from Haven's mark at
 * build time with sharp, so no binary image is kept in the repository: 192 and 512 px, a 512 px "maskable" one whose
 * mark sits inside the safe zone a phone may crop to a circle, and the 180 px apple-touch-icon. The dev server
 * serves the same pictures.
 */
import type { Plugin } from 'vite';
import sharp from 'sharp';

const BLUE = '#1864ab';
const H = 'M8 24V8h4v6h8V8h4v16h-4v-6h-8v6z';

/** The favicon's mark: rounded square (or full bleed, for maskable) with the H scaled to `scale` of the side. */
function markSvg(maskable: boolean): string {
  const scale = maskable ? 0.6 : 1;
  const offset = (32 - 32 * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="${maskable ? 0 : 6}" fill="${BLUE}"/>`
    + `<path transform="translate(${offset} ${offset}) scale(${scale})" d="${H}" fill="#fff"/></svg>`;
}

export const ICONS: { fileName: string; size: number; maskable: boolean }[] = [
  { fileName: 'icons/haven-192.png', size: 192, maskable: false },
  { fileName: 'icons/haven-512.png', size: 512, maskable: false },
  { fileName: 'icons/haven-maskable-512.png', size: 512, maskable: true },
  { fileName: 'icons/apple-touch-icon.png', size: 180, maskable: true },
];

export function renderIcon(size: number, maskable: boolean): Promise<Buffer> {
  return sharp(Buffer.from(markSvg(maskable)), { density: Math.ceil((72 * size) / 32) }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();
}

export function appIcons(): Plugin {
  return {
    name: 'haven-app-icons',
    async generateBundle() {
      for (const icon of ICONS) this.emitFile({ type: 'asset', fileName: icon.fileName, source: await renderIcon(icon.size, icon.maskable) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const icon = ICONS.find((i) => req.url === `/${i.fileName}`);
        if (!icon) { next(); return; }
        void renderIcon(icon.size, icon.maskable).then((png) => { res.setHeader('content-type', 'image/png'); res.end(png); }, next);
      });
    },
  };
}
