/**
 * Documentation platforms write endpoints and fields as components rather than markdown:
 * MDX (`<RouteHighlighter method="GET" path="/x" />`, `<ParamField query="limit" type="integer">`,
 * `<ResponseField name="id" type="string">`), GitBook (`{% swagger method="get" path="/x" %}`,
 * `{% swagger-parameter in="query" name="limit" %}`, `{% tab title="200" %}`) and Hugo
 * (`{{< endpoint method="GET" href="/x" >}}`). This reads their attributes; read.ts decides.
 */

export type Component =
  | { kind: "endpoint"; method: string; path: string; title?: string }
  | { kind: "label"; text: string }
  | { kind: "field"; where: "query" | "path" | "header" | "cookie" | "body" | "response"; name: string; type?: string; required?: boolean; default?: string; description?: string };

const TAG =
  /(?:<([A-Za-z][\w.-]*)((?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|\{[^}]*\}))?)*)\s*\/?>|\{%-?\s*([\w-]+)((?:\s+[\w-]+=(?:"[^"]*"|'[^']*'))*)\s*-?%\}|\{\{<\s*([\w-]+)((?:\s+[\w-]+=(?:"[^"]*"|'[^']*'))*)\s*\/?>\}\})/g;

function attributes(text: string): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (const m of text.matchAll(/([\w:-]+)(?:=(?:"([^"]*)"|'([^']*)'|\{["'`]?([^}"'`]*)["'`]?\}))?/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? true;
  }
  return out;
}

const str = (v: string | true | undefined): string | undefined => (typeof v === "string" ? v : undefined);

/** Every component of a block of text (an HTML node, or a paragraph of GitBook/Hugo tags), with what follows each tag up to the next one. */
export function readComponents(text: string): Component[] {
  const out: Component[] = [];
  const matches = [...text.matchAll(TAG)];
  matches.forEach((m, i) => {
    const name = (m[1] ?? m[3] ?? m[5] ?? "").toLowerCase();
    const attrs = attributes(m[2] ?? m[4] ?? m[6] ?? "");
    const next = matches[i + 1]?.index ?? text.length;
    const inner = text
      .slice(m.index! + m[0].length, next)
      .replace(/<\/?[A-Za-z][^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const c = component(name, attrs, inner);
    if (c) out.push(c);
  });
  return out;
}

function component(name: string, attrs: Record<string, string | true>, inner: string): Component | undefined {
  const method = str(attrs.method) ?? str(attrs.verb);
  const path = str(attrs.path) ?? str(attrs.href) ?? str(attrs.endpoint) ?? str(attrs.route) ?? str(attrs.url);
  if (method && path && /^(?:get|post|put|patch|delete|head|options)$/i.test(method)) {
    const base = str(attrs.baseurl) ?? str(attrs.host) ?? "";
    const title = str(attrs.summary) ?? str(attrs.title);
    return { kind: "endpoint", method: method.toUpperCase(), path: `${base.replace(/\/+$/, "")}${path}`, ...(title ? { title } : {}) };
  }
  // {% tab title="200" %}, {% swagger-response status="200: OK" %}, <Tab title="404">, <ResponseExample>.
  const status = str(attrs.status) ?? str(attrs.httpcode) ?? str(attrs.code);
  if (status && /^\s*[1-5]\d\d/.test(status)) return { kind: "label", text: `Response ${status}` };
  if ((name === "tab" || name === "swagger-response" || name === "api-method-response-example") && str(attrs.title)) return { kind: "label", text: str(attrs.title)! };
  if (name === "responseexample" || name === "response-example") return { kind: "label", text: "Example response" };
  if (name === "requestexample" || name === "request-example") return { kind: "label", text: "Example request" };
  // <ParamField query="limit" type="integer" default="20" required>, {% swagger-parameter in="query" name="limit" %}, <ResponseField name="id">.
  if (/^(?:paramfield|param|parameter|swagger-parameter|api-method-parameter|responsefield|field|property|prop)$/.test(name)) {
    let where: Extract<Component, { kind: "field" }>["where"] | undefined;
    let fieldName = str(attrs.name);
    for (const loc of ["query", "path", "header", "cookie", "body"] as const) {
      const v = str(attrs[loc]);
      if (v) {
        where = loc;
        fieldName = v;
      }
    }
    const inAttr = str(attrs.in);
    if (inAttr && /^(?:query|path|header|cookie|body)$/i.test(inAttr)) where = inAttr.toLowerCase() as typeof where;
    if (name === "responsefield") where = "response";
    if (!fieldName) return undefined;
    const required = attrs.required === true || str(attrs.required) === "true" ? true : str(attrs.required) === "false" ? false : undefined;
    const type = str(attrs.type);
    const def = str(attrs.default);
    return {
      kind: "field",
      where: where ?? "body",
      name: fieldName,
      ...(type ? { type } : {}),
      ...(required !== undefined ? { required } : {}),
      ...(def !== undefined ? { default: def } : {}),
      ...(inner ? { description: inner } : {}),
    };
  }
  return undefined;
}
