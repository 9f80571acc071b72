import { noInput, withContext } from "@/lib/http/project-route";
import { getLogPageResponse } from "@/lib/http/routes/logs-routes";

/** Older lines of one service: `?service=postgres&before=<timestamp>&limit=500`. */
export const GET = withContext(noInput, getLogPageResponse);
