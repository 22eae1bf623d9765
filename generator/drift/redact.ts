/**
 * Secrets never reach output: not reports, logs, recordings, overlays or error messages.
 *
 * Three layers, because any one of them alone leaks something:
 * - by name: headers, query parameters and JSON properties whose names say "secret" (authorization,
 *   x-api-key, cookie, token, password, api_key, signature, …) have their values replaced;
 * - by shape: strings that look like credentials (JWTs, `Bearer …`, well-known key prefixes) are
 *   replaced wherever they appear;
 * - by value: the keys this run actually uses are registered, and every byte of text written
 *   anywhere passes `scrub`, which replaces them (and their URL-encoded forms) — the net under the
 *   other two, for a server that echoes a key back in an error message or a redirect.
 */

/** Placeholder inside data (recordings, JSON values): plain letters, so a redacted URL is still a URI. */
export const REDACTED = "REDACTED";
/** Placeholder in text meant for people. */
export const REDACTED_TEXT = "[REDACTED]";

const SECRET_HEADERS =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token|x-amz-security-token)$/i;
const SECRET_HEADER_WORDS = /(auth|token|secret|api-?key|password|cookie|signature|credential|session-id)/i;

/** Words of a name that make it a secret's name ("apiKey" → api, key; "access_token" → access, token). */
const SECRET_WORDS = new Set([
  "token",
  "secret",
  "password",
  "passwd",
  "pwd",
  "apikey",
  "authorization",
  "auth",
  "cookie",
  "credential",
  "credentials",
  "signature",
  "sig",
  "jwt",
  "bearer",
  "key",
  "privatekey",
  "accesskey",
  "secretkey",
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True for property and parameter names that hold secrets: token, api_key, apiKey, X-Amz-Signature, password, … */
export function isSecretName(name: string): boolean {
  const w = words(name);
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  const joined = w.join("");
  return joined.endsWith("apikey") || joined.endsWith("accesskey") || joined.endsWith("privatekey") || joined.endsWith("clientsecret");
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.test(name) || SECRET_HEADER_WORDS.test(name);
}

// Shapes of credentials that are secret wherever they stand.
const SHAPES: RegExp[] = [
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, // JWT
  // Credentials in an Authorization-like text; not a word ending in one ("preview-token answered").
  /(?<![\w-])(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
  /\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{8,}/g, // Stripe-style keys
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
];

/** URL query parameters and userinfo inside any text: `?token=…&x=1` → `?token=REDACTED&x=1`. */
// Backslashes end a value too: the text may be JSON, where a quote inside a string is \".
const QUERY_PARAM = /([?&;])([^=&#\s"'<>\\]+)=([^&#\s"'<>\\]*)/g;
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s"'<>]+@/gi;

export class Redactor {
  #secrets: string[] = [];

  /** Registers a value that must never be written anywhere (an API key in use). */
  addSecret(value: string | undefined): void {
    if (!value || value.length < 4) return;
    for (const form of new Set([value, encodeURIComponent(value)])) {
      if (!this.#secrets.includes(form)) this.#secrets.push(form);
    }
    // Longest first, so a key containing another is replaced whole.
    this.#secrets.sort((a, b) => b.length - a.length);
  }

  /** Every text written anywhere goes through this. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED_TEXT);
    for (const shape of SHAPES)
      out = out.replace(shape, (_m, scheme: string) => (typeof scheme === "string" && /^(bearer|basic|token)$/i.test(scheme) ? `${scheme} ${REDACTED_TEXT}` : REDACTED_TEXT));
    out = out.replace(QUERY_PARAM, (m, sep: string, name: string) => (isSecretName(safeDecode(name)) ? `${sep}${name}=${REDACTED}` : m));
    out = out.replace(USERINFO, "$1");
    return out;
  }

  /** True when a string is (or contains) something secret. */
  looksSecret(value: string): boolean {
    return this.scrub(value) !== value;
  }

  /** A URL for output: secret query values and userinfo replaced, the rest kept. */
  url(url: string): string {
    return this.scrub(url);
  }

  /** A header value for output; secret headers keep their name and lose their value. */
  header(name: string, value: string): string {
    return isSecretHeader(name) ? REDACTED : this.scrub(value);
  }

  /**
   * A JSON value with secrets replaced (a copy): values of secret-named properties, and strings
   * that contain a secret. Types are kept (a string stays a string) so recordings still check.
   */
  json(value: unknown, name?: string): unknown {
    if (typeof value === "string") {
      if (name !== undefined && isSecretName(name)) return REDACTED;
      const scrubbed = this.scrub(value);
      return scrubbed === value ? value : scrubbed.split(REDACTED_TEXT).join(REDACTED);
    }
    if (Array.isArray(value)) return value.map((v) => this.json(v, name));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.json(v, k);
      return out;
    }
    return value;
  }

  /**
   * How an observed value is shown in a finding: short JSON, or [REDACTED] when the property's
   * name or the value itself looks secret.
   */
  preview(value: unknown, name?: string): string {
    if (name !== undefined && isSecretName(name) && value !== null && typeof value !== "boolean") return REDACTED_TEXT;
    if (typeof value === "string" && this.looksSecret(value)) return REDACTED_TEXT;
    let text: string;
    if (value === undefined) text = "(absent)";
    else if (typeof value === "object" && value !== null) text = Array.isArray(value) ? `array(${value.length})` : "object";
    else text = JSON.stringify(value);
    if (text.length > 80) text = `${text.slice(0, 77)}...`;
    return this.scrub(text);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
