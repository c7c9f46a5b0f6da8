// The email-order service's codes in the user's language; an unknown code shows the server's text.

import { MESSAGES } from "../i18n/messages";
import { errorSentence } from "../errors";
import { language, t, type MessageKey } from "../i18n/i18n";
import { toCommandError } from "../ipc";

export function codesErrorSentence(error: unknown): string {
  const commandError = toCommandError(error);
  if (commandError.kind === "orderMayExist" && commandError.orderNo) return t("receiveCodes.notSaved", { orderNo: commandError.orderNo });
  // No number came back (an error from the service, or no answer): there is nothing to look up.
  if (commandError.kind === "orderMayExist") return `${t("receiveCodes.mayExist")} ${t("error.details", { message: commandError.message })}`;
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
