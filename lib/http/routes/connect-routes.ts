import { z } from "zod";
import { PROFILE_NAME_PATTERN, PROFILE_NAME_RULE } from "../../connect/profile-name";
import { loadConnectionFacts, writeStackProfile } from "../../connect/stack-connection";
import type { Project } from "../../stack/project-context";
import type { ConnectResponse, ProfileResponse } from "../api-contract";
import { jsonResponse } from "../route-handler";

/** The "Connect your app" endpoints, app/api/connect. */

export const profileWriteSchema = z.strictObject({
  name: z.string().regex(PROFILE_NAME_PATTERN, PROFILE_NAME_RULE),
});

/** GET /api/connect: the facts, the PostgreSQL password masked. */
export async function getConnectResponse(project: Project): Promise<Response> {
  return jsonResponse<ConnectResponse>(await loadConnectionFacts(project));
}

/** POST /api/connect/profile `{name}`: writes the profile, answers where and what happened. */
export async function postProfileResponse(
  project: Project,
  { name }: z.output<typeof profileWriteSchema>,
): Promise<Response> {
  return jsonResponse<ProfileResponse>(await writeStackProfile(await loadConnectionFacts(project), name));
}
