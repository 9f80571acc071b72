import { emptyBody, withContext } from "@/lib/http/project-route";
import { createSupportBundle } from "@/lib/support/support-bundle";

export const POST = withContext(emptyBody, async (context) => {
  const bundle = await createSupportBundle(context);
  return new Response(new Uint8Array(bundle.archive), {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${bundle.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
