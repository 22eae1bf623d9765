import { inflateSync, crc32 } from "node:zlib";
import { onTestFinished } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/index.ts";

/** Keys given to every test emulator; each key is its own workspace / team. */
export const KEY = "test-key-one";
export const OTHER_KEY = "test-key-two";

/** A fixed instant for tests that drive time by hand. */
export const T0 = Date.parse("2026-06-13T11:49:20.651Z");

/** A clock the test moves by hand. */
export function manualClock(start = T0): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms), set: (ms) => void (now = ms) };
}

/**
 * Starts an emulator on 127.0.0.1, port 0, ready delay 0 and the two test keys, and closes it
 * when the current test finishes (pass or fail).
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, readyDelayMs: 0, keys: [KEY, OTHER_KEY], ...options });
  onTestFinished(() => emulator.close());
  return new TestEmulator(emulator);
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly bytes: Buffer;
  // Response bodies are checked field by field with expect(); a precise type per endpoint
  // would restate the API here without making the tests stronger.
  readonly json: any;
}

export interface CallOptions {
  /** Key to send; null sends none. Defaults to KEY. */
  readonly key?: string | null;
  /** JSON-serialised into the body (with Content-Type: application/json). */
  readonly body?: unknown;
  /** Sent as is (for malformed or oversized bodies). */
  readonly rawBody?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Shorthand for the x-emulator-scenario header. */
  readonly scenario?: string;
}

export class TestEmulator {
  constructor(readonly emulator: RunningEmulator) {}

  get url(): string {
    return this.emulator.url;
  }

  /** A request to the Chaser API (Bearer auth). */
  chaser(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const key = options.key === undefined ? KEY : options.key;
    return this.call(method, path, options, key === null ? {} : { authorization: `Bearer ${key}` });
  }

  /** A request to the Hyperbrowser API (x-api-key auth). */
  hyperbrowser(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const key = options.key === undefined ? KEY : options.key;
    return this.call(method, path, options, key === null ? {} : { "x-api-key": key });
  }

  async call(method: string, path: string, options: CallOptions, auth: Record<string, string>): Promise<Answer> {
    const headers: Record<string, string> = { ...auth, ...options.headers };
    if (options.scenario !== undefined) headers["x-emulator-scenario"] = options.scenario;
    let body: string | Buffer | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const payload = typeof body === "string" || body === undefined ? body : new Uint8Array(body).buffer;
    const response = await fetch(`${this.url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString("utf8");
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, bytes, json };
  }

  /** Creates a Chaser session and returns its 201 body. */
  async createChaser(body: unknown = {}, key: string = KEY): Promise<{ id: string; [field: string]: unknown }> {
    const answer = await this.chaser("POST", "/v1/sessions", { body, key });
    if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${answer.text}`);
    return answer.json;
  }
}

/** RFC 3339 date-time in UTC with 6 fractional digits, as on the Sessions API page. */
export const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const CHASER_ID = /^sess_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * JSON pointers at which two JSON values differ (added, removed or changed leaves). Used to
 * prove that a drift scenario changes exactly one thing at one place.
 */
export function differingPointers(before: unknown, after: unknown, pointer = ""): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...differingPointers(before[i], after[i], `${pointer}/${i}`));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const escaped = key.replace(/~/g, "~0").replace(/\//g, "~1");
      out.push(...differingPointers(before[key], after[key], `${pointer}/${escaped}`));
    }
    return out;
  }
  return Object.is(before, after) ? [] : [pointer];
}

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** RGB bytes, row by row. */
  readonly pixels: Buffer;
}

/**
 * An independent PNG reader (8-bit RGB, non-interlaced, all five filter types) that checks the
 * signature and every chunk CRC, so the emulator's encoder is not tested against itself.
 */
export function decodePng(png: Buffer): DecodedPng {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error("bad PNG signature");
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString("latin1");
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0 !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2 || data[12] !== 0) throw new Error("only 8-bit RGB non-interlaced is supported");
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") sawEnd = true;
    offset += 12 + length;
  }
  if (!sawEnd || width === 0) throw new Error("PNG has no IHDR or IEND");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  if (raw.length !== (stride + 1) * height) throw new Error("IDAT size does not match IHDR");
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 3 ? pixels[y * stride + x - 3]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 3 && y > 0 ? pixels[(y - 1) * stride + x - 3]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter}`);
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
