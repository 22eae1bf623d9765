import { randomBytes, randomUUID } from "node:crypto";

/**
 * UUIDv7 generator (RFC 9562): 48-bit Unix ms, then a 12-bit counter in rand_a so ids minted in
 * the same millisecond still sort in creation order ("method 1"). The counter matters because
 * list pages are ordered by (created_at, id) and many sessions share a millisecond in tests.
 */
export function createUuidV7Generator(): (ms: number) => string {
  let lastMs = -1;
  let sequence = 0;
  return (requestedMs: number) => {
    let ms = Math.max(0, Math.floor(requestedMs));
    if (ms <= lastMs) {
      ms = lastMs;
      sequence += 1;
      if (sequence > 0xfff) {
        ms = lastMs + 1;
        sequence = 0;
      }
    } else {
      sequence = 0;
    }
    lastMs = ms;
    const bytes = randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (sequence >> 8);
    bytes[7] = sequence & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    return formatUuid(bytes);
  };
}

export function uuidV4(): string {
  return randomUUID();
}

export function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Value of the x-request-id header sent with every answer. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

/** An opaque URL-safe token (preview tokens, Hyperbrowser session tokens). */
export function randomToken(byteLength = 24): string {
  return randomBytes(byteLength).toString("base64url");
}
