/**
 * Browser-side fetch for the dashboard's own API: JSON in and out, and an ApiError that
 * carries the server's `{error: {code, message, hint}}` so components can show it as is.
 */
export interface ApiErrorBody {
  code: string;
  message: string;
  hint?: string;
  detail?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly payload: unknown,
  ) {
    super(body.message);
    this.name = "ApiError";
  }
}

export async function apiFetch<T>(url: string, init: RequestInit = {}): Promise<{ data: T; response: Response }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch {
    throw new ApiError(
      0,
      {
        code: "unavailable:dashboard",
        message: "The dashboard server is not answering.",
        hint: "Check that `mycelium serve` is still running.",
      },
      null,
    );
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(
      response.status,
      error ?? { code: "internal:unknown", message: `The server answered ${response.status}.` },
      payload,
    );
  }
  return { data: payload as T, response };
}

/** SWR fetcher: data only. */
export const fetchJson = async <T>(url: string): Promise<T> => (await apiFetch<T>(url)).data;
