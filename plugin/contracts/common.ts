/** The error body every admin route answers with when it refuses a request. */
export interface ApiErrorBody {
  error: {
    status: number;
    name: string;
    message: string;
    details?: { fields?: Record<string, string> } & Record<string, unknown>;
  };
}

export interface PageSummary {
  id: string;
  name: string;
  sendingHalted: boolean;
}

export interface ListPagesResponse {
  data: PageSummary[];
}
