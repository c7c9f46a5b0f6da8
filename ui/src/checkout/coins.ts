// The coins, with the token and the network named plainly (a wrong network loses the money).

import type { Coin } from "../bindings/Coin";

export type CoinInfo = { coin: Coin; token: string; network: string };

export const COINS: CoinInfo[] = [
  { coin: "trc20_usdt", token: "USDT", network: "TRON (TRC20)" },
  { coin: "erc20_usdt", token: "USDT", network: "Ethereum (ERC20)" },
  { coin: "bep20_usdt", token: "USDT", network: "BNB Smart Chain (BEP20)" },
  { coin: "btc", token: "BTC", network: "Bitcoin" },
  { coin: "eth", token: "ETH", network: "Ethereum" },
  { coin: "trx", token: "TRX", network: "TRON" },
  { coin: "bnb", token: "BNB", network: "BNB Smart Chain (BEP20)" },
];

export function coinInfo(coin: string | null | undefined): CoinInfo | undefined {
  return COINS.find((c) => c.coin === coin);
}
