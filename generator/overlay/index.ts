/**
 * The overlay stage: curated corrections (OpenAPI Overlay 1.0 documents in
 * specs/<api>/overlays/*.yaml) applied last, in order, to a copy of the merged document.
 *
 * Every problem is collected as a finding (invalid overlays, targets that match nothing,
 * incompatible updates) and every change is recorded twice: as an `overlay-applied` finding and
 * as an AppliedAction for reports. See merge.ts for the update semantics and for which objects
 * receive the action's location in `x-source`.
 */
import type { YamlSource } from "../load/yaml-source.ts";
import { finding, formatLocation, type Finding, type SourceLocation } from "../problems/finding.ts";
import type { OpenApiDocument } from "../openapi/types.ts";
import { getAtPointer, parsePointer } from "../openapi/pointer.ts";
import { evaluateJsonPath } from "./jsonpath.ts";
import { applyUpdate, checkUpdate, copyJson } from "./merge.ts";
import { validateOverlay, type OverlayAction } from "./validate.ts";

export { queryJsonPath, parseJsonPath, JsonPathSyntaxError } from "./jsonpath.ts";

export interface AppliedAction {
  /** The overlay file and the line of the action. */
  source: SourceLocation;
  /** The action's description. */
  reason: string;
  kind: "update" | "remove";
  target: string;
  /** JSON pointers in the document the action touched: the targets, in document order (before removal, for remove). */
  pointers: string[];
  /**
   * For updates: the pointer of every value the update wrote (each target joined with each leaf of
   * the update object), so a conflict is settled only by an action that writes where it lies.
   */
  written: string[];
}

export interface OverlayResult {
  document: OpenApiDocument;
  findings: Finding[];
  actions: AppliedAction[];
}

/**
 * Applies `overlays` in order, and each overlay's actions in order, each to the result of the
 * previous one. The input document (and the overlays' values) are never mutated.
 */
export function applyOverlays(document: OpenApiDocument, overlays: YamlSource[]): OverlayResult {
  const doc = copyJson(document);
  const findings: Finding[] = [];
  const actions: AppliedAction[] = [];

  for (const overlay of overlays) {
    const validated = validateOverlay(overlay);
    findings.push(...validated.findings);
    if (!validated.usable) continue;
    for (const action of validated.actions) {
      const applied = applyAction(doc, action, findings);
      if (applied) actions.push(applied);
    }
  }
  return { document: doc, findings, actions };
}

function applyAction(doc: OpenApiDocument, action: OverlayAction, findings: Finding[]): AppliedAction | undefined {
  const pointers = evaluateJsonPath(doc, action.path);
  const sources = [action.source];
  if (pointers.length === 0) {
    findings.push(finding("overlay-target-empty", { sources, args: { target: action.target } }));
    return undefined;
  }

  const invalid = (reasons: string[]) => {
    for (const reason of reasons) {
      findings.push(finding("overlay-invalid", { pointer: action.source.pointer, sources, args: { target: action.target, reason } }));
    }
    return undefined;
  };

  if (action.kind === "remove") {
    if (pointers.includes("")) return invalid(["remove cannot delete the document root"]);
    // Reverse document order: descendants before ancestors, higher array indexes before lower.
    for (const pointer of [...pointers].reverse()) removeAt(doc, parsePointer(pointer));
  } else {
    const problems = pointers.flatMap((p) => checkUpdate(getAtPointer(doc, p), action.update, p));
    if (problems.length > 0) return invalid(problems);
    const location = formatLocation(action.source);
    for (const pointer of pointers) {
      const segments = parsePointer(pointer);
      applyUpdate(getAtPointer(doc, segments), action.update, segments, { location });
    }
  }

  findings.push(
    finding("overlay-applied", {
      pointer: pointers[0],
      sources,
      args: { action: action.kind, target: action.target, reason: action.reason.replace(/\.+$/, "") },
    }),
  );
  const written = action.kind === "update" ? pointers.flatMap((p) => leafPointers(action.update, p)) : [];
  return { source: action.source, reason: action.reason, kind: action.kind, target: action.target, pointers, written };
}

/** Pointers of the leaves of an update value below `base` (an array or empty object counts as a leaf). */
function leafPointers(value: unknown, base: string): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) return [base];
  return Object.entries(value).flatMap(([key, child]) => leafPointers(child, `${base}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`));
}

function removeAt(doc: unknown, segments: string[]): void {
  const key = segments[segments.length - 1]!;
  const parent = getAtPointer(doc, segments.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (parent !== null && typeof parent === "object") delete (parent as Record<string, unknown>)[key];
}
