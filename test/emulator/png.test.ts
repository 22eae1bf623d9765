import { describe, expect, it } from "vitest";
import { encodeRgbPng } from "../../emulator/png.ts";
import { decodePng } from "./helpers.ts";

describe("PNG encoder", () => {
  it("round-trips every pixel through an independent decoder", () => {
    const width = 7;
    const height = 5;
    const pixels = new Uint8Array(width * height * 3).map((_, i) => (i * 37) % 256);
    const png = encodeRgbPng(width, height, pixels);
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(decoded.pixels.equals(Buffer.from(pixels))).toBe(true);
  });

  it("writes chunks in the order IHDR, IDAT, IEND", () => {
    const png = encodeRgbPng(1, 1, new Uint8Array([1, 2, 3]));
    const types: string[] = [];
    for (let offset = 8; offset < png.length; offset += 12 + png.readUInt32BE(offset)) {
      types.push(png.subarray(offset + 4, offset + 8).toString("latin1"));
    }
    expect(types).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("refuses sizes that do not match the pixels", () => {
    expect(() => encodeRgbPng(0, 1, new Uint8Array())).toThrow(RangeError);
    expect(() => encodeRgbPng(2, 2, new Uint8Array(3))).toThrow(RangeError);
  });
});
