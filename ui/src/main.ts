// Starts the UI: asks Rust for the system language, then renders the header and catalogue.

import { CataloguePage } from "./catalogue/catalogue-page";
import { Header } from "./header";
import { initialLanguage, onLanguageChange, setLanguage } from "./i18n/i18n";
import { commands, type AppInfo } from "./ipc";

async function start(root: HTMLElement): Promise<void> {
  let info: AppInfo | null = null;
  try {
    info = await commands.appInfo();
  } catch {
    // Without app info the UI still works: English, and the store badge is not shown.
  }
  setLanguage(initialLanguage(info?.systemLanguage ?? "en"));
  const header = new Header(info);
  const catalogue = new CataloguePage();
  const main = document.createElement("main");
  main.append(catalogue.root);
  root.append(header.root, main);
  header.render();
  catalogue.render();
  onLanguageChange(() => {
    header.render();
    catalogue.render();
  });
}

const root = document.getElementById("app");
if (root) void start(root);
