// The coins, with the token and the network named plainly in the buyer's language (a wrong network
// loses the money). The list itself comes from Rust (`Coin`), generated into bindings/constants.ts.

import type { Coin } from "../bindings/Coin";
import { COINS as COIN_FACTS } from "../bindings/constants";
import { language } from "../i18n/i18n";

/** `mustNotSend`: what would lose the payment if sent instead; `explorer`: the host of the chain's
 *  public block explorer (the page itself is opened by Rust: `open_explorer`). */
export type CoinInfo = { coin: Coin; token: string; network: string; mustNotSend: string; explorer: string };

/** Every coin, its network named in the current language. */
export function coins(): CoinInfo[] {
  return COIN_FACTS.map((c) => ({ coin: c.coin, token: c.token, network: c.network[language()], mustNotSend: c.mustNotSend[language()], explorer: c.explorer }));
}

export function coinInfo(coin: string | null | undefined): CoinInfo | undefined {
  return coins().find((c) => c.coin === coin);
}

/** "USDT · TRON (TRC20)": what a picker or a detail shows for a coin. */
export function coinLabel(coin: string | null | undefined): string | null {
  const info = coinInfo(coin);
  return info ? `${info.token} · ${info.network}` : coin ?? null;
}
