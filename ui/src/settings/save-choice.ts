import { commands } from "../ipc";
import type { Settings } from "../ipc";

/** Saves one choice made outside the Settings form (the header's language, the guide closed) on
 *  top of the settings as they are now, read just before. Mailcart saves settings of its own too
 *  (the contact email after a checkout, the receive-code service's address once connected, a
 *  restore's): saving over a copy read earlier put back what those had replaced. */
export async function saveChoice(choice: Partial<Settings>): Promise<Settings> {
  const current = await commands.settingsGet();
  return commands.settingsSave({ ...current, ...choice });
}
