// The email-order service's codes in the user's language; an unknown code shows the server's text.

import { MESSAGES } from "../i18n/messages";
import { errorSentence } from "../errors";
import { language, t, type MessageKey } from "../i18n/i18n";
import { toCommandError } from "../ipc";

export function codesErrorSentence(error: unknown): string {
  const commandError = toCommandError(error);
  if (commandError.kind === "orderMayExist" && commandError.orderNo) return t("receiveCodes.notSaved", { orderNo: commandError.orderNo });
  if (commandError.kind === "lockedOut") return t("receiveCodes.lockedOut");
  if (commandError.kind === "unauthorized") return t("receiveCodes.error.401");
  if (commandError.code !== undefined) {
    const key = `receiveCodes.error.${commandError.code}` as MessageKey;
    if (key in MESSAGES[language()]) return t(key);
    // Unknown code: the service's own words.
    return commandError.storeMessage ?? commandError.message;
  }
  return errorSentence(error);
}
