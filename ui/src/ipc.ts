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
import type { StoreCheck } from "./bindings/StoreCheck";
import type { PendingAttempt } from "./bindings/PendingAttempt";
import type { CheckoutInput } from "./bindings/CheckoutInput";
import type { CheckoutView } from "./bindings/CheckoutView";
import type { LoginStatus } from "./bindings/LoginStatus";
import type { PaymentOptions } from "./bindings/PaymentOptions";
import type { EmailOrderSetup } from "./bindings/EmailOrderSetup";
import type { PlatformView } from "./bindings/PlatformView";
import type { CodeOrderView } from "./bindings/CodeOrderView";
import type { UpdateOffer } from "./bindings/UpdateOffer";

export type { AppError, AppErrorKind, AppInfo, ProductView, VaultStatus, Settings, OrderFilter, OrderSummary, OrderDetail, ExportFormat, PendingAttempt };
export type { StoreCheck };
export type { CheckoutInput, CheckoutView, LoginStatus, PaymentOptions, EmailOrderSetup, PlatformView, CodeOrderView, UpdateOffer };

// Every kind Rust can send: a Record, so that a kind added to the Rust enum (and so to the
// generated AppErrorKind) is a type error here until it is listed.
const KINDS: Record<AppErrorKind, true> = {
  network: true,
  timeout: true,
  storeUnavailable: true,
  notFound: true,
  badResponse: true,
  rateLimited: true,
  unauthorized: true,
  storeRejected: true,
  invalidConfig: true,
  invalidInput: true,
  vaultLocked: true,
  wrongPassphrase: true,
  storage: true,
  fileInUse: true,
  insufficientBalance: true,
  orderMayExist: true,
  notConfigured: true,
  lockedOut: true,
  loggedInAgain: true,
  updateRefused: true,
  updateFailed: true,
};

export class CommandError extends Error {
  constructor(
    readonly kind: AppErrorKind | "unknown",
    message: string,
    readonly field?: string,
    readonly retryAfterMs?: number,
    readonly code?: number,
    /** With `orderMayExist`: the store's order number, when its answer came but was not saved. */
    readonly orderNo?: string,
    /** The store's own words, when it refused with a message. */
    readonly storeMessage?: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export function toCommandError(raw: unknown): CommandError {
  if (raw instanceof CommandError) return raw;
  if (typeof raw === "object" && raw !== null && "kind" in raw && "message" in raw) {
    const { kind, message, field, retryAfterMs, code, orderNo, storeMessage } = raw as {
      kind: unknown;
      message: unknown;
      field?: unknown;
      retryAfterMs?: unknown;
      code?: unknown;
      orderNo?: unknown;
      storeMessage?: unknown;
    };
    if (typeof kind === "string" && Object.prototype.hasOwnProperty.call(KINDS, kind)) {
      return new CommandError(
        kind as AppErrorKind,
        String(message),
        typeof field === "string" ? field : undefined,
        typeof retryAfterMs === "number" ? retryAfterMs : undefined,
        typeof code === "number" ? code : undefined,
        typeof orderNo === "string" ? orderNo : undefined,
        typeof storeMessage === "string" ? storeMessage : undefined,
      );
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
  orderAttempts: () => call<PendingAttempt[]>("order_attempts"),
  orderAttemptDismiss: (id: number) => call<void>("order_attempt_dismiss", { id }),
  paymentOptions: () => call<PaymentOptions>("payment_options"),
  checkoutCreate: (input: CheckoutInput) => call<CheckoutView>("checkout_create", { input }),
  checkoutRefresh: (id: number) => call<CheckoutView>("checkout_refresh", { id }),
  checkoutView: (id: number) => call<CheckoutView>("checkout_view", { id }),
  openCashier: (id: number) => call<void>("open_cashier", { id }),
  login: (email: string, password: string, rememberPassword: boolean) => call<LoginStatus>("login", { email, password, rememberPassword }),
  loginStatus: () => call<LoginStatus>("login_status"),
  logout: () => call<LoginStatus>("logout"),
  lookupOrder: (orderNo: string, email: string) => call<OrderDetail>("lookup_order", { orderNo, email }),
  emailOrderSetupStatus: () => call<EmailOrderSetup>("email_order_setup_status"),
  emailOrderSetup: (url: string, apiKey: string) => call<EmailOrderSetup>("email_order_setup", { url, apiKey }),
  emailOrderPlatforms: () => call<PlatformView[]>("email_order_platforms"),
  emailOrderBuy: (platformId: string, count: number) => call<CodeOrderView>("email_order_buy", { platformId, count }),
  /** `tryKeyAgain`: the user's word to send the API key again after it was refused or locked out. */
  emailOrderRefresh: (id: number, tryKeyAgain = false) => call<CodeOrderView>("email_order_refresh", { id, tryKeyAgain }),
  emailOrderOpen: (orderNo: string) => call<CodeOrderView>("email_order_open", { orderNo }),
  checkStore: () => call<StoreCheck>("check_store"),
  checkForUpdate: () => call<UpdateOffer | null>("check_for_update"),
  installUpdate: () => call<void>("install_update"),
};
