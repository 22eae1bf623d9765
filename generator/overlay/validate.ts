/**
 * Reads an Overlay 1.0 document into actions, reporting every violation as an `overlay-invalid`
 * finding with the overlay file and line (never stopping at the first).
 *
 * Rules: the Overlay 1.0.0 schema (`overlay` matching 1.0.x, `info.title` and `info.version`
 * strings, a non-empty `actions` array, `target` a string beginning with `$`, only known fields or
 * `x-` extensions; `extends` is allowed and ignored), plus two house rules: exactly one of
 * `update` or `remove: true`, and a one-line `description` stating the reason.
 */
import type { YamlSource } from "../load/yaml-source.ts";
import { finding, type Finding, type SourceLocation } from "../problems/finding.ts";
import { isObject } from "../openapi/types.ts";
import { joinPointer } from "../openapi/pointer.ts";
import { JsonPathSyntaxError, parseJsonPath, type JsonPath } from "./jsonpath.ts";

export interface OverlayAction {
  kind: "update" | "remove";
  target: string;
  path: JsonPath;
  update?: unknown;
  reason: string;
  source: SourceLocation;
}

export interface ValidatedOverlay {
  /** False when the document itself (version, info, actions list) is unusable: apply nothing from it. */
  usable: boolean;
  /** The valid actions, in order; invalid ones are left out (and reported). */
  actions: OverlayAction[];
  findings: Finding[];
}

const OVERLAY_FIELDS = new Set(["overlay", "info", "extends", "actions"]);
const INFO_FIELDS = new Set(["title", "version"]);
const ACTION_FIELDS = new Set(["target", "description", "update", "remove"]);

export function validateOverlay(source: YamlSource): ValidatedOverlay {
  const findings: Finding[] = [];
  const problem = (pointer: string, reason: string): void => {
    findings.push(
      finding("overlay-invalid", {
        pointer,
        sources: [{ file: source.file, line: source.lineOf(pointer), pointer }],
        args: { reason },
      }),
    );
  };

  const doc = source.value;
  if (!isObject(doc)) {
    problem("", "an overlay must be a YAML mapping with overlay, info and actions");
    return { usable: false, actions: [], findings };
  }
  let usable = true;

  if (typeof doc.overlay !== "string" || !/^1\.0\.\d+$/.test(doc.overlay)) {
    const found = doc.overlay === undefined ? "missing" : JSON.stringify(doc.overlay);
    problem("/overlay", `overlay version must be 1.0.x (a string such as "1.0.0"), found ${found}`);
    usable = false;
  }
  if (!isObject(doc.info)) {
    problem("/info", "info is required, with title and version");
    usable = false;
  } else {
    for (const field of ["title", "version"] as const) {
      const value = doc.info[field];
      if (typeof value !== "string" || value.trim() === "") {
        problem(`/info/${field}`, `info.${field} must be a non-empty string${value === undefined ? "" : ` (quote it)`}`);
        usable = false;
      }
    }
    unknownFields(doc.info, INFO_FIELDS, "/info", "info", problem);
  }
  unknownFields(doc, OVERLAY_FIELDS, "", "the overlay", problem);

  if (!Array.isArray(doc.actions) || doc.actions.length === 0) {
    problem("/actions", "actions must be a non-empty list");
    return { usable: false, actions: [], findings };
  }

  const actions: OverlayAction[] = [];
  doc.actions.forEach((raw, index) => {
    const action = readAction(source, raw, index, problem);
    if (action) actions.push(action);
  });
  return { usable, actions, findings };
}

function unknownFields(object: Record<string, unknown>, allowed: Set<string>, pointer: string, what: string, problem: (pointer: string, reason: string) => void): void {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key) && !key.startsWith("x-")) {
      problem(joinPointer(pointer, key), `unknown field ${key} in ${what}; allowed: ${[...allowed].join(", ")} or x- extensions`);
    }
  }
}

function readAction(source: YamlSource, raw: unknown, index: number, problem: (pointer: string, reason: string) => void): OverlayAction | undefined {
  const at = `/actions/${index}`;
  const name = `action ${index + 1}`;
  if (!isObject(raw)) {
    problem(at, `${name} must be a mapping with target, description and update or remove`);
    return undefined;
  }
  let ok = true;
  const fail = (pointer: string, reason: string) => {
    problem(pointer, reason);
    ok = false;
  };

  unknownFields(raw, ACTION_FIELDS, at, name, fail);

  let path: JsonPath | undefined;
  const target = raw.target;
  if (typeof target !== "string") {
    fail(joinPointer(at, "target"), `${name} needs a target: a JSONPath string such as $.paths['/v1/items'].get`);
  } else {
    try {
      path = parseJsonPath(target);
    } catch (error) {
      if (!(error instanceof JsonPathSyntaxError)) throw error;
      fail(joinPointer(at, "target"), `${name} target ${target} is not valid JSONPath: ${error.reason} at column ${error.column}`);
    }
  }

  const description = raw.description;
  let reason = "";
  if (typeof description !== "string" || description.trim() === "") {
    fail(joinPointer(at, "description"), `${name} needs a description: one line saying why the correction is made`);
  } else if (/[\r\n]/.test(description.trim())) {
    fail(joinPointer(at, "description"), `${name} description must be one line`);
  } else {
    reason = description.trim();
  }

  const hasUpdate = Object.hasOwn(raw, "update");
  const remove = raw.remove;
  if (remove !== undefined && typeof remove !== "boolean") {
    fail(joinPointer(at, "remove"), `${name} remove must be true or false`);
  } else if (hasUpdate && remove === true) {
    fail(at, `${name} has both update and remove: true; use one action for each`);
  } else if (!hasUpdate && remove !== true) {
    fail(at, `${name} needs either update or remove: true`);
  } else if (hasUpdate && (raw.update === null || raw.update === undefined)) {
    fail(joinPointer(at, "update"), `${name} update is empty`);
  }

  if (!ok || !path) return undefined;
  return {
    kind: remove === true ? "remove" : "update",
    target: target as string,
    path,
    update: hasUpdate ? raw.update : undefined,
    reason,
    source: { file: source.file, line: source.lineOf(at), pointer: at },
  };
}
