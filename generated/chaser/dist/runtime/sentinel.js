// Copied by driftless from generator/client/runtime/sentinel.ts — do not edit here; change the original and run `npm run generate`.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|[+-]\d{2}(:?\d{2})?)?$/i;
const ISO8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
function validDate(text) {
    const m = DATE.exec(text);
    if (!m)
        return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return days !== undefined && day >= 1 && day <= days;
}
function validTime(text, zone) {
    const m = TIME.exec(text);
    return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 60 && (!zone || m[5] !== undefined);
}
/** The formats the drift checker checks (ajv-formats' and the vendor ones); undefined: not checked. */
const FORMATS = {
    "date-time": (v) => {
        const at = v.search(/[Tt ]/);
        return at === 10 && validDate(v.slice(0, 10)) && validTime(v.slice(11), true);
    },
    date: validDate,
    time: (v) => validTime(v, true),
    uri: (v) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v),
    uuid: (v) => /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v),
    email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    iso8601: (v) => ISO8601.test(v) && !Number.isNaN(Date.parse(v.replace(" ", "T"))),
    "timestamp-milliseconds": (v) => /^-?\d{1,16}$/.test(v),
};
/** Values of properties named like credentials never reach a finding. */
const SECRET_NAME = /key|token|secret|password|signature|credential|cookie|authorization/i;
const jsonType = (value) => value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function matchesType(type, value) {
    switch (type) {
        case "null":
            return value === null;
        case "array":
            return Array.isArray(value);
        case "object":
            return isObject(value);
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "string":
            return typeof value === "string";
        case "boolean":
            return typeof value === "boolean";
        default:
            return true;
    }
}
function equal(a, b) {
    if (a === b)
        return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b))
        return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => equal(a[k], b[k]));
}
/** A value as a finding shows it: short, and "[redacted]" under a credential's name. */
function preview(value, name) {
    if (name !== undefined && SECRET_NAME.test(name) && value !== null && typeof value !== "object")
        return "[redacted]";
    if (Array.isArray(value))
        return `array(${value.length})`;
    if (isObject(value))
        return "object";
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
/** `string "abc"`, `integer 3`, `null`, `object`, `array(2)`. */
function describe(value, name) {
    const type = jsonType(value);
    const shown = preview(value, name);
    return shown === "object" || shown === "null" || shown.startsWith("array(") ? shown : `${type} ${shown}`;
}
const child = (pointer, key) => `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
class Walker {
    #schemas;
    constructor(schemas) {
        this.#schemas = schemas;
    }
    walk(id, value, pointer, name, out) {
        const applicable = this.#applicable(id, value);
        for (const s of applicable)
            if (this.#keywords(s, value, pointer, name, out))
                break;
        if (isObject(value))
            this.#properties(applicable, value, pointer, out);
        else if (Array.isArray(value)) {
            const items = new Set();
            for (const s of applicable)
                if (s.i !== undefined)
                    items.add(s.i);
            for (const item of items)
                for (const [index, v] of value.entries())
                    this.walk(item, v, child(pointer, String(index)), undefined, out);
        }
    }
    #applicable(id, value) {
        const out = [];
        const seen = new Set();
        const visit = (n) => {
            if (seen.has(n))
                return;
            seen.add(n);
            const s = this.#schemas[n];
            if (s === undefined)
                return;
            out.push(s);
            for (const member of s.a ?? [])
                visit(member);
            if (s.o !== undefined && s.o.length > 0)
                for (const branch of this.#choose(s.o, value))
                    visit(branch);
        };
        visit(id);
        return out;
    }
    /** The branches the value matches; or the one it misses by the fewest findings. */
    #choose(branches, value) {
        let best;
        let fewest = Infinity;
        const matching = [];
        for (const b of branches) {
            const trial = [];
            this.walk(b, value, "", undefined, trial);
            // A branch matches as JSON Schema says (a property it does not list is not a failure there).
            if (trial.every((i) => i.rule === "undocumented-field"))
                matching.push(b);
            if (trial.length < fewest) {
                fewest = trial.length;
                best = b;
            }
        }
        return matching.length > 0 ? matching : best === undefined ? [] : [best];
    }
    /** One schema's own keywords; true when the type is wrong (nothing else is worth saying there). */
    #keywords(s, value, pointer, name, out) {
        if (s.t !== undefined && !s.t.some((t) => matchesType(t, value))) {
            out.push({ rule: "type-mismatch", pointer, expected: s.t.join(" or "), observed: describe(value, name) });
            return true;
        }
        if (s.e !== undefined && !s.e.some((e) => equal(e, value))) {
            out.push({ rule: "enum-mismatch", pointer, expected: `[${s.e.map((e) => preview(e, undefined)).join(", ")}]`, observed: preview(value, name) });
        }
        if (s.f !== undefined && typeof value === "string" && FORMATS[s.f]?.(value) === false) {
            out.push({ rule: "format-mismatch", pointer, expected: s.f, observed: preview(value, name) });
        }
        if (s.r !== undefined && isObject(value)) {
            for (const required of s.r)
                if (!Object.hasOwn(value, required))
                    out.push({ rule: "missing-required-field", pointer: child(pointer, required), expected: required, observed: "(absent)" });
        }
        return false;
    }
    #properties(applicable, value, pointer, out) {
        const describes = applicable.some((s) => s.p !== undefined || s.c === 1);
        for (const key of Object.keys(value)) {
            const schemas = new Set();
            for (const s of applicable)
                if (s.p !== undefined && Object.hasOwn(s.p, key))
                    schemas.add(s.p[key]);
            if (schemas.size === 0)
                for (const s of applicable)
                    if (s.x !== undefined)
                        schemas.add(s.x);
            const at = child(pointer, key);
            if (schemas.size === 0) {
                if (describes)
                    out.push({ rule: "undocumented-field", pointer: at, expected: "a documented property", observed: describe(value[key], key) });
                continue;
            }
            for (const id of schemas)
                this.walk(id, value[key], at, key, out);
        }
    }
}
/** The media type of a Content-Type header, lower case, without parameters. */
const mediaType = (header) => header?.split(";")[0]?.trim().toLowerCase() || undefined;
/** The documented media type an answer's matches: exact, then `type/*`, then `*\/*`. */
function documentedMedia(content, actual) {
    const keys = Object.keys(content);
    const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
    return lower.get(actual) ?? lower.get(`${actual.split("/")[0]}/*`) ?? lower.get("*/*");
}
/** Everything an answer of the operation at `endpoint` (`GET /v1/sessions/{id}`) departs from in the document. */
export function checkAgainst(table, endpoint, status, contentType, body, bodyRead) {
    const op = table.operations[endpoint];
    if (op === undefined)
        return [];
    const finding = (issue) => ({ ...issue, operation: op.operation, endpoint, status });
    const statuses = Object.keys(op.responses);
    const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, "default"].find((k) => Object.hasOwn(op.responses, k));
    if (key === undefined)
        return [finding({ rule: "undocumented-status", pointer: "", expected: statuses.join(", "), observed: String(status) })];
    const content = op.responses[key];
    const documented = Object.keys(content);
    const actual = mediaType(contentType);
    if (documented.length === 0 || status === 204 || (actual === undefined && (!bodyRead || body === undefined)))
        return [];
    const media = actual === undefined ? undefined : documentedMedia(content, actual);
    if (media === undefined)
        return [finding({ rule: "undocumented-content-type", pointer: "", expected: documented.join(", "), observed: actual ?? "(none)" })];
    const schema = content[media];
    if (schema === null || schema === undefined || !bodyRead)
        return [];
    const issues = [];
    new Walker(table.schemas).walk(schema, body, "", undefined, issues);
    const seen = new Set();
    return issues
        .filter((i) => {
        const id = `${i.rule} ${i.pointer}`;
        if (seen.has(id))
            return false;
        seen.add(id);
        return true;
    })
        .map(finding);
}
