// Copied by driftless from generator/client/runtime/log.ts — do not edit here; change the original and run `npm run generate`.
/** Numeric order of the levels: a line is written when its level is >= the client's. */
export const LOG_LEVELS = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };
export const DEBUG = 0;
export const INFO = 1;
export const WARN = 2;
export const ERROR = 3;
export const REDACTED = "[redacted]";
/** Headers whose values are credentials whatever the API: auth, cookies, keys, tokens, secrets, signatures. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|key|token|secret|password|signature|credential/i;
/** Query parameters named like a credential. */
const SECRET_PARAM = /key|token|secret|password|signature|credential|^auth(orization)?$|^auth[_-]/i;
/** Headers as a plain object for a log line, with every secret value replaced by "[redacted]". */
export function redactHeaders(headers, secret) {
    const out = {};
    headers.forEach((value, name) => {
        out[name] = secret.has(name) || SECRET_HEADER.test(name) ? REDACTED : value;
    });
    return out;
}
/** A URL for a log line: the value of every query parameter named like a credential replaced by "[redacted]". */
export function redactUrl(url) {
    const query = url.indexOf("?");
    if (query < 0)
        return url;
    const hash = url.indexOf("#", query);
    const end = hash < 0 ? url.length : hash;
    const pairs = url
        .slice(query + 1, end)
        .split("&")
        .map((pair) => {
        const eq = pair.indexOf("=");
        if (eq < 0)
            return pair;
        let name = pair.slice(0, eq);
        try {
            name = decodeURIComponent(name.replace(/\+/g, " "));
        }
        catch {
            // A malformed escape: test the name as it is.
        }
        return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
    return `${url.slice(0, query)}?${pairs.join("&")}${url.slice(end)}`;
}
/** Writes one line at `level` (DEBUG … ERROR) if the client's level lets it through. Callers check `log.level` first when building the line costs something. */
export function write(log, level, message, details) {
    if (level < log.level)
        return;
    const line = `${log.prefix} ${message}`;
    const logger = log.logger;
    if (level === DEBUG)
        logger.debug(line, ...(details ? [details] : []));
    else if (level === INFO)
        logger.info(line, ...(details ? [details] : []));
    else if (level === WARN)
        logger.warn(line, ...(details ? [details] : []));
    else
        logger.error(line, ...(details ? [details] : []));
}
