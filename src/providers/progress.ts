/** What a fetch has done so far: reported after every page. */
export interface FetchProgress {
  /** Which query ("AmazonEC2", "Compute Engine", "Standard_ND96asr_v4"…). */
  query: string;
  pages: number;
  /** Products, SKUs or price items seen, all queries together. */
  seen: number;
  /** Set while waiting out a throttling response. */
  waitingMs?: number;
}

export type OnProgress = (p: FetchProgress) => void;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
