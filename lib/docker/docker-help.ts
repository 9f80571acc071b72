/**
 * What to do when the Docker engine is not there, per OS. Its own module (no dockerode) so
 * the first-run page can show every OS's steps in the browser.
 */
export const DOCKER_HELP = {
  linux:
    "Start it with `sudo systemctl start docker` (or `sudo dockerd &`), then make " +
    "sure your user can use it (`sudo usermod -aG docker $USER`, then log in again).",
  macos: "Start Docker Desktop (or Colima: `colima start`) and wait until it says it is running.",
  windows: "Start Docker Desktop with the WSL 2 backend, then run Mycelium inside your WSL distribution.",
} as const;

/** How to install an engine in the first place, per OS. */
export const DOCKER_INSTALL = {
  linux:
    "Install Docker Engine from your distribution (Debian/Ubuntu: `sudo apt-get install docker.io`), then start it.",
  macos: "Install Docker Desktop, or Colima (`brew install colima docker`), then start it.",
  windows: "Install Docker Desktop and turn on its WSL 2 backend; run Mycelium inside WSL.",
} as const;
