/**
 * What markdown pages state for the API as a whole, placed on the operations it concerns: error
 * codes (on the operations a row names; auth errors on every authenticated operation; rate-limit
 * errors on the rate-limited ones; the rest where their status is already documented, or on every
 * operation that takes input, or on every operation), rate limits (a 429 with `Retry-After`),
 * the error envelope, and the authentication scheme. Every placement is an info finding naming
 * the page line; what cannot be placed is a warning at its line.
 */
import { schemeName } from "../docs/auth.ts";
import { inferSamples, inferSchema, type PageRules } from "../docs/index.ts";
import { addSource, sourceRef, sourcesOf } from "../load/provenance.ts";
import { toTemplatePath } from "../normalize/path-templates.ts";
import { deepEqual } from "../openapi/json.ts";
import { getAtPointer, toPointer } from "../openapi/pointer.ts";
import { eachOperation, isObject, operationKey, type JsonObject, type Operation } from "../openapi/types.ts";
import { finding } from "../problems/finding.ts";
import { reasonPhrase } from "../docs/prose.ts";
import type { MergeContext } from "./context.ts";

export interface PageRulesSource {
  file: string;
  rules: PageRules;
}

interface Target {
  key: string;
  path: string;
  method: string;
  operation: Operation;
  /** Has a request body or a parameter other than a path one (referenced parameters resolved). */
  takesInput: boolean;
}

export function placePageRules(ctx: MergeContext, pages: readonly PageRulesSource[]): void {
  const targets = [...eachOperation(ctx.document)].map(({ path, method, operation }) => ({
    key: operationKey(method, path),
    path,
    method,
    operation,
    takesInput: takesInput(ctx, operation),
  }));
  for (const page of pages) placeAuth(ctx, page, targets);
  for (const page of pages) placeHeaders(ctx, page, targets);
  for (const page of pages) placeEnvelope(ctx, page);
  for (const page of pages) placeResponseEnvelope(ctx, page, targets);
  const rateLimited = new Set<Target>();
  for (const page of pages) for (const t of placeRateLimits(ctx, page, targets)) rateLimited.add(t);
  const rest: { page: PageRulesSource; row: PageRules["errors"][number] }[] = [];
  for (const page of pages) {
    for (const row of page.rules.errors) {
      const placed = placeNamedError(ctx, page, row, targets, rateLimited);
      if (!placed) rest.push({ page, row });
    }
  }
  // After every named placement, so "where the status is already documented" sees them all. A row
  // another page repeats with a scope goes after it: "402 payment_required … Top up." on one page
  // joins the operations that "402 payment_required … Top up to create new sessions." on another
  // put it on, instead of every operation. Rows of one table keep their order.
  const restated = rest.filter((r) => rest.some((o) => o.page !== r.page && sameError(o.row, r.row) && speaksOfScope(o.row, targets) && !speaksOfScope(r.row, targets)));
  for (const { page, row } of [...rest.filter((r) => !restated.includes(r)), ...restated]) placeUnnamedError(ctx, page, row, targets);
}

function sameError(a: Row, b: Row): boolean {
  return a.status === b.status && a.codes.length > 0 && a.codes.every((c) => b.codes.includes(c));
}

function find(targets: readonly Target[], method: string, path: string): Target | undefined {
  const template = toTemplatePath(path)
    .replace(/\{[^}]*\}/g, "{}")
    .replace(/\/+$/, "");
  return targets.find(
    (t) =>
      t.method === method &&
      toTemplatePath(t.path)
        .replace(/\{[^}]*\}/g, "{}")
        .replace(/\/+$/, "") === template,
  );
}

function names(targets: readonly Target[]): string {
  const keys = targets.map((t) => t.key);
  return keys.length > 6 ? `${keys.slice(0, 6).join(", ")} and ${keys.length - 6} more` : keys.join(", ");
}

// ---------------------------------------------------------------------------------------------
// Errors

type Row = PageRules["errors"][number];

function placeNamedError(ctx: MergeContext, page: PageRulesSource, row: Row, targets: readonly Target[], rateLimited: ReadonlySet<Target>): boolean {
  const source = sourceRef(page.file, row.line);
  if (row.operations && row.operations.length > 0) {
    const found = row.operations.map((m) => find(targets, m.method, m.path));
    const missing = row.operations.filter((_, i) => !found[i]);
    for (const m of missing) {
      ctx.findings.push(
        finding("docs-rule-unplaced", {
          sources: [{ file: page.file, line: row.line }],
          args: { fact: errorFact(row), why: `${m.method.toUpperCase()} ${m.path} is not an operation of the API` },
        }),
      );
    }
    const placed = found.filter((t): t is Target => t !== undefined);
    if (placed.length > 0) addError(ctx, row, placed, source, page.file, "the row names them");
    return true;
  }
  if (row.auth || row.status === "401" || row.status === "403") {
    const secured = targets.filter((t) => (t.operation.security === undefined ? hasGlobalSecurity(ctx) || hasAnyScheme(ctx) : t.operation.security.length > 0));
    const on = secured.length > 0 ? secured : targets;
    if (on.length === 0) return false;
    addError(
      ctx,
      row,
      on,
      source,
      page.file,
      row.auth ? "an authentication page states it for every authenticated request" : "an authentication error applies to every authenticated operation",
    );
    return true;
  }
  if (row.status === "429" && rateLimited.size > 0) {
    const creators = creatorsIfSaid(row, [...rateLimited]);
    addError(
      ctx,
      row,
      creators ?? [...rateLimited],
      source,
      page.file,
      creators ? "the rate-limited operations that create (the row speaks of creating)" : "the rate-limited operations",
    );
    return true;
  }
  return false;
}

function placeUnnamedError(ctx: MergeContext, page: PageRulesSource, row: Row, targets: readonly Target[]): void {
  const source = sourceRef(page.file, row.line);
  if (targets.length === 0) {
    ctx.findings.push(finding("docs-rule-unplaced", { sources: [{ file: page.file, line: row.line }], args: { fact: errorFact(row), why: "the API has no operations" } }));
    return;
  }
  const documented = targets.filter((t) => isObject(t.operation.responses?.[row.status]));
  if (documented.length > 0) return addError(ctx, row, documented, source, page.file, `they already document ${row.status}`);
  const withInput = inputTakersIfSaid(row, targets);
  if (withInput) return addError(ctx, row, withInput, source, page.file, "the operations that take input (the row speaks of request input)");
  const creators = creatorsIfSaid(row, targets);
  if (creators) return addError(ctx, row, creators, source, page.file, "the operations that create (the row speaks of creating)");
  addError(ctx, row, targets, source, page.file, `no operation documents ${row.status} and the row names none, so it applies to every operation`);
}

function speaksOfScope(row: Row, targets: readonly Target[]): boolean {
  return inputTakersIfSaid(row, targets) !== undefined || creatorsIfSaid(row, targets) !== undefined;
}

/**
 * "Request body is malformed.": a client-error row that speaks of request input belongs on the
 * operations that take some. "The server failed to process the request." does not speak of input.
 */
function inputTakersIfSaid(row: Row, among: readonly Target[]): Target[] | undefined {
  if (!/^4/.test(row.status)) return undefined;
  const text = `${row.codes.join(" ")} ${row.meaning ?? ""}`;
  if (!/\b(?:body|field|fields|parameters?|params?|input|payload|validation|invalid|malformed|request (?:data|format))\b/i.test(text)) return undefined;
  const takers = among.filter((t) => t.takesInput);
  return takers.length > 0 ? takers : undefined;
}

function takesInput(ctx: MergeContext, operation: Operation): boolean {
  if (isObject(operation.requestBody)) return true;
  return (operation.parameters ?? []).some((p) => {
    const param = isObject(p) && typeof p.$ref === "string" ? getAtPointer(ctx.document, p.$ref.replace(/^#/, "")) : p;
    return isObject(param) && param.in !== "path";
  });
}

/**
 * "Too many active sessions. Delete some before creating more.": a row that speaks of creating
 * belongs on the operations that create (answer 201, or are summarised as creating), if any do.
 */
function creatorsIfSaid(row: Row, among: readonly Target[]): Target[] | undefined {
  // "201 Created — a resource was created" in a table of statuses describes the status, not a scope.
  if (!/^[45]/.test(row.status)) return undefined;
  if (!/\bcreat(?:e|es|ed|ing|ion)\b/i.test(`${row.codes.join(" ")} ${row.meaning ?? ""}`)) return undefined;
  const creators = among.filter((t) => isObject(t.operation.responses?.["201"]) || /creat/i.test(`${String(t.operation.summary ?? "")} ${String(t.operation.operationId ?? "")}`));
  return creators.length > 0 ? creators : undefined;
}

function errorFact(row: Row): string {
  return row.codes.length > 0 ? `error ${row.codes.join(", ")} (${row.status})` : `status ${row.status}`;
}

function addError(ctx: MergeContext, row: Row, on: readonly Target[], source: string, file: string, why: string): void {
  for (const t of on) {
    const responses = (t.operation.responses ??= {});
    const response = (responses[row.status] ??= { description: row.meaning ?? reasonPhrase(row.status) });
    if (row.codes.length > 0) {
      const known = Array.isArray(response["x-error-codes"]) ? (response["x-error-codes"] as string[]) : [];
      response["x-error-codes"] = [...known, ...row.codes.filter((c) => !known.includes(c))];
    }
    addSource(response, source);
  }
  ctx.findings.push(
    finding("docs-rule-applied", {
      pointer: on.length === 1 ? toPointer(["paths", on[0]!.path, on[0]!.method, "responses", row.status]) : "",
      sources: [{ file, line: row.line }],
      args: { fact: errorFact(row), operations: names(on), why },
    }),
  );
}

function hasGlobalSecurity(ctx: MergeContext): boolean {
  return Array.isArray(ctx.document.security) && ctx.document.security.length > 0;
}

function hasAnyScheme(ctx: MergeContext): boolean {
  return Object.keys(ctx.document.components?.securitySchemes ?? {}).length > 0 || ctx.config.auth.scheme !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Headers every answer carries

function placeHeaders(ctx: MergeContext, page: PageRulesSource, targets: readonly Target[]): void {
  if (page.rules.headers.length === 0) return;
  const on: Target[] = [];
  for (const t of targets) {
    const success = Object.entries(t.operation.responses ?? {}).filter(([status, r]) => /^2/.test(status) && isObject(r));
    for (const [, response] of success) {
      const headers = ((response as JsonObject).headers ??= {}) as Record<string, JsonObject>;
      for (const h of page.rules.headers) {
        if (Object.keys(headers).some((k) => k.toLowerCase() === h.name.toLowerCase())) continue;
        headers[h.name] = { ...(h.description ? { description: h.description } : {}), schema: { type: "string" }, "x-source": [sourceRef(page.file, h.line)] };
      }
    }
    if (success.length > 0) on.push(t);
  }
  const first = page.rules.headers[0]!;
  if (on.length === 0) {
    ctx.findings.push(
      finding("docs-rule-unplaced", {
        sources: [{ file: page.file, line: first.line }],
        args: { fact: `response headers ${page.rules.headers.map((h) => h.name).join(", ")}`, why: "no operation documents a success answer" },
      }),
    );
    return;
  }
  ctx.findings.push(
    finding("docs-rule-applied", {
      sources: [{ file: page.file, line: first.line }],
      args: { fact: `response headers ${page.rules.headers.map((h) => h.name).join(", ")}`, operations: names(on), why: "the page states every answer carries them" },
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Rate limits

function placeRateLimits(ctx: MergeContext, page: PageRulesSource, targets: readonly Target[]): Target[] {
  const placed: Target[] = [];
  for (const limit of page.rules.rateLimits) {
    const target = find(targets, limit.mention.method, limit.mention.path);
    const fact = `rate limit${limit.limit ? ` (${limit.limit})` : ""} of ${limit.mention.method.toUpperCase()} ${limit.mention.path}`;
    if (!target) {
      ctx.findings.push(finding("docs-rule-unplaced", { sources: [{ file: page.file, line: limit.line }], args: { fact, why: "the document has no such operation" } }));
      continue;
    }
    const responses = (target.operation.responses ??= {});
    const response = (responses["429"] ??= { description: reasonPhrase("429") });
    addSource(response, sourceRef(page.file, limit.line));
    if (page.rules.retryAfter !== undefined) {
      const headers = (response.headers ??= {}) as Record<string, JsonObject>;
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "retry-after")) {
        headers["Retry-After"] = { description: "Seconds to wait before retrying.", schema: { type: "integer" }, "x-source": [sourceRef(page.file, page.rules.retryAfter)] };
      }
    }
    placed.push(target);
    ctx.findings.push(
      finding("docs-rule-applied", {
        pointer: toPointer(["paths", target.path, target.method, "responses", "429"]),
        sources: [{ file: page.file, line: limit.line }, ...(page.rules.retryAfter !== undefined ? [{ file: page.file, line: page.rules.retryAfter }] : [])],
        args: { fact: `${fact}: 429${page.rules.retryAfter !== undefined ? " with Retry-After" : ""}`, operations: target.key, why: "the rate-limit table names it" },
      }),
    );
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------
// Error envelope and authentication

function placeEnvelope(ctx: MergeContext, page: PageRulesSource): void {
  const envelope = page.rules.envelope;
  if (!envelope || ctx.errorEnvelope) return;
  const codePointer = findCodePointer(envelope.value);
  if (!codePointer) return;
  const schema = inferSchema([envelope.value], { formats: false });
  addSource(schema, sourceRef(page.file, envelope.line));
  ctx.errorEnvelope = { schema, codePointer, source: { file: page.file, line: envelope.line } };
  ctx.findings.push(
    finding("docs-rule-applied", {
      sources: [{ file: page.file, line: envelope.line }],
      args: {
        fact: `the error envelope (code at ${codePointer})`,
        operations: "every documented error response without a body",
        why: ctx.config.errors ? "api.yaml errors takes precedence where both say" : "the page shows the body every error has",
      },
    }),
  );
}

/**
 * The body every answer is wrapped in: its members join each operation's success body (a member
 * the operation already documents keeps its own schema, gaining only the values the envelope
 * lists). Members the example marks as error-only ("// Only set if status is "error"") are left out.
 */
function placeResponseEnvelope(ctx: MergeContext, page: PageRulesSource, targets: readonly Target[]): void {
  const envelope = page.rules.responseEnvelope;
  if (!envelope || !isObject(envelope.value)) return;
  const children = envelope.at.children ?? new Map();
  const keys = Object.keys(envelope.value).filter((k) => !/\bonly\b[^.]*\b(?:error|fail)/i.test(children.get(k)?.comment ?? ""));
  const schema = inferSamples([{ value: Object.fromEntries(keys.map((k) => [k, (envelope.value as JsonObject)[k]])), at: envelope.at, partial: true }], { formats: false });
  const members = (schema.properties ?? {}) as Record<string, JsonObject>;
  const source = sourceRef(page.file, envelope.line);
  const on: Target[] = [];
  for (const t of targets) {
    for (const [status, response] of Object.entries(t.operation.responses ?? {})) {
      if (!/^2/.test(status) || !isObject(response) || !isObject(response.content)) continue;
      for (const [type, media] of Object.entries(response.content)) {
        if (!/json/.test(type) || !isObject(media) || !isObject(media.schema) || media.schema.type !== "object") continue;
        const props = (media.schema.properties ??= {}) as Record<string, JsonObject>;
        for (const [name, member] of Object.entries(members)) {
          const mine = props[name];
          if (!mine) props[name] = { ...structuredClone(member), "x-source": [source] };
          else if (Array.isArray(member.enum) && mine.enum === undefined && mine.type === member.type) {
            mine.enum = [...(member.enum as unknown[])];
            addSource(mine, source);
          }
        }
        if (!on.includes(t)) on.push(t);
      }
    }
  }
  if (on.length === 0) return;
  ctx.findings.push(
    finding("docs-rule-applied", {
      sources: [{ file: page.file, line: envelope.line }],
      args: { fact: `the response envelope (${keys.join(", ")})`, operations: names(on), why: "the page states every answer has it" },
    }),
  );
}

/** The pointer of the error code in an envelope: the first string member named like a code. */
function findCodePointer(value: unknown, path: string[] = []): string | undefined {
  if (!isObject(value)) return undefined;
  for (const key of ["code", "error_code", "errorCode", "type", "error"]) {
    if (typeof value[key] === "string") return toPointer([...path, key]);
  }
  for (const [key, child] of Object.entries(value)) {
    const inner = findCodePointer(child, [...path, key]);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The schemes a page documents, each registered (or matched with one the API declares). Schemes
 * stated on one line ("the token in `X-Auth-Token` and your id in `X-User-Id`") are required
 * together; the first such requirement applies to every operation that states no security.
 */
function placeAuth(ctx: MergeContext, page: PageRulesSource, targets: readonly Target[]): void {
  const byLine = new Map<number, JsonObject[]>();
  for (const { scheme, line } of page.rules.auth) {
    const group = byLine.get(line) ?? [];
    if (!group.some((s) => deepEqual(s, scheme))) group.push(scheme);
    byLine.set(line, group);
  }
  const requirements: { names: string[]; line: number }[] = [];
  const registered = new Set<string>();
  for (const [line, group] of byLine) {
    const names: string[] = [];
    for (const scheme of group) {
      const name = registerScheme(ctx, page, scheme, line);
      if (name) names.push(name);
    }
    const key = [...names].sort().join("+");
    if (names.length > 0 && !registered.has(key)) {
      registered.add(key);
      requirements.push({ names, line });
    }
  }
  const first = requirements[0];
  if (!first) return;
  let applied = 0;
  for (const t of targets) {
    if (t.operation.security !== undefined) continue;
    t.operation.security = [Object.fromEntries(first.names.map((n) => [n, []]))];
    applied++;
  }
  if (applied > 0) {
    ctx.findings.push(
      finding("docs-rule-applied", {
        sources: [{ file: page.file, line: first.line }],
        args: {
          fact: `authentication with ${first.names.join(" and ")}`,
          operations: `${applied} operation(s) that state no security`,
          why: "the page documents how every request authenticates",
        },
      }),
    );
  }
}

/** The scheme's name in components.securitySchemes: one the API already has, or a new one; undefined on a conflict. */
function registerScheme(ctx: MergeContext, page: PageRulesSource, scheme: JsonObject, line: number): string | undefined {
  const components = (ctx.document.components ??= {});
  const schemes = (components.securitySchemes ??= {}) as Record<string, JsonObject>;
  const existing = Object.entries(schemes).find(([, s]) => sameScheme(s, scheme));
  if (existing) {
    addSource(existing[1], sourceRef(page.file, line));
    ctx.findings.push(
      finding("docs-rule-applied", {
        sources: [{ file: page.file, line }],
        args: { fact: `authentication ${describe(scheme)}`, operations: `scheme ${existing[0]}`, why: "it agrees with the scheme the API already declares" },
      }),
    );
    return existing[0];
  }
  const declared = ctx.config.auth.scheme;
  const name = declared && !schemes[declared] ? declared : schemeName(scheme);
  if (schemes[name]) {
    ctx.findings.push(
      finding("source-conflict", {
        pointer: toPointer(["components", "securitySchemes", name]),
        sources: [...sourcesOf(schemes[name]).map((s) => ({ file: s.replace(/:\d+$/, ""), line: Number(/:(\d+)$/.exec(s)?.[1]) || undefined })), { file: page.file, line }],
        args: { what: `security scheme ${name}`, detail: `the API declares ${describe(schemes[name]!)}, ${page.file} documents ${describe(scheme)}` },
      }),
    );
    return undefined;
  }
  schemes[name] = { ...scheme, "x-source": [sourceRef(page.file, line)] };
  ctx.findings.push(
    finding("docs-rule-applied", {
      pointer: toPointer(["components", "securitySchemes", name]),
      sources: [{ file: page.file, line }],
      args: { fact: `authentication ${describe(scheme)} as scheme ${name}`, operations: "the document's security schemes", why: "the page documents it" },
    }),
  );
  return name;
}

function sameScheme(a: JsonObject, b: JsonObject): boolean {
  if (a.type !== b.type) return false;
  if (a.type === "http") return String(a.scheme).toLowerCase() === String(b.scheme).toLowerCase();
  return a.in === b.in && String(a.name).toLowerCase() === String(b.name).toLowerCase();
}

function describe(scheme: JsonObject): string {
  return scheme.type === "http" ? `HTTP ${String(scheme.scheme)}` : `API key in ${String(scheme.in)} ${String(scheme.name)}`;
}
