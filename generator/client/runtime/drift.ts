import { ConfigurationError } from "./errors.ts";

/** The drift checker's rule ids the sentinel reports (docs/drift.md). */
export type DriftRule =
  | "undocumented-field"
  | "type-mismatch"
  | "enum-mismatch"
  | "format-mismatch"
  | "missing-required-field"
  | "undocumented-status"
  | "undocumented-content-type";

/** One departure of an answer from the canonical document. */
export interface DriftFinding {
  rule: DriftRule;
  /** The operationId (`get-session`). */
  operation: string;
  /** Method and documented path (`GET /v1/sessions/{id}`). */
  endpoint: string;
  /** Status of the answer. */
  status: number;
  /** JSON pointer into the answer's body ("" for the whole answer: status, content type). */
  pointer: string;
  /** What the document says: a type, the enum, a format, a property name, the documented statuses or media types. */
  expected: string;
  /** What the answer had (values of properties named like keys or tokens are "[redacted]"). */
  observed: string;
  /** The answer's request id, for a report to the API's vendor. */
  requestId: string | undefined;
}

/** What `driftSentinel` takes: which share of the answers to check, and where departures go. */
export interface ValidateResponsesOptions {
  /** Share of answers checked, 0 to 1. Default 1 (every answer). */
  sampleRate?: number;
  /** Called once per finding, after the call has resolved or rejected; what it throws is ignored. */
  onDrift: (finding: DriftFinding) => void;
}

/** A finding as the checker makes it: the call adds the request id. */
export type CheckedFinding = Omit<DriftFinding, "requestId">;

/** The generated module with the document's checks (drift-checks.ts), loaded on the first sampled answer. */
export interface DriftChecks {
  /** `endpoint` is the operation's method and path (`GET /v1/sessions/{id}`). */
  check(endpoint: string, status: number, contentType: string | null, body: unknown, bodyRead: boolean): CheckedFinding[];
}

/**
 * The `validateResponses` option: what `driftSentinel({ onDrift, sampleRate })` of the package's
 * `/sentinel` entry makes. A call hands it each answer of an operation (named by its method and
 * path, which the call has anyway: the operationId is the sentinel's to know), with its body when
 * it was read.
 */
export interface DriftSentinel {
  observe(endpoint: string, response: Response, body: unknown, bodyRead: boolean, requestIdHeader: string): void;
}

/**
 * A sentinel: samples answers, loads the checks on the first one, and reports findings to
 * `onDrift`. It never throws into a call and never touches the data a call returns; the checks
 * run after the call has its outcome. Its options are checked here, when it is made: this module
 * is reached only through the package's `/sentinel` entry, so a client without the sentinel
 * carries none of it.
 */
export function createDrift(given: unknown, load: () => Promise<DriftChecks>): DriftSentinel {
  const options = given as Partial<ValidateResponsesOptions> | null | undefined;
  if (typeof options !== "object" || options === null || typeof options.onDrift !== "function") {
    throw new ConfigurationError("invalid_option", "driftSentinel takes { onDrift: (finding) => void, sampleRate?: number }.");
  }
  const sampleRate = options.sampleRate ?? 1;
  if (typeof sampleRate !== "number" || !(sampleRate >= 0 && sampleRate <= 1)) {
    throw new ConfigurationError("invalid_option", `driftSentinel: sampleRate must be a number from 0 to 1, got ${String(sampleRate)}.`);
  }
  const onDrift = options.onDrift;
  let checks: Promise<DriftChecks> | undefined;
  return {
    observe(endpoint, response, body, bodyRead, requestIdHeader) {
      if (sampleRate < 1 && Math.random() >= sampleRate) return;
      const requestId = response.headers.get(requestIdHeader) ?? undefined;
      const contentType = response.headers.get("content-type");
      (checks ??= load())
        .then((module) => {
          for (const finding of module.check(endpoint, response.status, contentType, body, bodyRead)) {
            try {
              onDrift({ ...finding, requestId });
            } catch {
              // The caller's handler failing is not the call's failure.
            }
          }
        })
        .catch(() => {
          // A checks module that cannot load (a bundle that left it out) reports nothing.
        });
    },
  };
}
