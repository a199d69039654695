/**
 * Small bitmaps drawn once and stamped many times: a message dot (fill and halo), the dashed
 * ring of a duplicate, a mark's pill. Without a GPU a canvas rasterises every path on the main
 * thread when the frame is handed over, and a path holding a few hundred circles cost several
 * ms a frame; copying a ready bitmap per dot costs a few µs.
 *
 * Sprites are drawn at the canvas's device scale (dpr × zoom), so a stamp is a 1:1 copy, and
 * are keyed by everything that changes their pixels (colours, sizes, scale), so a new theme or
 * zoom simply makes new ones.
 */

/** A bitmap and where its anchor sits inside it, in device pixels. */
export interface Sprite {
  image: CanvasImageSource;
  /** Device pixels from the bitmap's left edge to the anchor (a dot's centre, a pill's right end). */
  ax: number;
  /** Device pixels from the bitmap's top edge to the anchor (the middle). */
  ay: number;
}

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** More sprites than this means many zoom levels went by: start afresh rather than grow. */
const MAX_SPRITES = 400;
const sprites = new Map<string, Sprite>();

/** A drawing surface and a function that turns what was drawn on it into the image to stamp. */
interface Surface {
  ctx: Ctx2D;
  done(): CanvasImageSource;
}

function surface(w: number, h: number): Surface | null {
  if (typeof OffscreenCanvas !== 'undefined') {
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    // An ImageBitmap, not the OffscreenCanvas itself: Chromium snapshots a canvas source on every
    // drawImage (about 7 µs each, over a ms a frame for a few hundred dots), a bitmap never.
    return ctx ? { ctx, done: () => c.transferToImageBitmap() } : null;
  }
  if (typeof document === 'undefined') return null;
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const ctx = c.getContext('2d');
  return ctx ? { ctx, done: () => c } : null;
}

function cached(key: string, make: () => Sprite | null): Sprite | null {
  const hit = sprites.get(key);
  if (hit) return hit;
  const made = make();
  if (!made) return null;
  if (sprites.size >= MAX_SPRITES) sprites.clear();
  sprites.set(key, made);
  return made;
}

/**
 * A filled dot of radius `r` with a `halo`-coloured outline 1.5 wide, or (with `dashed`) only a
 * dashed ring of radius `r` 2 wide, as the overlay draws them; sizes in layout units, `s` device
 * pixels per unit.
 */
export function dotSprite(fill: string, halo: string, r: number, s: number, dashed: boolean): Sprite | null {
  const key = `dot|${fill}|${halo}|${r}|${s}|${dashed}`;
  return cached(key, () => {
    const line = dashed ? 2 : 1.5;
    const size = Math.ceil(2 * (r + line) * s) + 2;
    const made = surface(size, size);
    if (!made) return null;
    const { ctx } = made;
    const c = size / 2;
    ctx.setTransform(s, 0, 0, s, c, c);
    ctx.beginPath();
    ctx.arc(0, 0, r, 0, Math.PI * 2);
    ctx.lineWidth = line;
    if (dashed) {
      ctx.strokeStyle = fill;
      ctx.setLineDash([2, 2]);
    } else {
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.strokeStyle = halo;
    }
    ctx.stroke();
    return { image: made.done(), ax: c, ay: c };
  });
}

/**
 * A pill: `text` in white on a rounded `color` bar, 15 × `scale` units tall; its anchor is the
 * middle of its right end.
 */
export function pillSprite(text: string, color: string, scale: number, s: number): Sprite | null {
  const key = `pill|${text}|${color}|${scale}|${s}`;
  return cached(key, () => {
    const font = `600 ${10 * scale}px system-ui, sans-serif`;
    const probe = surface(1, 1);
    if (!probe) return null;
    probe.ctx.font = font;
    const w = probe.ctx.measureText(text).width + 10 * scale;
    const h = 15 * scale;
    const made = surface(Math.ceil(w * s) + 2, Math.ceil(h * s) + 2);
    if (!made) return null;
    const { ctx } = made;
    ctx.setTransform(s, 0, 0, s, 1, 1);
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(0, 0, w, h, h / 2);
    ctx.fill();
    ctx.font = font;
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(text, 5 * scale, h / 2 + 0.5);
    return { image: made.done(), ax: 1 + w * s, ay: 1 + (h * s) / 2 };
  });
}

/**
 * Stamps `sprite` with its anchor at device pixel (x, y), rounded to whole pixels so the copy
 * needs no filtering. The context's transform must be the identity.
 */
export function stamp(ctx: CanvasRenderingContext2D, sprite: Sprite, x: number, y: number): void {
  ctx.drawImage(sprite.image, Math.round(x - sprite.ax), Math.round(y - sprite.ay));
}
