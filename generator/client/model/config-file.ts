import type { PaginationSpec } from "../runtime/pagination.ts";

/**
 * api.yaml's `client:` as written, after validation against
 * generator/config/client-config.schema.json (so these shapes hold); every key optional.
 */
export interface ClientConfigFile {
  version?: string;
  description?: string;
  factory?: string;
  errorClass?: string;
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  requestIdHeader?: string;
  errorMessagePointer?: string;
  operations?: Record<string, OperationConfig>;
  polling?: PollingConfig[];
}

export interface OperationConfig {
  resource?: string;
  method?: string;
  retrySafe?: boolean;
  pagination?: false | PaginationConfig;
}

/** PaginationSpec as written: firstPage may be left out, and an iterator may be named. */
export type PaginationConfig = (
  | Extract<PaginationSpec, { style: "cursor" }>
  | Extract<PaginationSpec, { style: "offset" }>
  | (Omit<Extract<PaginationSpec, { style: "page" }>, "firstPage"> & { firstPage?: number })
) & { iterator?: string };

export interface PollingConfig {
  method: string;
  operation: string;
  field: string;
  ready: string[];
  failed?: string[];
  intervalMs?: number;
  timeoutMs?: number;
}
