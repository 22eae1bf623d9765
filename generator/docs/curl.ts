import { computeLineStarts, lineFromStarts } from "../load/line-index.ts";

/**
 * Reads `curl` commands out of a shell code block: the facts a documented call carries (method,
 * path, query, request body and its content type) with the line each sits on. Headers other than
 * Content-Type, output options and the shell around the command (pipes to jq, prompts) are not facts.
 */

export interface CurlCommand {
  /** 1-based line (relative to the block text) where `curl` starts. */
  line: number;
  /** Upper-case method: from -X, else implied by the options (-d → POST, -I → HEAD, -T → PUT), else GET. */
  method: string;
  /** Line of the -X option when the method was written explicitly. */
  methodLine?: number;
  /** The URL as written, and its line; undefined when the command has none. */
  url?: string;
  urlLine?: number;
  /** Path part of the URL (scheme, host and a leading $VARIABLE base removed). */
  path?: string;
  /** Query parameters in URL order (and -G data), values decoded. */
  query: { name: string; value: string }[];
  /** Content-Type header value, lower-cased, parameters dropped. */
  contentType?: string;
  contentTypeLine?: number;
  /** The -d / --data… / --json payload as the server receives it; `line` is where its first character sits. */
  body?: { text: string; line: number };
  /** Set when --json was used: curl sends Content-Type: application/json itself. */
  jsonOption?: boolean;
  /** -F form fields were used (multipart/form-data). */
  form?: boolean;
  /** `-F name=value` fields, in order, with their lines. */
  formFields?: { name: string; value: string; line: number }[];
  /** Every -H header as written (auth pages read the scheme from them), with its line. */
  headers: { name: string; value: string; line: number }[];
  /** `scheme://host` of the URL, when it has one. */
  origin?: string;
  /** The output is piped through `jq FILTER` with a filter other than `.`: the JSON shown after is jq's output, not the API's answer. */
  reshaped?: boolean;
}

interface Token {
  text: string;
  /** Offset of the first character of the word's content (after an opening quote) in the block. */
  contentStart: number;
  /** Command separator (`|`, `;`, `&&`, `||`, newline, `>` redirect) rather than a word. */
  operator?: string;
}

/** Options (short and long) that take an argument; anything else is a flag. */
const WITH_ARGUMENT = new Set([
  "-X",
  "--request",
  "-H",
  "--header",
  "-d",
  "--data",
  "--data-raw",
  "--data-binary",
  "--data-ascii",
  "--data-urlencode",
  "--json",
  "-F",
  "--form",
  "--form-string",
  "-o",
  "--output",
  "-w",
  "--write-out",
  "-u",
  "--user",
  "-A",
  "--user-agent",
  "-e",
  "--referer",
  "-b",
  "--cookie",
  "-c",
  "--cookie-jar",
  "-T",
  "--upload-file",
  "-x",
  "--proxy",
  "-m",
  "--max-time",
  "--connect-timeout",
  "-K",
  "--config",
  "-r",
  "--range",
  "-y",
  "--speed-time",
  "-Y",
  "--speed-limit",
  "-z",
  "--time-cond",
  "-C",
  "--continue-at",
  "-E",
  "--cert",
  "--key",
  "--cacert",
  "-D",
  "--dump-header",
  "-U",
  "--proxy-user",
  "-P",
  "--ftp-port",
  "-Q",
  "--quote",
  "--url",
  "--retry",
  "--retry-delay",
  "--retry-max-time",
  "--resolve",
  "--connect-to",
  "--max-redirs",
  "--limit-rate",
  "--oauth2-bearer",
  "--aws-sigv4",
  "--variable",
  "--expand-data",
  "--expand-url",
  "--expand-header",
  "--url-query",
]);
const DATA_OPTIONS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "--json"]);

/** Splits a shell snippet into words and operators, following POSIX quoting closely enough for docs. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2; // line continuation between words
      continue;
    }
    if (c === "\n" || c === ";") {
      tokens.push({ text: c, contentStart: i, operator: c });
      i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "|" || c === "&" || c === ">" || c === "<") {
      const two = text.slice(i, i + 2);
      const op = two === "&&" || two === "||" || two === ">>" ? two : c;
      tokens.push({ text: op, contentStart: i, operator: op });
      i += op.length;
      continue;
    }
    // A word: runs of unquoted, single-quoted and double-quoted parts.
    let word = "";
    let contentStart = -1;
    while (i < text.length) {
      const ch = text[i]!;
      if (" \t\r\n;|&<>".includes(ch)) break;
      if (ch === "'") {
        const end = text.indexOf("'", i + 1);
        const stop = end === -1 ? text.length : end;
        if (contentStart < 0) contentStart = i + 1;
        word += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        if (contentStart < 0) contentStart = i + 1;
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === "\\" && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1]!)) {
            if (text[i + 1] !== "\n") word += text[i + 1];
            i += 2;
          } else {
            word += text[i];
            i++;
          }
        }
        i++;
        continue;
      }
      if (ch === "\\" && i + 1 < text.length) {
        if (contentStart < 0) contentStart = i;
        if (text[i + 1] !== "\n") word += text[i + 1];
        i += 2;
        continue;
      }
      if (contentStart < 0) contentStart = i;
      word += ch;
      i++;
    }
    tokens.push({ text: word, contentStart: contentStart < 0 ? i : contentStart });
  }
  return tokens;
}

/** True when the block looks like it contains a curl command. */
export function mentionsCurl(text: string): boolean {
  return /(^|[\s;|&(])curl\s/m.test(text);
}

/** Every `curl …` command in a shell snippet; lines are 1-based within `text`. */
export function parseCurlCommands(text: string): CurlCommand[] {
  const starts = computeLineStarts(text);
  const line = (offset: number): number => lineFromStarts(starts, offset);
  const tokens = tokenize(text);
  const commands: CurlCommand[] = [];

  // Split into simple commands at operators; skip prompts ("$") and VAR=value assignments.
  let current: Token[] = [];
  let piped = false;
  const flush = (): void => {
    let words = current;
    current = [];
    while (words.length && (words[0]!.text === "$" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!.text))) words = words.slice(1);
    if (words[0]?.text === "curl") commands.push(readCurl(words, line));
    else if (piped && words[0]?.text === "jq" && commands.length > 0) {
      const filter = words.slice(1).find((w) => !w.text.startsWith("-"))?.text ?? ".";
      if (!/^\s*\.\s*$/.test(filter)) commands[commands.length - 1]!.reshaped = true;
    }
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.operator) {
      flush();
      piped = t.operator === "|";
      // Skip a redirect's target word.
      if ((t.operator === ">" || t.operator === ">>" || t.operator === "<") && tokens[k + 1] && !tokens[k + 1]!.operator) k++;
      continue;
    }
    current.push(t);
  }
  flush();
  return commands;
}

function readCurl(words: Token[], line: (offset: number) => number): CurlCommand {
  const command: CurlCommand = { line: line(words[0]!.contentStart), method: "GET", query: [], headers: [] };
  let explicit: string | undefined;
  let hasData = false;
  let getMode = false;
  let head = false;
  let upload = false;
  const dataForQuery: string[] = [];

  for (let k = 1; k < words.length; k++) {
    const w = words[k]!;
    let option = w.text;
    let argument: Token | undefined;
    if (option.startsWith("--") && option.includes("=")) {
      const eq = option.indexOf("=");
      argument = { text: option.slice(eq + 1), contentStart: w.contentStart + eq + 1 };
      option = option.slice(0, eq);
    } else if (/^-[A-Za-z]/.test(option) && !option.startsWith("--") && option.length > 2 && WITH_ARGUMENT.has(option.slice(0, 2))) {
      // -XPOST, -HContent-Type:…
      argument = { text: option.slice(2), contentStart: w.contentStart + 2 };
      option = option.slice(0, 2);
    } else if (WITH_ARGUMENT.has(option)) {
      argument = words[k + 1];
      k++;
    }

    if (!option.startsWith("-") || option === "-") {
      if (command.url === undefined) setUrl(command, w, line);
      continue;
    }
    switch (option) {
      case "-X":
      case "--request":
        if (argument) {
          explicit = argument.text.toUpperCase();
          command.methodLine = line(w.contentStart);
        }
        break;
      case "--url":
        if (argument && command.url === undefined) setUrl(command, argument, line);
        break;
      case "-H":
      case "--header": {
        const header = argument ? /^\s*([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(argument.text) : null;
        if (header) command.headers.push({ name: header[1]!, value: header[2]!.trim(), line: line(argument!.contentStart) });
        const m = argument ? /^\s*content-type\s*:\s*([^;]*)/i.exec(argument.text) : null;
        if (m && m[1]!.trim()) {
          command.contentType = m[1]!.trim().toLowerCase();
          command.contentTypeLine = line(w.contentStart);
        }
        break;
      }
      case "-G":
      case "--get":
        getMode = true;
        break;
      case "-I":
      case "--head":
        head = true;
        break;
      case "-T":
      case "--upload-file":
        upload = true;
        break;
      case "-F":
      case "--form":
      case "--form-string": {
        hasData = true;
        command.form = true;
        const field = argument ? /^([^=]+)=(.*)$/s.exec(argument.text) : null;
        if (field) (command.formFields ??= []).push({ name: field[1]!.trim(), value: field[2]!, line: line(argument!.contentStart) });
        break;
      }
      default:
        if (DATA_OPTIONS.has(option) && argument) {
          hasData = true;
          if (option === "--json") command.jsonOption = true;
          if (argument.text.startsWith("@")) break; // a file on the author's disk: not a fact
          dataForQuery.push(argument.text);
          command.body ??= { text: argument.text, line: line(argument.contentStart) };
        }
    }
  }

  if (getMode) {
    for (const data of dataForQuery) command.query.push(...splitQuery(data));
    command.body = undefined;
  }
  command.method = explicit ?? (head ? "HEAD" : getMode ? "GET" : upload ? "PUT" : hasData ? "POST" : "GET");
  return command;
}

function setUrl(command: CurlCommand, token: Token, line: (offset: number) => number): void {
  command.url = token.text;
  command.urlLine = line(token.contentStart);
  const origin = /^(https?:\/\/[^/?#]+)/i.exec(token.text);
  if (origin) command.origin = origin[1]!.toLowerCase();
  // scheme://host, or a $BASE / ${BASE} variable standing for it, then the path and query.
  const m = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?|localhost(?::\d+)?)?([^?#]*)(?:\?([^#]*))?/.exec(
    token.text,
  );
  const path = m?.[1] ?? "";
  command.path = path === "" ? "/" : path;
  if (m?.[2]) command.query.push(...splitQuery(m[2]));
}

function splitQuery(query: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const part of query.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    out.push({ name: decode(rawName), value: decode(rawValue) });
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
