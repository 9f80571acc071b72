"use client";

import { useId, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/api-client";
import { buttonPrimary, buttonSecondary, errorNotice, NoticeBanner, type Notice } from "@/components/ui";
import { REUSE_POSTGRES_URL, type ReusePostgresResponse } from "./deploy-types";

const FIELD =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 " +
  "text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

/**
 * Credentials for a PostgreSQL that already runs on the port. The server tests them the way
 * Temporal will log in before anything is saved; the password goes to `.env`, never back.
 */
export function ReusePostgresForm({
  port,
  defaultUser,
  onReused,
  onCancel,
}: {
  port: number;
  defaultUser: string;
  onReused: (report: ReusePostgresResponse) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [user, setUser] = useState(defaultUser);
  const [password, setPassword] = useState("");
  const [testing, setTesting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTesting(true);
    setNotice(null);
    try {
      const { data } = await apiFetch<ReusePostgresResponse>(REUSE_POSTGRES_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user, password }),
      });
      setPassword("");
      await onReused(data);
    } catch (error) {
      setNotice(errorNotice(error, "The credentials could not be tested."));
    } finally {
      setTesting(false);
    }
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="mt-2 space-y-2 rounded-md border border-current/20 bg-white/60 p-3 dark:bg-slate-950/40"
      aria-label="Reuse this PostgreSQL"
    >
      <p className="text-xs">
        Temporal will log in to the server on port {port} as this user and create its two databases there if they are
        missing. Nothing is saved until the login works from Docker&apos;s network too.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <label htmlFor={`${id}-user`} className="space-y-1">
          <span className="block text-xs font-medium">User</span>
          <input
            id={`${id}-user`}
            value={user}
            onChange={(e) => setUser(e.target.value)}
            autoComplete="username"
            spellCheck={false}
            required
            className={FIELD}
          />
        </label>
        <label htmlFor={`${id}-password`} className="space-y-1">
          <span className="block text-xs font-medium">Password</span>
          <input
            id={`${id}-password`}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
            className={FIELD}
          />
        </label>
      </div>
      <NoticeBanner notice={notice} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={testing || !user || !password} className={buttonPrimary}>
          {testing ? "Testing…" : "Test and reuse"}
        </button>
        <button type="button" onClick={onCancel} disabled={testing} className={buttonSecondary}>
          Cancel
        </button>
      </div>
    </form>
  );
}
