import { DriftlessError } from "../../problems/error.ts";
import type { Exchange } from "../exchange.ts";
import { readProbe } from "./har.ts";

/**
 * Recorded traffic as NDJSON: one exchange per line, for logs and proxies that are easier to
 * stream than HAR. Each line is an object:
 *
 *   {"api":"chaser","method":"GET","url":"https://api.chaser.sh/v1/sessions","status":200,
 *    "headers":{"content-type":"application/json"},"body":"{...}"}
 *
 * `api` is optional (the operation decides); `bodyEncoding: "base64"` marks binary bodies; `step`
 * and `probe` ({ intent, negative, expect }) are what driftless's own probes carry.
 * Blank lines are skipped; anything else that is not such an object is an input error with its line.
 */
export function readNdjson(text: string, file: string): Exchange[] {
  const out: Exchange[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new DriftlessError("E_INPUT", `${file}:${i + 1}: not a JSON line (${(error as Error).message})`);
    }
    if (typeof value !== "object" || value === null || typeof value.method !== "string" || typeof value.url !== "string" || typeof value.status !== "number") {
      throw new DriftlessError("E_INPUT", `${file}:${i + 1}: an exchange needs method, url and status`);
    }
    const headers: Record<string, string> = {};
    if (typeof value.headers === "object" && value.headers !== null) {
      for (const [name, v] of Object.entries(value.headers)) headers[name.toLowerCase()] = String(v);
    }
    const exchange: Exchange = { method: value.method.toUpperCase(), url: value.url, status: value.status, headers };
    if (typeof value.body === "string") exchange.body = value.body;
    if (value.bodyEncoding === "base64") exchange.bodyEncoding = "base64";
    if (typeof value.api === "string") exchange.api = value.api;
    if (typeof value.step === "string") exchange.step = value.step;
    const probe = readProbe(value.probe);
    if (probe) exchange.probe = probe;
    out.push(exchange);
  }
  return out;
}
