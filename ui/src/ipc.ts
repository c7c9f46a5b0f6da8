// The one way the UI calls Rust. Every failure comes out as an `AppError` with a kind the UI can
// branch on, whatever went wrong (a command error, a missing command, a denied permission).

import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { AppErrorKind } from "./bindings/AppErrorKind";
import type { AppInfo } from "./bindings/AppInfo";
import type { ProductView } from "./bindings/ProductView";
import type { VaultStatus } from "./bindings/VaultStatus";
import type { Settings } from "./bindings/Settings";
import type { OrderFilter } from "./bindings/OrderFilter";
import type { OrderSummary } from "./bindings/OrderSummary";
import type { OrderDetail } from "./bindings/OrderDetail";
import type { ExportFormat } from "./bindings/ExportFormat";

export type { AppError, AppErrorKind, AppInfo, ProductView, VaultStatus, Settings, OrderFilter, OrderSummary, OrderDetail, ExportFormat };

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
  "invalidInput",
  "vaultLocked",
  "wrongPassphrase",
  "storage",
];

export class CommandError extends Error {
  constructor(
    readonly kind: AppErrorKind | "unknown",
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export function toCommandError(raw: unknown): CommandError {
  if (raw instanceof CommandError) return raw;
  if (typeof raw === "object" && raw !== null && "kind" in raw && "message" in raw) {
    const { kind, message, field } = raw as { kind: unknown; message: unknown; field?: unknown };
    if (typeof kind === "string" && (KINDS as readonly string[]).includes(kind)) {
      return new CommandError(kind as AppErrorKind, String(message), typeof field === "string" ? field : undefined);
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
  vaultStatus: () => call<VaultStatus>("vault_status"),
  vaultUnlock: (passphrase: string) => call<VaultStatus>("vault_unlock", { passphrase }),
  vaultSetPassphrase: (passphrase: string) => call<VaultStatus>("vault_set_passphrase", { passphrase }),
  vaultUseSessionOnly: () => call<VaultStatus>("vault_use_session_only"),
  vaultRetryKeychain: () => call<VaultStatus>("vault_retry_keychain"),
  settingsGet: () => call<Settings>("settings_get"),
  settingsSave: (settings: Settings) => call<Settings>("settings_save", { settings }),
  ordersList: (filter: OrderFilter) => call<OrderSummary[]>("orders_list", { filter }),
  orderDetail: (id: number) => call<OrderDetail>("order_detail", { id }),
  orderExport: (id: number, format: ExportFormat) => call<string | null>("order_export", { id, format }),
};
