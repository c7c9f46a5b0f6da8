// Lets a page send the user to another page without knowing the app shell (main.ts listens).

import type { Page } from "./header";

const EVENT = "mailcart:navigate";

export function navigateTo(page: Page): void {
  document.dispatchEvent(new CustomEvent<Page>(EVENT, { detail: page }));
}

export function onNavigate(listener: (page: Page) => void): void {
  document.addEventListener(EVENT, (event) => listener((event as CustomEvent<Page>).detail));
}
