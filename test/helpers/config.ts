import { resolveConfig, type ApiConfig, type ApiConfigFile } from "../../generator/config/api-config.ts";

/** An ApiConfig with defaults, as if api.yaml held `file`. */
export function configOf(file: ApiConfigFile = {}, id = "test"): ApiConfig {
  return resolveConfig(id, file, () => 1, true);
}
