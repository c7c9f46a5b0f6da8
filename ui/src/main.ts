// Starts the UI: asks Rust for the app's state and settings, then shows the pages.

import { CataloguePage, sendFirstRequests } from "./catalogue/catalogue-page";
import { el } from "./dom";
import { Header, type Page } from "./header";
import { onLanguageChange, resolveLanguage, setLanguage, type Language } from "./i18n/i18n";
import { commands, type AppInfo, type Settings, type VaultStatus } from "./ipc";
import { NoticesBar } from "./notices";
import { OrdersPage } from "./orders/orders-page";
import { SettingsPage } from "./settings/settings-page";
import { saveChoice } from "./settings/save-choice";
import { VaultPanel } from "./vault/vault-panel";
import { LookupPage } from "./lookup/lookup-page";
import { ReceiveCodesPage } from "./receive-codes/receive-codes-page";
import { setCurrentSettings } from "./context";
import { onNavigate } from "./navigation";
import { UpdateBanner } from "./updates/update-banner";
import { WatchPage } from "./watch/watch-page";
import { keepWatchesFresh } from "./watch/watches";
import { FirstRunGuide } from "./first-run/guide";

const LOCKED: VaultStatus = { unlocked: false, protection: null, hasRecoveryPassphrase: false, problem: null };

async function start(root: HTMLElement): Promise<void> {
  const catalogueRequests = sendFirstRequests();
  let info: AppInfo | null = null;
  let settings: Settings | null = null;
  try {
    [info, settings] = await Promise.all([commands.appInfo(), commands.settingsGet()]);
  } catch {
    // Without them the UI still works: system language English, no store badge.
  }
  const systemLanguage: Language = info?.systemLanguage ?? "en";
  setLanguage(resolveLanguage(settings?.language ?? "system", systemLanguage));
  setCurrentSettings(settings);

  let page: Page = "catalogue";
  const catalogue = new CataloguePage(catalogueRequests);
  const orders = new OrdersPage();
  const settingsPage = new SettingsPage(
    info?.vault ?? LOCKED,
    (saved) => {
      settings = saved;
      setCurrentSettings(saved);
      setLanguage(resolveLanguage(saved.language, systemLanguage));
    },
    (status) => vaultPanel.update(status),
    () => guide.open(),
  );
  // Without settings (they could not be read) the guide stays closed: it could not be remembered.
  const guide = new FirstRunGuide(
    info,
    settings?.guideSeen ?? true,
    () => {
      if (!settings) return;
      void saveChoice({ guideSeen: true })
        .then((saved) => {
          settings = saved;
          setCurrentSettings(saved);
        })
        .catch(() => undefined);
    },
    () => navigate("settings"),
  );
  const vaultPanel = new VaultPanel(info?.vault ?? LOCKED, (status) => {
    settingsPage.setVault(status);
    if (page === "orders") orders.show();
  });
  const notices = new NoticesBar(info?.notices ?? [], info?.unfinishedOrders ?? 0, () => {
    orders.filterUnfinished();
    navigate("orders");
  });
  const lookup = new LookupPage((id) => {
    navigate("orders");
    orders.showOrder(id);
  });
  const codes = new ReceiveCodesPage();
  const watchPage = new WatchPage();
  const pages: Record<Page, HTMLElement> = { catalogue: catalogue.root, watch: watchPage.root, codes: codes.root, orders: orders.root, lookup: lookup.root, settings: settingsPage.root };
  const updates = new UpdateBanner();
  const main = el("main", {}, updates.root, notices.root, guide.root, vaultPanel.root, catalogue.root, watchPage.root, codes.root, orders.root, lookup.root, settingsPage.root);

  const navigate = (next: Page) => {
    page = next;
    for (const [name, element] of Object.entries(pages)) element.hidden = name !== page;
    header.render();
    if (page === "catalogue") catalogue.home();
    if (page === "orders") orders.show();
    if (page === "settings") void settingsPage.show();
    if (page === "lookup") lookup.render();
    if (page === "watch") void watchPage.show();
    if (page !== "codes") codes.leave();
    if (page === "codes") void codes.show();
  };
  const chooseLanguage = async (language: Language) => {
    setLanguage(language);
    settingsPage.languageChosen(language);
    if (settings) {
      try {
        settings = await saveChoice({ language });
        setCurrentSettings(settings);
      } catch {
        // The language still changes for this session; the Settings page shows save errors.
      }
    }
  };
  const header = new Header(info, () => page, navigate, (language) => void chooseLanguage(language));

  onNavigate(navigate);
  root.append(header.root, main);
  notices.render();
  guide.render();
  vaultPanel.render();
  catalogue.render();
  orders.render();
  navigate("catalogue");
  updates.render();
  // After the first screen (the store's list, or its error), so that neither the feed's answer nor
  // the updater's set-up competes with the catalogue.
  void catalogue.firstShown.catch(() => undefined).then(() => {
    void updates.check();
    keepWatchesFresh();
  });
  onLanguageChange(() => {
    updates.render();
    header.render();
    notices.render();
    guide.render();
    vaultPanel.render();
    catalogue.render();
    orders.render();
    lookup.render();
    watchPage.render();
    codes.render();
    settingsPage.render();
  });
}

const root = document.getElementById("app");
if (root) void start(root);
