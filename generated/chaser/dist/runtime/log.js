// Copied by driftless from generator/client/runtime/log.ts — do not edit here; change the original and run `npm run generate`.
/** Numeric order of the levels: a line is written when its level is >= the client's. */
export const LOG_LEVELS = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };
/** The logger's methods, by level number: `LOGGER_METHODS[WARN]` is "warn". */
export const LOGGER_METHODS = ["debug", "info", "warn", "error"];
export const DEBUG = 0;
export const INFO = 1;
export const WARN = 2;
export const ERROR = 3;
export const REDACTED = "[redacted]";
/** Names that say a value is a credential, in headers and query parameters alike. */
const SECRET = "key|token|secret|password|signature|credential";
/** Headers whose values are credentials whatever the API: auth, cookies, keys, tokens, secrets, signatures. */
const SECRET_HEADER = new RegExp(`^(authorization|proxy-authorization|cookie|set-cookie)$|${SECRET}`, "i");
/** Query parameters named like a credential. */
const SECRET_PARAM = new RegExp(`${SECRET}|^auth(orization)?$|^auth[_-]`, "i");
/** Headers as a plain object for a log line, with every secret value replaced by "[redacted]". */
export function redactHeaders(headers, secret) {
    const out = {};
    headers.forEach((value, name) => {
        out[name] = secret.has(name) || SECRET_HEADER.test(name) ? REDACTED : value;
    });
    return out;
}
/** A parameter name as the server reads it (`api%5Fkey` is `api_key`); a malformed escape is tested as it is. */
function decoded(name) {
    try {
        return decodeURIComponent(name.replace(/\+/g, " "));
    }
    catch {
        return name;
    }
}
/** A URL for a log line: the value of every query parameter named like a credential replaced by "[redacted]". */
export const redactUrl = (url) => 
// The query is what follows the first "?" up to a "#"; each `name=value` pair in it is tested by its name.
url.replace(/\?[^#]*/, (query) => query.replace(/([?&])([^&=]*)=[^&]*/g, (pair, start, name) => (SECRET_PARAM.test(decoded(name)) ? `${start}${name}=${REDACTED}` : pair)));
/** Writes one line at `level` (DEBUG … ERROR) if the client's level lets it through. Callers check `log.level` first when building the line costs something. */
export function write(log, level, message, details) {
    if (level >= log.level)
        log.logger[LOGGER_METHODS[level]](`${log.prefix} ${message}`, ...(details ? [details] : []));
}
