import { MAX_SIGNATURE_BYTES } from '../../../shared/documents';

/** Pure canvas helpers of the signature pad: sizing, painting, exporting. */

export const PAD_HEIGHT = 160;
/** Past 2× the strokes look no better and the PNG only grows. */
const MAX_PIXEL_RATIO = 2;
const MAX_BACKING_WIDTH = 1200;
/** Well under the server's limit, so a signature never comes near it. */
const EXPORT_BUDGET = MAX_SIGNATURE_BYTES / 4;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The same estimate the shared validation makes: base64 carries 3 bytes per 4 characters. */
export const dataUrlBytes = (url: string) => (url.length * 3) / 4;

/** Sizes the backing store to the shown size (at most 2×, at most 1200 px wide) and returns the scale. */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): number {
  const ratio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);
  const width = Math.min(Math.round(cssWidth * ratio), MAX_BACKING_WIDTH);
  const scale = width / cssWidth;
  canvas.width = width;
  canvas.height = Math.round(cssHeight * scale);
  return scale;
}

/** White, so the exported PNG reads well on any page it is printed on. */
export function paintBlank(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return ctx;
}

/** Blank, then the image of `dataUrl` (a signature drawn before) stretched over the canvas. */
export function paintImage(canvas: HTMLCanvasElement, dataUrl: string) {
  const ctx = paintBlank(canvas);
  if (!ctx || !dataUrl) return;
  const image = new Image();
  image.onload = () => ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  image.src = dataUrl;
}

export function setPen(ctx: CanvasRenderingContext2D, scale: number) {
  ctx.strokeStyle = '#1a1b1e';
  ctx.fillStyle = '#1a1b1e';
  ctx.lineWidth = 2.5 * scale;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
}

/** Where a pointer is, in the canvas's own pixels. */
export function pointIn(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }): Point {
  const rect = canvas.getBoundingClientRect();
  const sx = rect.width > 0 ? canvas.width / rect.width : 1;
  const sy = rect.height > 0 ? canvas.height / rect.height : 1;
  return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
}

export const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * The drawing as a PNG data URL; halved in size until it fits the budget, so the signature never
 * nears MAX_SIGNATURE_BYTES. '' when the browser cannot export a PNG.
 */
export function exportPng(canvas: HTMLCanvasElement, budget = EXPORT_BUDGET): string {
  let source = canvas;
  let url = canvas.toDataURL('image/png');
  while (dataUrlBytes(url) > budget && source.width > 100) {
    const smaller = document.createElement('canvas');
    smaller.width = Math.round(source.width / 2);
    smaller.height = Math.round(source.height / 2);
    const ctx = paintBlank(smaller);
    if (!ctx) break;
    ctx.drawImage(source, 0, 0, smaller.width, smaller.height);
    source = smaller;
    url = smaller.toDataURL('image/png');
  }
  return url.startsWith('data:image/png;base64,') && dataUrlBytes(url) <= MAX_SIGNATURE_BYTES ? url : '';
}
