import { addSource, sourcesOf } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { clone } from "../openapi/json.ts";
import { joinPointer, toPointer } from "../openapi/pointer.ts";
import { eachOperation, isObject, operationKey, X_STATUS_ASSUMED, type JsonObject, type Operation } from "../openapi/types.ts";
import { finding, type SourceLocation } from "../problems/finding.ts";
import { prefers, ruleFor, settledByRule, type MergeContext, type SourceDocument } from "./context.ts";
import { foldSchema } from "./fold-schema.ts";

const locs = (node: unknown): SourceLocation[] => sourcesOf(node).map(parseSourceRef);

/**
 * Folds one converted markdown page into the merged document: operations only the docs have are
 * added; for the others, parameters, request and response bodies, error codes and examples are
 * folded in, and what contradicts the fragments becomes a finding.
 */
export function foldDocs(ctx: MergeContext, page: SourceDocument): void {
  const paths = (ctx.document.paths ??= {});
  for (const { path, method, operation } of eachOperation(page.doc)) {
    const pointer = toPointer(["paths", path, method]);
    const item = (paths[path] ??= {});
    const existing = item[method];
    if (!existing) {
      item[method] = clone(operation);
      ctx.findings.push(finding("docs-operation-added", { pointer, sources: locs(operation), args: { operation: operationKey(method, path) } }));
      continue;
    }
    const site = { ctx, file: page.file, pointer, name: operationKey(method, path) };
    foldText(existing, operation);
    foldParameters(site, existing, operation);
    foldRequestBody(site, existing, operation);
    foldResponses(site, existing, operation);
    addSource(existing, ...sourcesOf(operation));
  }
}

interface OperationSite {
  ctx: MergeContext;
  file: string;
  pointer: string;
  name: string;
}

function foldText(target: JsonObject, docs: JsonObject): void {
  for (const key of ["summary", "description"]) {
    if (target[key] === undefined && typeof docs[key] === "string") target[key] = docs[key];
  }
}

function foldParameters(site: OperationSite, target: Operation, docs: Operation): void {
  for (const param of docs.parameters ?? []) {
    if (!isObject(param)) continue;
    const list = (target.parameters ??= []);
    const index = list.findIndex((p) => isObject(p) && p.name === param.name && p.in === param.in);
    if (index === -1) {
      list.push(clone(param));
      site.ctx.findings.push(
        finding("docs-parameter-added", {
          pointer: joinPointer(site.pointer, "parameters", list.length - 1),
          sources: locs(param),
          args: { name: `${String(param.in)} ${String(param.name)}`, operation: site.name },
        }),
      );
      continue;
    }
    const existing = list[index]!;
    foldText(existing, param);
    addSource(existing, ...sourcesOf(param));
    if (isObject(param.schema) && isObject(existing.schema)) {
      foldSchema(site.ctx, existing.schema, param.schema, {
        pointer: joinPointer(site.pointer, "parameters", index, "schema"),
        what: `parameter ${String(param.name)} of ${site.name}`,
        docsFile: site.file,
      });
    }
  }
}

/** Folds each media type of a docs body (request or response) into the target's. */
function foldContent(site: OperationSite, target: JsonObject, docs: JsonObject, pointer: string, what: string): void {
  if (!isObject(docs.content)) return;
  const content = (target.content ??= {}) as Record<string, JsonObject>;
  for (const [type, media] of Object.entries(docs.content)) {
    if (!isObject(media)) continue;
    const at = joinPointer(pointer, "content", type);
    const existing = content[type];
    if (!existing) {
      content[type] = clone(media);
      site.ctx.findings.push(finding("docs-fact-folded", { pointer: at, sources: locs(docs), args: { fact: `media type ${type} of ${what}` } }));
      continue;
    }
    if (isObject(media.schema)) {
      if (isObject(existing.schema)) {
        foldSchema(site.ctx, existing.schema, media.schema, { pointer: joinPointer(at, "schema"), what, docsFile: site.file, docsSources: locs(docs) });
      } else existing.schema = clone(media.schema);
    }
    if (media.example !== undefined && existing.example === undefined) {
      existing.example = clone(media.example);
      site.ctx.findings.push(finding("docs-example-added", { pointer: joinPointer(at, "example"), sources: locs(docs), args: { what } }));
    }
  }
}

function foldRequestBody(site: OperationSite, target: Operation, docs: Operation): void {
  if (!isObject(docs.requestBody)) return;
  const pointer = joinPointer(site.pointer, "requestBody");
  if (!isObject(target.requestBody)) {
    target.requestBody = clone(docs.requestBody);
    site.ctx.findings.push(finding("docs-fact-folded", { pointer, sources: locs(docs.requestBody), args: { fact: `request body of ${site.name}` } }));
    return;
  }
  foldText(target.requestBody, docs.requestBody);
  foldContent(site, target.requestBody, docs.requestBody, pointer, `request body of ${site.name}`);
  addSource(target.requestBody, ...sourcesOf(docs.requestBody));
}

const isSuccess = (status: string) => /^2\d\d$/.test(status) || status === "2XX";

/**
 * A docs answer whose status the page did not state (x-status-assumed, kept as 200) is the
 * answer another source documents: with one success status there, it folds into that one.
 */
function placeAssumedStatus(site: OperationSite, responses: Record<string, JsonObject>, docsResponses: Record<string, JsonObject>): void {
  for (const [status, response] of Object.entries(docsResponses)) {
    if (!isObject(response) || response[X_STATUS_ASSUMED] !== true) continue;
    const ours = Object.keys(responses).filter(isSuccess);
    delete response[X_STATUS_ASSUMED];
    if (ours.length !== 1 || ours[0] === status) continue;
    const to = ours[0]!;
    delete docsResponses[status];
    docsResponses[to] = { ...(docsResponses[to] ?? {}), ...response };
    site.ctx.findings.push(
      finding("docs-fact-folded", {
        pointer: joinPointer(site.pointer, "responses", to),
        sources: locs(response),
        args: { fact: `the answer the docs show without a status, as the ${to} answer ${site.name} documents` },
      }),
    );
  }
}

function foldResponses(site: OperationSite, target: Operation, docs: Operation): void {
  const docsResponses = docs.responses ?? {};
  const responses = (target.responses ??= {});
  const pointer = joinPointer(site.pointer, "responses");
  placeAssumedStatus(site, responses, docsResponses);
  const ours = Object.keys(responses).filter(isSuccess);
  const theirs = Object.keys(docsResponses).filter(isSuccess);
  if (ours.length > 0 && theirs.length > 0 && !theirs.some((s) => ours.includes(s))) {
    const sources = [...ours.flatMap((s) => locs(responses[s])), ...theirs.flatMap((s) => locs(docsResponses[s]))];
    const what = `success status of ${site.name}`;
    const detail = `the fragments document ${ours.join(", ")}, the docs ${theirs.join(", ")}`;
    const rule = ruleFor(site.ctx, pointer);
    if (rule?.prefer) {
      // The preferred side's success statuses stay; the other side's are dropped.
      if (prefers(rule, site.file)) for (const status of ours) delete responses[status];
      site.ctx.findings.push(settledByRule(rule, { pointer, sources, what, detail }));
      if (!prefers(rule, site.file)) for (const status of theirs) delete (docsResponses as Record<string, unknown>)[status];
    } else {
      site.ctx.findings.push(finding("source-conflict", { pointer, sources, args: { what, detail } }));
    }
  }
  for (const [status, response] of Object.entries(docsResponses)) {
    if (!isObject(response)) continue;
    const existing = responses[status];
    const codes = response["x-error-codes"];
    if (!existing) {
      responses[status] = clone(response);
      site.ctx.findings.push(
        finding("docs-response-added", {
          pointer: joinPointer(pointer, status),
          sources: locs(response),
          args: { status, operation: site.name, codes: Array.isArray(codes) ? codes : undefined },
        }),
      );
      continue;
    }
    if (Array.isArray(codes)) {
      const known = Array.isArray(existing["x-error-codes"]) ? (existing["x-error-codes"] as string[]) : [];
      existing["x-error-codes"] = [...known, ...codes.filter((c) => !known.includes(c))];
      site.ctx.findings.push(
        finding("docs-fact-folded", {
          pointer: joinPointer(pointer, status),
          sources: [...locs(existing), ...locs(response)],
          args: { fact: `error codes ${codes.join(", ")} of ${status} ${site.name}` },
        }),
      );
    }
    foldContent(site, existing, response, joinPointer(pointer, status), `${status} response of ${site.name}`);
    addSource(existing, ...sourcesOf(response));
  }
}

/**
 * An API documented only in markdown still needs `info` and `servers`: api.yaml's when it has
 * them, else the page's title (or the API id when several pages have titles) and the origins its
 * full URLs name. Each choice is reported.
 */
export function documentFieldsFromDocs(ctx: MergeContext, pages: readonly SourceDocument[]): void {
  if (pages.length === 0) return;
  if (!isObject(ctx.document.info)) {
    const titled = pages.filter((p) => isObject(p.doc.info) && typeof p.doc.info.title === "string");
    const title = ctx.config.info?.title ?? (titled.length === 1 ? String(titled[0]!.doc.info!.title) : ctx.config.id);
    ctx.document.info = { title, version: ctx.config.info?.version ?? "0.0.0", ...(ctx.config.info?.description ? { description: ctx.config.info.description } : {}) };
    ctx.findings.push(
      finding("docs-fact-folded", {
        pointer: "/info",
        sources: titled.length === 1 ? [{ file: titled[0]!.file }] : [],
        args: { fact: `info.title "${title}" (no fragment states info)` },
      }),
    );
  }
  if (!Array.isArray(ctx.document.servers) || ctx.document.servers.length === 0) {
    const urls: string[] = [];
    const from: SourceLocation[] = [];
    for (const page of pages) {
      for (const server of Array.isArray(page.doc.servers) ? page.doc.servers : []) {
        if (isObject(server) && typeof server.url === "string" && !urls.includes(server.url)) {
          urls.push(server.url);
          from.push({ file: page.file });
        }
      }
    }
    if (urls.length > 0) {
      ctx.document.servers = urls.map((url) => ({ url }));
      ctx.findings.push(
        finding("docs-fact-folded", {
          pointer: "/servers",
          sources: from,
          args: { fact: `servers ${urls.join(", ")} (the hosts of the docs' full URLs; declare servers in api.yaml to choose)` },
        }),
      );
    }
  }
}
