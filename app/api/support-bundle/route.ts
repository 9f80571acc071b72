import { environmentEngine } from "@/lib/stack/engine-target";
import { handleRoute, readEmptyBody } from "@/lib/http/route-handler";
import { createSupportBundle } from "@/lib/support/support-bundle";

export const POST = handleRoute(async (request: Request) => {
  await readEmptyBody(request);
  const bundle = await createSupportBundle(environmentEngine());
  return new Response(new Uint8Array(bundle.archive), {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${bundle.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
