import { Document, isSeq } from "yaml";
import { inferSchema } from "../docs/infer-schema.ts";
import { isJsonMediaType } from "../openapi/media-types.ts";
import { joinPointer, parsePointer } from "../openapi/pointer.ts";
import { isObject } from "../openapi/types.ts";
import type { DriftRuleId } from "../problems/rules.ts";
import type { DriftFinding } from "./finding.ts";
import type { DocumentIndex } from "./schema-index.ts";

interface Action {
  target: string;
  description: string;
  update?: unknown;
  remove?: true;
  evidence: string[];
}

/**
 * "$.components.schemas.SessionInfo.properties.bytes_up" for a document pointer. With the document,
 * array steps become index selectors (`allOf[1]`): a name selector selects nothing in an array.
 */
export function jsonPathOf(pointer: string, doc?: unknown): string {
  let node: unknown = doc;
  return (
    "$" +
    parsePointer(pointer)
      .map((s) => {
        const inArray = Array.isArray(node);
        node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[s] : undefined;
        if (inArray && /^\d+$/.test(s)) return `[${s}]`;
        return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `['${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
      })
      .join("")
  );
}

function evidenceOf(f: DriftFinding): string {
  const where = f.args.bodyPointer ? ` at ${f.args.bodyPointer}` : "";
  return `${f.args.operation} ${f.args.status}${where}: ${f.rule}, observed ${f.args.observed} (${f.occurrences} answer${f.occurrences === 1 ? "" : "s"})`;
}

function parent(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

function lastSegment(pointer: string): string {
  const segments = parsePointer(pointer);
  return segments[segments.length - 1] ?? "";
}

/** The overlay being built: actions by key (merged when several findings ask for the same one), and what is left as it is. */
class OverlayBuilder {
  readonly actions = new Map<string, Action>();
  readonly skipped: string[] = [];
  readonly #index: DocumentIndex;

  constructor(index: DocumentIndex) {
    this.#index = index;
  }

  /** The JSONPath of a document pointer (index selectors inside arrays). */
  path(pointer: string): string {
    return jsonPathOf(pointer, this.#index.doc);
  }

  /** The document node a finding's spec pointer names. */
  node(pointer: string): unknown {
    return this.#index.resolve("#" + pointer);
  }

  /** Adds the action under `key`, or adds the evidence to the one already there (and lets `merge` extend it). */
  add(key: string, make: () => Omit<Action, "evidence">, evidence: string, merge?: (a: Action) => void): void {
    const existing = this.actions.get(key);
    if (existing) {
      if (!existing.evidence.includes(evidence)) existing.evidence.push(evidence);
      merge?.(existing);
    } else {
      this.actions.set(key, { ...make(), evidence: [evidence] });
    }
  }

  skip(evidence: string, why: string): void {
    this.skipped.push(`${evidence} — ${why}`);
  }
}

type Reconcile = (b: OverlayBuilder, f: DriftFinding, evidence: string, samples: ReadonlyMap<string, unknown>) => void;

/** A schema for what was observed, when the body was JSON; otherwise the media type is documented without one. */
function observedMedia(media: string, sample: unknown): Record<string, unknown> {
  return sample !== undefined && isJsonMediaType(media) ? { schema: inferSchema([sample], { required: false, formats: false }) } : {};
}

const addToList = (field: string, value: unknown) => (a: Action) => {
  const list = (a.update as Record<string, unknown[]>)[field]!;
  if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
};

/** How each reconcilable rule is described in the overlay; the other rules are listed in its header. */
const RECONCILE: Partial<Record<DriftRuleId, Reconcile>> = {
  "undocumented-field": (b, f, evidence) => {
    const prop = { [lastSegment(f.args.bodyPointer)]: { type: f.observedType ?? "string", description: `Observed by the drift check; not in the vendor's documentation.` } };
    b.add(
      `field ${f.pointer}`,
      () => ({ target: b.path(f.pointer), description: "Properties the API sends that no schema described (observed by driftless drift).", update: { properties: { ...prop } } }),
      evidence,
      (a) => Object.assign((a.update as { properties: object }).properties, prop),
    );
  },

  "type-mismatch": (b, f, evidence) => {
    const node = b.node(f.pointer);
    const current = isObject(node) ? node.type : undefined;
    const observed = f.observedType ?? "string";
    const widen = (type: string[]) => ({ target: b.path(f.pointer), description: "Widen the type to what the API sends (observed by driftless drift).", update: { type } });
    if (typeof current === "string") {
      b.add(
        `type-1-remove ${f.pointer}`,
        () => ({
          target: b.path(joinPointer(f.pointer, "type")),
          description: "Drop the single type before widening it (an update cannot turn a string into a list).",
          remove: true,
        }),
        evidence,
      );
      b.add(`type-2-widen ${f.pointer}`, () => widen([current, observed]), evidence, addToList("type", observed));
    } else if (Array.isArray(current)) {
      b.add(`type-2-widen ${f.pointer}`, () => widen([observed]), evidence, addToList("type", observed));
    } else b.skip(evidence, "the schema has no type to widen");
  },

  "enum-mismatch": (b, f, evidence) => {
    let value: unknown;
    try {
      value = JSON.parse(f.args.observed);
    } catch {
      return b.skip(evidence, "the value is redacted or too long to copy");
    }
    const node = b.node(f.pointer);
    if (!isObject(node) || !Array.isArray(node.enum)) return b.skip(evidence, "the schema has no enum to extend");
    b.add(
      `enum ${f.pointer}`,
      () => ({ target: b.path(f.pointer), description: "Add the values the API sends to the enum (observed by driftless drift).", update: { enum: [value] } }),
      evidence,
      addToList("enum", value),
    );
  },

  "format-mismatch": (b, f, evidence) => {
    b.add(
      `format ${f.pointer}`,
      () => ({ target: b.path(joinPointer(f.pointer, "format")), description: "The API's values do not have this format; drop it (observed by driftless drift).", remove: true }),
      evidence,
    );
  },

  "missing-required-field": (b, f, evidence) => {
    const name = lastSegment(f.args.bodyPointer);
    const objectSchema = f.pointer.endsWith("/required") ? parent(f.pointer) : parent(parent(f.pointer));
    b.add(
      `required ${objectSchema} ${name}`,
      () => ({
        target: `${b.path(joinPointer(objectSchema, "required"))}[?@ == '${name.replace(/'/g, "\\'")}']`,
        description: `The API leaves ${name} out; make it optional (observed by driftless drift).`,
        remove: true,
      }),
      evidence,
    );
  },

  "undocumented-status": (b, f, evidence, samples) => {
    const status = String(f.args.status);
    const sample = samples.get(f.fingerprint);
    const response: Record<string, unknown> = { description: `Answered by the API; not in the vendor's documentation (observed by driftless drift).` };
    // The answers' own media types (HTML, plain text, …); a JSON body without a Content-Type is described as JSON.
    if (f.args.mediaType) response.content = Object.fromEntries((f.mediaTypes ?? [f.args.mediaType]).map((m) => [m, observedMedia(m, sample)]));
    else if (sample !== undefined) response.content = { "application/json": observedMedia("application/json", sample) };
    b.add(
      `status ${f.pointer} ${status}`,
      () => ({ target: b.path(f.pointer), description: `Document the ${status} answer the API gives (observed by driftless drift).`, update: { [status]: response } }),
      evidence,
    );
  },

  "undocumented-content-type": (b, f, evidence, samples) => {
    const media = f.args.mediaType;
    if (!media) return b.skip(evidence, "the answer had no Content-Type to document");
    const responsePointer = f.pointer.endsWith("/content") ? parent(f.pointer) : f.pointer;
    b.add(
      `media ${responsePointer} ${media}`,
      () => ({
        target: b.path(responsePointer),
        description: `Document the ${media} answers the API sends (observed by driftless drift).`,
        update: { content: { [media]: observedMedia(media, samples.get(f.fingerprint)) } },
      }),
      evidence,
    );
  },
};

/**
 * An OpenAPI Overlay 1.0 document that, applied by `generate` (put it in specs/<api>/overlays/),
 * makes the canonical document describe what the drift check observed: undocumented properties
 * added with their observed type, types widened, enum values and statuses and media types added,
 * failing formats dropped, missing properties made optional. Each action says in a comment what
 * was observed. Server errors, malformed bodies and broken constraints are listed in the header:
 * describing them would not make them right.
 */
export function writeOverlay(api: string, findings: readonly DriftFinding[], index: DocumentIndex, samples: ReadonlyMap<string, unknown>): string {
  const builder = new OverlayBuilder(index);
  for (const f of findings) {
    const evidence = evidenceOf(f);
    const reconcile = RECONCILE[f.rule];
    if (reconcile) reconcile(builder, f, evidence, samples);
    else builder.skip(evidence, "not reconcilable by describing it");
  }
  return renderOverlay(api, builder);
}

/** The overlay as YAML: a header saying what it is and what was not reconciled, each action commented with its evidence. */
function renderOverlay(api: string, builder: OverlayBuilder): string {
  // Sorted by key: stable output, and "type-1-remove" comes before the "type-2-widen" that rebuilds the node.
  const ordered = [...builder.actions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
  const doc = new Document({
    overlay: "1.0.0",
    info: { title: `Drift observed in ${api}`, version: "1.0.0" },
    actions: ordered.map((a) => ({ target: a.target, description: a.description, ...(a.remove ? { remove: true } : { update: a.update }) })),
  });
  const header = [
    ` Written by 'driftless drift --write-overlay' for ${api}: what the live API does that the canonical`,
    ` document does not say. Review each action, then copy it to specs/${api}/overlays/ and run`,
    ` 'npm run generate' — or report the drift to the vendor and leave the document as it is.`,
  ];
  if (builder.skipped.length) header.push("", " Not reconciled (describing these would not make them right):", ...builder.skipped.sort().map((s) => `   ${s}`));
  doc.commentBefore = header.join("\n");
  const seq = doc.get("actions");
  if (isSeq(seq)) {
    seq.items.forEach((item, i) => {
      (item as { commentBefore?: string }).commentBefore = ordered[i]!.evidence.sort()
        .map((e) => ` ${e}`)
        .join("\n");
    });
  }
  return doc.toString({ lineWidth: 0 });
}
