/** What a fetch has done so far: reported after every page. */
export interface FetchProgress {
  /** Which query ("AmazonEC2", "Compute Engine", "Standard_ND96asr_v4"…). */
  query: string;
  pages: number;
  /** Products, SKUs or price items seen, all queries together. */
  seen: number;
  /** Set while waiting out a throttling response. */
  waitingMs?: number;
  /** Set while reading a file: how far into it. */
  bytes?: { read: number; total: number };
}

export type OnProgress = (p: FetchProgress) => void;
