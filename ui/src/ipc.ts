// The one way the UI calls Rust. Every failure comes out as an `AppError` with a kind the UI can
// branch on, whatever went wrong (a command error, a missing command, a denied permission).

import { invoke } from "@tauri-apps/api/core";
import { commandsOver } from "./bindings/commands";
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
import type { ReceiveCodesSetup } from "./bindings/ReceiveCodesSetup";
import type { PlatformView } from "./bindings/PlatformView";
import type { CodeOrderView } from "./bindings/CodeOrderView";
import type { CodeItemView } from "./bindings/CodeItemView";
import type { ItemView } from "./bindings/ItemView";
import type { ItemField } from "./bindings/ItemField";
import type { UpdateOffer } from "./bindings/UpdateOffer";
import type { RuleError } from "./bindings/RuleError";
import type { Quote } from "./bindings/Quote";

export type { AppError, AppErrorKind, AppInfo, ProductView, VaultStatus, Settings, OrderFilter, OrderSummary, OrderDetail, ExportFormat, PendingAttempt };
export type { StoreCheck, RuleError, Quote };
export type { CheckoutInput, CheckoutView, LoginStatus, PaymentOptions, ReceiveCodesSetup, PlatformView, CodeOrderView, CodeItemView, ItemView, ItemField, UpdateOffer };

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
  notABackup: true,
  backupDamaged: true,
  backupTooNew: true,
  lookupNeeded: true,
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
    /** The rule an order broke, as Rust names it (`errors.ts` words it). */
    readonly rule?: RuleError,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export function toCommandError(raw: unknown): CommandError {
  if (raw instanceof CommandError) return raw;
  if (typeof raw === "object" && raw !== null && "kind" in raw && "message" in raw) {
    const { kind, message, field, retryAfterMs, code, orderNo, storeMessage, rule } = raw as {
      kind: unknown;
      message: unknown;
      field?: unknown;
      retryAfterMs?: unknown;
      code?: unknown;
      orderNo?: unknown;
      storeMessage?: unknown;
      rule?: unknown;
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
        typeof rule === "object" && rule !== null && typeof (rule as { rule?: unknown }).rule === "string" ? (rule as RuleError) : undefined,
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

/** Every command, typed from Rust's one list (`src-tauri/src/commands/list.rs`). */
export const commands = commandsOver(call);
