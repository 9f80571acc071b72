"use client";

import type { CompiledFilter } from "@/lib/logs/log-filter";
import { serviceCss } from "@/lib/logs/log-format";
import type { LogSettings } from "@/lib/logs/log-settings";

interface Props {
  /** The project's services, those with a container first. */
  available: readonly string[];
  selected: readonly string[] | null;
  /** null until the browser's copy has been read (the controls wait for it). */
  settings: LogSettings | null;
  update: (patch: Partial<LogSettings>) => void;
  filter: CompiledFilter;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onClear: () => void;
  onDownload: () => void;
}

/** The viewer's controls: services, filter, streams, layout toggles and the actions on the lines. */
export function LogToolbar({
  available,
  selected,
  settings,
  update,
  filter,
  loadingOlder,
  onLoadOlder,
  onClear,
  onDownload,
}: Props) {
  const timestamps = settings?.timestamps ?? true;
  const wrap = settings?.wrap ?? false;
  return (
    <>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <fieldset className="flex flex-wrap items-center gap-2" aria-label="Services">
          <legend className="sr-only">Services</legend>
          {available.map((service) => {
            const checked = selected?.includes(service) ?? false;
            return (
              <label key={service} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!settings}
                  onChange={() =>
                    update({
                      services: checked
                        ? (selected ?? []).filter((s) => s !== service)
                        : [...(selected ?? []), service],
                    })
                  }
                />
                {/* The service's colour as a swatch: as text it would be unreadable on a light page. */}
                <span
                  aria-hidden
                  className="inline-block h-2.5 w-2.5 rounded-full"
                  style={{ backgroundColor: serviceCss(service) }}
                />
                <span className="font-mono">{service}</span>
              </label>
            );
          })}
        </fieldset>
        <div className="flex items-center gap-2">
          <input
            type="search"
            aria-label="Filter lines"
            placeholder={settings?.regex ? "Regular expression" : "Filter text"}
            value={settings?.filter ?? ""}
            onChange={(event) => update({ filter: event.target.value })}
            aria-invalid={!filter.ok || undefined}
            aria-describedby={!filter.ok ? "log-filter-error" : undefined}
            className={
              "w-56 rounded border border-slate-300 bg-white px-2 py-1 " +
              "font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
            }
          />
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={settings?.regex ?? false}
              onChange={(event) => update({ regex: event.target.checked })}
            />
            Regex
          </label>
        </div>
        <fieldset className="flex items-center gap-2" aria-label="Streams">
          <legend className="sr-only">Streams</legend>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={settings?.stdout ?? true}
              onChange={(event) => update({ stdout: event.target.checked })}
            />
            stdout
          </label>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={settings?.stderr ?? true}
              onChange={(event) => update({ stderr: event.target.checked })}
            />
            stderr
          </label>
        </fieldset>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={timestamps}
            onChange={(event) => update({ timestamps: event.target.checked })}
          />
          Timestamps
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={wrap} onChange={(event) => update({ wrap: event.target.checked })} />
          Wrap
        </label>
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={onLoadOlder}
            disabled={loadingOlder || !selected?.length}
            className={
              "rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 " +
              "disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
            }
          >
            {loadingOlder ? "Loading…" : "Load older"}
          </button>
          <button
            type="button"
            onClick={onClear}
            className={
              "rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 " +
              "dark:border-slate-700 dark:hover:bg-slate-800"
            }
          >
            Clear
          </button>
          <button
            type="button"
            onClick={onDownload}
            className={
              "rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 " +
              "dark:border-slate-700 dark:hover:bg-slate-800"
            }
          >
            Download
          </button>
        </div>
      </div>

      {!filter.ok ? (
        <p id="log-filter-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {filter.error} (showing all lines until it is fixed)
        </p>
      ) : null}
    </>
  );
}
