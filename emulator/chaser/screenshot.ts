import { createHash } from "node:crypto";
import { encodeRgbPng } from "../png.ts";
import type { ChaserSession } from "./sessions.ts";

/**
 * A deterministic "framebuffer" at the session's viewport size: a dark status bar, a light page
 * and a card whose colour comes from the session id, so two sessions' screenshots differ.
 */
export function screenshotPng(session: ChaserSession): Buffer {
  const { width, height } = session.device;
  const [r = 0, g = 0, b = 0] = createHash("sha256").update(session.id).digest();
  const accent = [64 + (r % 160), 64 + (g % 160), 64 + (b % 160)] as const;
  const pixels = new Uint8Array(width * height * 3);
  const bar = Math.max(1, Math.round(height * 0.03));
  const card = { x0: Math.round(width * 0.1), x1: Math.round(width * 0.9), y0: Math.round(height * 0.2), y1: Math.round(height * 0.45) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      let rgb: readonly [number, number, number] = [246, 246, 248];
      if (y < bar) rgb = [32, 33, 36];
      else if (x >= card.x0 && x < card.x1 && y >= card.y0 && y < card.y1) rgb = accent;
      pixels[at] = rgb[0];
      pixels[at + 1] = rgb[1];
      pixels[at + 2] = rgb[2];
    }
  }
  return encodeRgbPng(width, height, pixels);
}
