// Types of npskit's JavaScript API (docs/js-api.md, one page per call in docs/api/, docs/report.md).

export type Input = Uint8Array | ArrayBuffer | string | Blob | ReadableStream<Uint8Array> |
  AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type Period = 'day' | 'week' | 'month' | 'quarter';

export interface Filters {
  from?: string | null;   // YYYY-MM-DD, inclusive
  to?: string | null;
  where?: { column: string; op?: 'eq' | 'ne'; value: string }[];
}

export interface QueryOptions {
  period?: Period;
  confidence?: number;
  multipleComparisons?: 'holm' | 'bh' | 'none';  // how families of tests are judged (docs/report.md); default holm
  cross?: [string, string];
  filters?: Filters;
  maxRejections?: number;
}

export interface Options extends QueryOptions {
  score?: string; date?: string; comment?: string; id?: string; email?: string; name?: string;
  segments?: string[];
  utcOffset?: string;
  sheet?: string;  // .xlsx: the sheet to read (default: the first that holds a score column)
  // analyze(): the report also carries session_preview (docs/js-api.md); stopEarly: the
  // read may stop once it is known not to be exact, and the answer is then { session_preview } alone.
  sessionPreview?: { name: string; stopEarly?: boolean };
  onProgress?: (progress: { bytes: number; totalBytes?: number; file?: string; fileIndex?: number; rows?: number }) => void;
  signal?: AbortSignal;
}

/** significant: p_adjusted < 1 - confidence, p adjusted within its family of tests (docs/report.md). */
export interface Difference { diff: number; z: number; p: number; p_adjusted: number | null; significant: boolean; too_small: boolean }

export interface TallyFigures {
  n: number; promoters: number; passives: number; detractors: number;
  pct: { promoters: number; passives: number; detractors: number };
  nps: number | null; ci: [number, number] | null; ci95: [number, number] | null; margin: number | null;  // null when n = 0
}

export interface RowProblem { line: number; column: string; value: string; reason: string }

/** What npskit is unsure of or could not do, decided by the core (docs/report.md "Notices"). */
export interface Notice {
  code: 'no_score_column' | 'score_group_like' | 'score_scale_1_5' | 'score_tie' | 'rejected_rows' |
        'date_unreadable' | 'few_responses' | 'no_date_column' | 'xlsx_other_sheets';
  severity: 'warning' | 'info';
  role: 'score' | 'date' | 'comment' | 'segment' | null;
  columns: string[];
  count: number | null;
  message: string;
  fix: 'pick_score' | 'pick_date' | 'pick_comment' | 'show_rejections' | null;
}

export interface Report {
  version: 1;
  source: { format: 'csv' | 'json' | 'ndjson' | 'xlsx'; encoding: string; delimiter: string | null;
            header_rows: number; bytes: number; empty_records: number;
            sheet?: string; sheets?: string[] };  // .xlsx only: the sheet read, and every sheet in workbook order
  notices: Notice[];
  columns: { score: string; date: string | null; comment: string | null; segments: string[];
             id: string | null; email: string | null; name: string | null };
  options: { confidence: number; period: Period; utc_offset: string | null;
             multiple_comparisons: 'holm' | 'bh' | 'none'; min_group_for_significance: number;
             filters: { from: string | null; to: string | null; where: { column: string; op: 'eq' | 'ne'; value: string }[] } };
  rows: { read: number; valid: number; blank_score: number; rejected: number; filtered_out: number;
          date_missing: number; date_unreadable: number; duplicates: number };
  rejections: RowProblem[];
  rejections_listed: number;
  warnings: RowProblem[];
  overall: TallyFigures & { histogram: number[]; sample_size_for_margin: Record<'3' | '5' | '10', number>;
                            too_small: boolean; histogram_categories: ('detractor' | 'passive' | 'promoter')[] };
  comments?: CommentsSection;  // with the option comments: true (or themes)
  segments: Record<string, (TallyFigures & { value: string; vs_rest: Difference; impact: number })[]>;
  cross: null | { columns: [string, string]; cells: (TallyFigures & { values: [string, string]; vs_rest: Difference })[];
    /** Responses in cells past the 2,500-cell limit (not listed); null when none. */
    left_out: null | { responses: number; message: string } };
  trend: { period: Period; points: (TallyFigures & { period: string; start: string; vs_previous: Difference | null })[];
    /** Dated responses not in the trend (it lists the latest 10,000 periods); null when none. */
    left_out: null | { responses: number; periods: number; message: string } };
}

export interface Inspection {
  source: Report['source'];
  columns: { index: number; name: string; header: string[];
             role: 'score' | 'date' | 'comment' | 'id' | 'email' | 'name' | 'segment' | 'ignored'; why: string }[];
  date_format: 'day_first' | 'month_first' | 'unix' | 'serial' | 'unknown' | null;
  header_rows: { line: number; cells: string[] }[];
  records: { line: number; fields: Record<string, string>; error?: string; extra_fields?: number }[];
  notices: Notice[];
  /** Only when no column holds 0-10 scores: the columns are still listed so that one can be picked. */
  error?: string;
}

/** Offsets are UTF-16 code units of `comment` (JS string indexes): comment.slice(begin, end). */
export interface CommentInsights {
  sentiment: { compound: number; label: SentimentLabel } | null;  // null: no words in the comment
  themes: string[];
  spans: { begin: number; end: number; theme: string; text: string }[];
  keyphrase_spans?: { begin: number; end: number }[];  // when the query has `keyphrase`
}

export interface SessionRow {
  file: string; line: number; score: number; category: 'detractor' | 'passive' | 'promoter';
  date: string | null; comment: string | null; id: string | null; email: string | null; name: string | null;
  segments: Record<string, string>;
  insights?: CommentInsights;  // with `insights: true`
}

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/** User themes merged into the built-in ones (docs/comments.md). */
export interface ThemesDocument {
  themes: { name: string; label?: string; terms?: string[]; replace?: boolean; remove?: boolean }[];
  replace_all?: boolean;
}

export interface SessionQuery extends QueryOptions { latestPerPerson?: boolean; themes?: ThemesDocument }
export interface RowsQuery extends SessionQuery {
  category?: 'detractor' | 'passive' | 'promoter'; search?: string; withComment?: boolean; offset?: number; limit?: number;
  insights?: boolean; theme?: string; keyphrase?: string; sentiment?: SentimentLabel;
}

export interface SentimentMix {
  positive: number; neutral: number; negative: number;
  pct?: { positive: number; neutral: number; negative: number }; mean_compound: number | null;
}

export interface CommentTheme {
  name: string; label: string; mentions: number; pct_of_comments: number;
  by_category: { detractors: number; passives: number; promoters: number };
  pct_of_category_comments: { detractors: number; passives: number; promoters: number };
  lift: number | null; nps: number | null; ci: [number, number] | null; ci95: [number, number] | null;
  vs_rest: Difference; nps_without: number | null; impact: number | null;
  sentiment: SentimentMix;
  trend: { period: Period; points: { period: string; start: string; comments: number; mentions: number; pct: number; nps: number | null }[] };
}

export interface CommentGroup {
  comments: number; sentiment: SentimentMix; top_themes: { name: string; mentions: number; pct: number }[];
}

export interface Keyphrase {
  phrase: string; n: number; detractors: number; passives: number; promoters: number; log_odds: number; z: number; theme: string | null;
}

/** The "comments" section (docs/comments.md). */
export interface CommentsSection {
  responses: number; comments: number; pct_with_comment: number;
  sentiment: SentimentMix;
  themes: CommentTheme[];
  categories: { detractors: CommentGroup; passives: CommentGroup; promoters: CommentGroup };
  segments: Record<string, (CommentGroup & { value: string })[]>;
  keyphrases: { min_count: number; distinct: number; pruned: boolean; prune_floor: number;
                detractor: Keyphrase[]; promoter: Keyphrase[]; frequent: Keyphrase[] };
}

export interface SessionInfo {
  files: { name: string; source: Report['source'] | null; columns: { name: string; role: string; why: string }[];
           rows: { read: number; valid: number; blank_score: number; rejected: number; duplicates: number };
           error: string | null }[];
  rows: number;
  segments: { name: string; values: string[] }[];
  has_person: boolean;
  has_comment: boolean;
  date_range: [string, string] | null;
}

/** openSession's options: a file's options, and `shards` (docs/shards.md). */
export interface SessionOptions extends Options {
  /** Read one file as this many shards (byte ranges, merged exactly); default 1. */
  shards?: number;
}

export interface Session {
  fileErrors: { file: string; error: string }[];
  /** How the file was read: `count` shards (1 with `single` saying why when more were asked), `rereads` shards read again. */
  shards: { requested: number; count: number; rereads: number; single: string | null };
  info(): SessionInfo;
  report(query?: SessionQuery): Report;
  rows(query?: RowsQuery): { total: number; offset: number; rows: SessionRow[] };
  comments(query?: SessionQuery): CommentsSection;
  themes(query?: SessionQuery): { themes: { name: string; label: string; terms: string[] }[] };
  close(): void;
}

export class NpskitError extends Error {}
export function init(options?: { wasmBinary?: Uint8Array | ArrayBuffer; wasmUrl?: string }): void;
/** The wasm module this API loaded (per init()), for a host running the shard steps of js/shards.mjs in the same thread (docs/shards.md). */
export function coreModule(): Promise<unknown>;
export function analyze(input: Input, options?: Options): Promise<Report>;
export function inspect(input: Input, options?: Options & { records?: number }): Promise<Inspection>;
export function analyzeFile(path: string, options?: Options): Promise<Report>;
/** Several tallies files (docs/scale.md) added up, then reported. */
export function analyzeTallies(inputs: Input[], options?: Options): Promise<Report>;
export function inspectFile(path: string, options?: Options & { records?: number }): Promise<Inspection>;
/** A tally: its histogram (scores 0..10), or its three category counts. */
export type TallyInput = { histogram: number[] } | { promoters: number; passives: number; detractors: number };
export interface StatsQuery {
  confidence?: number;
  compare?: { a: TallyInput; b: TallyInput };          // two independent groups, judged alone
  sampleSize?: { margin: number; expected?: TallyInput }; // responses for a +/- margin (points) interval
}
export function stats(query: StatsQuery): Promise<{ confidence: number; compare?: Difference; sample_size?: number }>;
export function openSession(inputs: Input | (Input | { name: string; data: Input })[], options?: SessionOptions): Promise<Session>;
