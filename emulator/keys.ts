import { createHash, randomBytes } from "node:crypto";
import { EmulatorUsageError } from "./errors.ts";

export type ApiName = "chaser" | "hyperbrowser";

/**
 * Who made a request. Each accepted key is its own workspace (Chaser) or team (Hyperbrowser), so
 * tests sharing one server can isolate themselves by using different keys. The principal holds
 * the key's position, never the key itself, so nothing downstream can leak it.
 */
export interface Principal {
  readonly api: ApiName;
  readonly index: number;
}

/**
 * The keys an emulator accepts. Presented keys are compared by SHA-256 digest, so the lookup
 * table holds no key text and lookups do not depend on how many leading characters match.
 */
export class KeyRing {
  readonly keys: Readonly<Record<ApiName, readonly string[]>>;
  private readonly byDigest: Record<ApiName, Map<string, number>>;

  constructor(keys: Record<ApiName, readonly string[]>) {
    this.keys = keys;
    this.byDigest = { chaser: digestIndex(keys.chaser), hyperbrowser: digestIndex(keys.hyperbrowser) };
  }

  /** Given keys are accepted by both APIs; without any, one random key per served API is made. */
  static fromOptions(given: readonly string[] | undefined, served: readonly ApiName[]): KeyRing {
    if (given !== undefined && given.length > 0) {
      for (const key of given) {
        if (typeof key !== "string" || !/^[\x21-\x7e]{1,512}$/.test(key)) {
          throw new EmulatorUsageError("every key must be 1-512 printable ASCII characters without spaces");
        }
      }
      const unique = [...new Set(given)];
      return new KeyRing({
        chaser: served.includes("chaser") ? unique : [],
        hyperbrowser: served.includes("hyperbrowser") ? unique : [],
      });
    }
    return new KeyRing({
      chaser: served.includes("chaser") ? [`chs_emu_${randomBytes(16).toString("hex")}`] : [],
      hyperbrowser: served.includes("hyperbrowser") ? [`hb_emu_${randomBytes(16).toString("hex")}`] : [],
    });
  }

  lookup(api: ApiName, presented: string | undefined): Principal | undefined {
    if (presented === undefined || presented.length === 0) return undefined;
    const index = this.byDigest[api].get(digest(presented));
    return index === undefined ? undefined : { api, index };
  }

  /** Replaces every accepted key inside `text`: applied to each log line before it is written. */
  redact(text: string): string {
    let out = text;
    for (const key of new Set([...this.keys.chaser, ...this.keys.hyperbrowser])) {
      out = out.split(key).join("[redacted]");
    }
    return out;
  }
}

function digest(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function digestIndex(keys: readonly string[]): Map<string, number> {
  return new Map(keys.map((key, index) => [digest(key), index]));
}
