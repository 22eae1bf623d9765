import type { PaginationSpec } from "../runtime/pagination.ts";
import type { PollSpec } from "../runtime/polling.ts";
import type { AuthSettings } from "../runtime/settings.ts";

/**
 * Everything the emitters need to write one client package, with every default resolved
 * (model/resolve.ts is the one place that resolves them). Emitters only format this.
 */
export interface ClientModel {
  apiId: string;
  packageName: string;
  version: string;
  description: string;
  /** info.title of the canonical document, for prose. */
  title: string;
  /** createChaserClient, ChaserClient, ChaserClientOptions, ChaserError, ChaserErrorCode. */
  names: { factory: string; client: string; options: string; error: string; errorCode: string };
  /** The default base URL; undefined when the API documents no server (self-hosted): callers must pass one. */
  baseUrl: string | undefined;
  /** How the API takes its key (and from which environment variable), or `none` for a public API. */
  auth: AuthSettings;
  timeoutMs: number;
  maxRetries: number;
  requestIdHeader: string;
  errorCodePointer: string | undefined;
  errorMessagePointer: string | undefined;
  /** Every error code the document lists (x-error-codes), sorted. */
  errorCodes: string[];
  /** Type aliases of components.schemas, exported by name. */
  schemas: SchemaAlias[];
  /** Every resource, nested ones included (after their parent); the client's own properties are those without a `.` in the name. */
  resources: ResourceModel[];
}

export interface SchemaAlias {
  /** Key under components.schemas. */
  component: string;
  /** Exported TypeScript name. */
  alias: string;
  description: string | undefined;
  sources: string[];
}

export interface ResourceModel {
  /** Where it is reached from the client: `sessions`, or `scrape.batch` for a nested resource. */
  name: string;
  /** Property of its parent (the client or a resource): `sessions`, `batch`. */
  property: string;
  /** Exported class: `SessionsResource`, `ScrapeBatchResource`. */
  className: string;
  /** Nested resources, reached as properties of this one (`client.scrape.batch`). */
  children: ResourceModel[];
  methods: MethodModel[];
  iterators: IteratorModel[];
  waiters: WaiterModel[];
}

export type ResultKind = "json" | "bytes" | "text" | "void";

export interface ParamModel {
  /** Name in the API. */
  name: string;
  /** Name of the TypeScript parameter (a valid identifier). */
  identifier: string;
  /** TypeScript type of a path parameter. */
  type: string;
  required: boolean;
  description: string | undefined;
  sources: string[];
  /** A documented example value, if any. */
  example: unknown;
}

export interface MethodModel {
  name: string;
  operationId: string;
  /** Upper case: GET, POST, … */
  httpMethod: string;
  path: string;
  summary: string | undefined;
  description: string | undefined;
  sources: string[];
  pathParams: ParamModel[];
  /** Query parameters, passed as one object typed by `alias`. */
  query: { alias: string; required: boolean; params: ParamModel[] } | undefined;
  /** Header parameters (without Accept, Content-Type, Authorization and the API key's header, which the client sets), as one object typed by `alias`. */
  headers: { alias: string; required: boolean; params: ParamModel[] } | undefined;
  /** Cookie parameters, as one object typed by `alias`; sent in one Cookie header. */
  cookies: { alias: string; required: boolean; params: ParamModel[] } | undefined;
  /** `inlineObject`: the body's schema is an object written in place; its alias is declared as an interface, so hovers show its name. */
  body: { alias: string; required: boolean; mediaType: string; description: string | undefined; sources: string[]; example: unknown; inlineObject: boolean } | undefined;
  result: { kind: ResultKind; status: string; mediaType: string | undefined; type: string; description: string | undefined; sources: string[] };
  /** Type alias for an inline JSON result (`ListSessionsResult`), when the result is not a named schema. */
  resultAlias: string | undefined;
  /** The inline result is a plain object: `resultAlias` is declared as an interface, so hovers show its name. */
  resultIsObject: boolean;
  errors: { status: string; description: string | undefined; codes: string[] }[];
  /** Whether failed calls are retried (idempotent method, or marked safe in api.yaml). */
  retryable: boolean;
}

export interface IteratorModel {
  name: string;
  /** The paged method it calls. */
  method: MethodModel;
  spec: PaginationSpec;
  /** TypeScript type of one item. */
  itemType: string;
  /** Query parameters the iterator sets itself (cursor, page, offset), left out of its own query type. */
  managedParams: string[];
  /** Where the pagination was declared (api.yaml:line), or the list operation's provenance when detected. */
  sources: string[];
}

export interface WaiterModel {
  name: string;
  /** The GET it polls; the waiter takes its path parameters. */
  method: MethodModel;
  spec: PollSpec;
  /** Where the wait was declared (api.yaml:line). */
  sources: string[];
}
