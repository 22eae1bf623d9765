/** The report formats of `driftless drift --format`; a module of its own so the CLI can list them without loading the checker. */
export const REPORT_FORMATS = ["pretty", "json", "junit", "sarif", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
