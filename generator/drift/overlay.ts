import { Document, isSeq } from "yaml";
import { inferSchema } from "../docs/infer-schema.ts";
import { parsePointer } from "../openapi/pointer.ts";
import { isObject } from "../openapi/types.ts";
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
  const where = f.pointer ? ` at ${f.pointer}` : "";
  return `${f.operation} ${f.status}${where}: ${f.rule}, observed ${f.observed} (${f.occurrences} answer${f.occurrences === 1 ? "" : "s"})`;
}

function parent(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

function lastSegment(pointer: string): string {
  const segments = parsePointer(pointer);
  return segments[segments.length - 1] ?? "";
}

/**
 * An OpenAPI Overlay 1.0 document that, applied by `generate` (put it in specs/<api>/overlays/),
 * makes the canonical document describe what the drift check observed: undocumented properties
 * added with their observed type, types widened, enum values and statuses and media types added,
 * failing formats dropped, missing properties made optional. Each action says in a comment what
 * was observed. Server errors, malformed bodies and broken constraints are listed in the header:
 * describing them would not make them right.
 */
export function writeOverlay(api: string, findings: readonly DriftFinding[], index: DocumentIndex, samples: Map<string, unknown>): string {
  const path = (pointer: string) => jsonPathOf(pointer, index.doc);
  const actions = new Map<string, Action>();
  const skipped: string[] = [];
  const add = (key: string, make: () => Action, evidence: string, merge?: (a: Action) => void) => {
    const existing = actions.get(key);
    if (existing) {
      if (!existing.evidence.includes(evidence)) existing.evidence.push(evidence);
      merge?.(existing);
    } else {
      const action = make();
      action.evidence.push(evidence);
      actions.set(key, action);
    }
  };

  for (const f of findings) {
    const evidence = evidenceOf(f);
    const node = index.resolve("#" + f.spec.pointer);
    switch (f.rule) {
      case "undocumented-field": {
        const name = lastSegment(f.pointer);
        const prop = { [name]: { type: f.observedType ?? "string", description: `Observed by the drift check; not in the vendor's documentation.` } };
        add(
          `field ${f.spec.pointer}`,
          () => ({ target: path(f.spec.pointer), description: "Properties the API sends that no schema described (observed by driftless drift).", update: { properties: { ...prop } }, evidence: [] }),
          evidence,
          (a) => Object.assign((a.update as { properties: object }).properties, prop),
        );
        break;
      }
      case "type-mismatch": {
        const current = isObject(node) ? node.type : undefined;
        const observed = f.observedType ?? "string";
        if (typeof current === "string") {
          add(`type-1-remove ${f.spec.pointer}`, () => ({ target: path(`${f.spec.pointer}/type`), description: "Drop the single type before widening it (an update cannot turn a string into a list).", remove: true, evidence: [] }), evidence);
          add(
            `type-2-widen ${f.spec.pointer}`,
            () => ({ target: path(f.spec.pointer), description: "Widen the type to what the API sends (observed by driftless drift).", update: { type: [current, observed] }, evidence: [] }),
            evidence,
            (a) => {
              const list = (a.update as { type: string[] }).type;
              if (!list.includes(observed)) list.push(observed);
            },
          );
        } else if (Array.isArray(current)) {
          add(
            `type-2-widen ${f.spec.pointer}`,
            () => ({ target: path(f.spec.pointer), description: "Widen the type to what the API sends (observed by driftless drift).", update: { type: [observed] }, evidence: [] }),
            evidence,
            (a) => {
              const list = (a.update as { type: string[] }).type;
              if (!list.includes(observed)) list.push(observed);
            },
          );
        } else skipped.push(`${evidence} — the schema has no type to widen`);
        break;
      }
      case "enum-mismatch": {
        let value: unknown;
        try {
          value = JSON.parse(f.observed);
        } catch {
          skipped.push(`${evidence} — the value is redacted or too long to copy`);
          break;
        }
        if (!isObject(node) || !Array.isArray(node.enum)) {
          skipped.push(`${evidence} — the schema has no enum to extend`);
          break;
        }
        add(
          `enum ${f.spec.pointer}`,
          () => ({ target: path(f.spec.pointer), description: "Add the values the API sends to the enum (observed by driftless drift).", update: { enum: [value] }, evidence: [] }),
          evidence,
          (a) => {
            const list = (a.update as { enum: unknown[] }).enum;
            if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
          },
        );
        break;
      }
      case "format-mismatch":
        add(`format ${f.spec.pointer}`, () => ({ target: path(`${f.spec.pointer}/format`), description: "The API's values do not have this format; drop it (observed by driftless drift).", remove: true, evidence: [] }), evidence);
        break;
      case "missing-required-field": {
        const name = lastSegment(f.pointer);
        const objectSchema = f.spec.pointer.endsWith("/required") ? parent(f.spec.pointer) : parent(parent(f.spec.pointer));
        add(
          `required ${objectSchema} ${name}`,
          () => ({ target: `${path(`${objectSchema}/required`)}[?@ == '${name.replace(/'/g, "\\'")}']`, description: `The API leaves ${name} out; make it optional (observed by driftless drift).`, remove: true, evidence: [] }),
          evidence,
        );
        break;
      }
      case "undocumented-status": {
        const status = String(f.status);
        const sample = samples.get(f.fingerprint);
        const media = f.mediaType ?? "application/json";
        const response: Record<string, unknown> = { description: `Answered by the API; not in the vendor's documentation (observed by driftless drift).` };
        if (sample !== undefined) response.content = { [media]: { schema: inferSchema([sample], { required: false, formats: false }) } };
        else if (f.mediaType) response.content = { [media]: {} };
        add(`status ${f.spec.pointer} ${status}`, () => ({ target: path(f.spec.pointer), description: `Document the ${status} answer the API gives (observed by driftless drift).`, update: { [status]: response }, evidence: [] }), evidence);
        break;
      }
      case "undocumented-content-type": {
        const media = f.mediaType;
        if (!media) {
          skipped.push(`${evidence} — the answer had no Content-Type to document`);
          break;
        }
        const responsePointer = f.spec.pointer.endsWith("/content") ? parent(f.spec.pointer) : f.spec.pointer;
        const sample = samples.get(f.fingerprint);
        const entry = sample !== undefined && media.endsWith("json") ? { schema: inferSchema([sample], { required: false, formats: false }) } : {};
        add(`media ${responsePointer} ${media}`, () => ({ target: path(responsePointer), description: `Document the ${media} answers the API sends (observed by driftless drift).`, update: { content: { [media]: entry } }, evidence: [] }), evidence);
        break;
      }
      default:
        skipped.push(`${evidence} — not reconcilable by describing it`);
    }
  }

  // Sorted by key: stable output, and "type-1-remove" comes before the "type-2-widen" that rebuilds the node.
  const ordered = [...actions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
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
  if (skipped.length) header.push("", " Not reconciled (describing these would not make them right):", ...skipped.sort().map((s) => `   ${s}`));
  doc.commentBefore = header.join("\n");
  const seq = doc.get("actions");
  if (isSeq(seq)) {
    seq.items.forEach((item, i) => {
      (item as { commentBefore?: string }).commentBefore = ordered[i]!.evidence.sort().map((e) => ` ${e}`).join("\n");
    });
  }
  return doc.toString({ lineWidth: 0 });
}
