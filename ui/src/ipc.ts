// The one way the UI calls Rust. Every failure comes out as an `AppError` with a kind the UI can
// branch on, whatever went wrong (a command error, a missing command, a denied permission).

import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { AppErrorKind } from "./bindings/AppErrorKind";
import type { AppInfo } from "./bindings/AppInfo";
import type { ProductView } from "./bindings/ProductView";

export type { AppError, AppErrorKind, AppInfo, ProductView };

const KINDS: readonly AppErrorKind[] = [
  "network",
  "timeout",
  "storeUnavailable",
  "notFound",
  "badResponse",
  "rateLimited",
  "unauthorized",
  "storeRejected",
  "invalidConfig",
];

export class CommandError extends Error {
  constructor(
    readonly kind: AppErrorKind | "unknown",
    message: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export function toCommandError(raw: unknown): CommandError {
  if (raw instanceof CommandError) return raw;
  if (typeof raw === "object" && raw !== null && "kind" in raw && "message" in raw) {
    const { kind, message } = raw as { kind: unknown; message: unknown };
    if (typeof kind === "string" && (KINDS as readonly string[]).includes(kind)) {
      return new CommandError(kind as AppErrorKind, String(message));
    }
  }
  return new CommandError("unknown", raw instanceof Error ? raw.message : String(raw));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toCommandError(raw);
  }
}

export const commands = {
  appInfo: () => call<AppInfo>("app_info"),
  listProducts: () => call<ProductView[]>("list_products"),
  getProduct: (idOrSlug: string) => call<ProductView>("get_product", { idOrSlug }),
};
