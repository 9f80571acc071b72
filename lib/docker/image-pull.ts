import type Docker from "dockerode";
import { MyceliumError } from "../errors";
import { isNoSuchObject, withEngine } from "./docker-client";

export interface PullProgress {
  image: string;
  layer: string | null;
  status: string;
  current: number | null;
  total: number | null;
}

export async function imageExists(docker: Docker, image: string): Promise<boolean> {
  try {
    await withEngine(() => docker.getImage(image).inspect());
    return true;
  } catch (error) {
    if (isNoSuchObject(error)) return false;
    throw error;
  }
}

function pullFailed(image: string, cause: string): MyceliumError {
  const archive = `${image.replace(/[/:@]/g, "_")}.tar`;
  return new MyceliumError("unavailable:image_pull", `Could not pull ${image}: ${cause.slice(0, 300)}`, {
    hint:
      `If this machine cannot reach the registry, load the image from an archive made ` +
      `elsewhere: \`docker save ${image} -o ${archive}\` there, then \`docker load -i ` +
      `${archive}\` here. Or set the service's image in the config to one you have.`,
  });
}

/**
 * The layer a pull progress event is about, or null for the image as a whole. The engine puts
 * the tag in `id` of its first line ("Pulling from library/postgres", id "15.3"): not a layer.
 */
export function pullEventLayer(event: { id?: string; status?: string }): string | null {
  if (!event.id || /^Pulling from /.test(event.status ?? "")) return null;
  return event.id;
}

/** Pull an image, reporting per-layer progress; a failure names the image and the cause. */
export async function pullImage(
  docker: Docker,
  image: string,
  onProgress: (progress: PullProgress) => void,
): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await withEngine(() => docker.pull(image) as Promise<NodeJS.ReadableStream>);
  } catch (error) {
    if (error instanceof MyceliumError) throw error;
    throw pullFailed(image, (error as Error).message ?? String(error));
  }
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: { error?: string }[]) => {
        const failure = error?.message ?? output?.find((entry) => entry.error)?.error;
        if (failure) reject(pullFailed(image, failure));
        else resolve();
      },
      (event: { id?: string; status?: string; progressDetail?: { current?: number; total?: number } }) =>
        onProgress({
          image,
          layer: pullEventLayer(event),
          status: event.status ?? "",
          current: event.progressDetail?.current ?? null,
          total: event.progressDetail?.total ?? null,
        }),
    );
  });
}
