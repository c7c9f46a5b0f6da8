//! What the app knows of GmailStore's objects, decoded tolerantly: documented snake_case names,
//! camelCase aliases, numbers or strings for amounts and counts, unknown fields ignored.

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::money;

/// A product of the catalogue (`GET /products`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Product {
    pub id: String,
    pub slug: String,
    #[serde(alias = "nameZh")]
    pub name_zh: String,
    #[serde(alias = "nameEn")]
    pub name_en: String,
    #[serde(deserialize_with = "money::lenient_count")]
    pub stock: u32,
    #[serde(alias = "minQuantity", deserialize_with = "money::lenient_count")]
    pub min_quantity: u32,
    /// Unit price in the store's currency (CNY: `balance_cny` pays an order's amount from the CNY
    /// balance as is, while `balance_crypto` converts it).
    #[serde(deserialize_with = "money::lenient_non_negative_decimal")]
    pub price: Decimal,
}

impl Product {
    pub fn is_sold_out(&self) -> bool {
        self.stock == 0
    }
}

/// How an order is paid (the API's `paymentMethod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Crypto,
    BalanceCny,
    BalanceCrypto,
    Alipay,
    Wechat,
}

impl PaymentMethod {
    /// Every method, in the order the checkout offers them.
    pub const ALL: [PaymentMethod; 5] = [PaymentMethod::Crypto, PaymentMethod::BalanceCny, PaymentMethod::BalanceCrypto, PaymentMethod::Alipay, PaymentMethod::Wechat];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Crypto => "crypto",
            PaymentMethod::BalanceCny => "balance_cny",
            PaymentMethod::BalanceCrypto => "balance_crypto",
            PaymentMethod::Alipay => "alipay",
            PaymentMethod::Wechat => "wechat",
        }
    }

    /// The method an order book row names (written by [`Self::as_str`]).
    pub fn parse(text: &str) -> Option<PaymentMethod> {
        Self::ALL.into_iter().find(|method| method.as_str() == text)
    }

    /// Balance payments need the user's bearer token.
    pub fn needs_login(self) -> bool {
        matches!(self, PaymentMethod::BalanceCny | PaymentMethod::BalanceCrypto)
    }
}

/// The coins GmailStore takes, by their API names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub enum Coin {
    #[serde(rename = "trc20_usdt")]
    Trc20Usdt,
    #[serde(rename = "erc20_usdt")]
    Erc20Usdt,
    #[serde(rename = "bep20_usdt")]
    Bep20Usdt,
    #[serde(rename = "btc")]
    Btc,
    #[serde(rename = "eth")]
    Eth,
    #[serde(rename = "trx")]
    Trx,
    #[serde(rename = "bnb")]
    Bnb,
}

impl Coin {
    pub const ALL: [Coin; 7] = [Coin::Trc20Usdt, Coin::Erc20Usdt, Coin::Bep20Usdt, Coin::Btc, Coin::Eth, Coin::Trx, Coin::Bnb];

    pub fn as_str(self) -> &'static str {
        match self {
            Coin::Trc20Usdt => "trc20_usdt",
            Coin::Erc20Usdt => "erc20_usdt",
            Coin::Bep20Usdt => "bep20_usdt",
            Coin::Btc => "btc",
            Coin::Eth => "eth",
            Coin::Trx => "trx",
            Coin::Bnb => "bnb",
        }
    }

    pub fn parse(text: &str) -> Option<Coin> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The token sent (what a wallet calls it).
    pub fn token(self) -> &'static str {
        match self {
            Coin::Trc20Usdt | Coin::Erc20Usdt | Coin::Bep20Usdt => "USDT",
            Coin::Btc => "BTC",
            Coin::Eth => "ETH",
            Coin::Trx => "TRX",
            Coin::Bnb => "BNB",
        }
    }

    /// The network it must be sent on, named plainly in English and in Chinese (a wrong network
    /// loses the money). The UI's only list of coins is generated from this one
    /// (`ui/src/bindings/constants.ts`).
    pub fn network(self) -> (&'static str, &'static str) {
        match self {
            Coin::Trc20Usdt => ("TRON (TRC20)", "波场 TRON（TRC20）"),
            Coin::Erc20Usdt => ("Ethereum (ERC20)", "以太坊（ERC20）"),
            Coin::Bep20Usdt => ("BNB Smart Chain (BEP20)", "币安智能链（BEP20）"),
            Coin::Btc => ("Bitcoin", "比特币网络"),
            Coin::Eth => ("Ethereum", "以太坊"),
            Coin::Trx => ("TRON", "波场 TRON"),
            Coin::Bnb => ("BNB Smart Chain (BEP20)", "币安智能链（BEP20）"),
        }
    }

    /// What must not be sent instead, in English and in Chinese: the mistakes that lose a payment
    /// (the right token on another chain, the chain's own coin instead of the token).
    pub fn must_not_send(self) -> (&'static str, &'static str) {
        match self {
            Coin::Trc20Usdt => (
                "USDT on TRON (TRC20) only. Not TRX, and not USDT on Ethereum or BNB Smart Chain.",
                "只能发送波场 TRON（TRC20）上的 USDT。不要发送 TRX，也不要发送以太坊或币安智能链上的 USDT。",
            ),
            Coin::Erc20Usdt => (
                "USDT on Ethereum (ERC20) only. Not ETH, and not USDT on TRON or BNB Smart Chain.",
                "只能发送以太坊（ERC20）上的 USDT。不要发送 ETH，也不要发送波场或币安智能链上的 USDT。",
            ),
            Coin::Bep20Usdt => (
                "USDT on BNB Smart Chain (BEP20) only. Not BNB, and not USDT on TRON or Ethereum.",
                "只能发送币安智能链（BEP20）上的 USDT。不要发送 BNB，也不要发送波场或以太坊上的 USDT。",
            ),
            Coin::Btc => (
                "BTC on the Bitcoin network only. Not wrapped bitcoin (WBTC, BTCB) on another chain.",
                "只能在比特币网络上发送 BTC。不要发送其他链上的包装比特币（WBTC、BTCB）。",
            ),
            Coin::Eth => (
                "ETH on Ethereum (mainnet) only. Not ETH on Arbitrum, Optimism, Base or BNB Smart Chain, and not USDT.",
                "只能发送以太坊主网上的 ETH。不要发送 Arbitrum、Optimism、Base 或币安智能链上的 ETH，也不要发送 USDT。",
            ),
            Coin::Trx => ("TRX on TRON only. Not USDT, and not TRX on another chain.", "只能发送波场 TRON 上的 TRX。不要发送 USDT，也不要发送其他链上的 TRX。"),
            Coin::Bnb => (
                "BNB on BNB Smart Chain (BEP20) only. Not BNB on the old BNB Beacon Chain (BEP2), and not USDT.",
                "只能发送币安智能链（BEP20）上的 BNB。不要发送旧的币安链（BEP2）上的 BNB，也不要发送 USDT。",
            ),
        }
    }
}

/// What the buyer asks the store to create.
#[derive(Clone, Debug)]
pub struct CreateOrderRequest {
    /// The product's id (never its slug, per `docs/api/gmailstore.md`).
    pub product_id: String,
    pub quantity: u32,
    pub contact_email: String,
    pub payment_method: PaymentMethod,
    /// Required for crypto only.
    pub coin: Option<Coin>,
    pub coupon_code: Option<String>,
}

/// An order's state in the store's words, mapped onto what the app distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreOrderStatus {
    AwaitingPayment,
    Confirming,
    Paid,
    Delivered,
    Expired,
    Underpaid,
    Failed,
    Cancelled,
    /// A word this version does not know: keep checking.
    Unknown,
}

/// The store's answer to a create-order.
#[derive(Debug)]
pub struct CreatedOrder {
    pub id: Option<String>,
    pub order_no: Option<String>,
    pub access_token: Option<crate::vault::Secret<String>>,
    pub status: StoreOrderStatus,
    pub total: StatedTotal,
    pub currency: Option<String>,
    pub coin: Option<String>,
    pub pay_address: Option<String>,
    pub pay_amount: Option<Decimal>,
    pub network: Option<String>,
    pub expires_at: Option<String>,
    pub cashier_url: Option<String>,
    /// Fields the store sent in a form the app could not read (`shapes::ORDER_TOTAL`,
    /// `shapes::AMOUNT_TO_PAY`): they read as unknown, and the buyer is shown the store's answer.
    pub unreadable: Vec<&'static str>,
    /// The whole answer as received (kept sealed in the order book).
    pub raw: String,
}

/// The order's total as the create answer gave it. Unreadable is not absent: with no total at all
/// the app may show its own sum, but a total the store sent in a form no reader takes stays
/// unknown (the sum could differ from what the store will ask).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatedTotal {
    Stated(Decimal),
    NotStated,
    Unreadable,
}

impl StatedTotal {
    pub fn stated(self) -> Option<Decimal> {
        match self {
            StatedTotal::Stated(total) => Some(total),
            _ => None,
        }
    }
}

/// One delivered account as the store sent it.
#[derive(Clone, Debug)]
pub struct DeliveredAccount {
    pub login: String,
    pub password: Option<crate::vault::Secret<String>>,
    /// Recovery email, 2FA secret, notes, and any other field the store sent, one by one.
    pub fields: Vec<super::AccountField>,
    /// The store's own text for this account, when it sent one.
    pub line: Option<crate::vault::Secret<String>>,
}

/// Where and what to pay for a crypto order, as far as an answer says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentDetails {
    pub address: Option<String>,
    /// The exact amount to send, in the coin.
    pub amount: Option<Decimal>,
    pub coin: Option<String>,
    pub network: Option<String>,
    pub expires_at: Option<String>,
    /// How much has arrived, when the store says (an underpaid order).
    pub received: Option<Decimal>,
}

/// The store's answer to a status check or an order lookup.
#[derive(Debug)]
pub struct OrderState {
    pub order_no: Option<String>,
    pub status: StoreOrderStatus,
    /// The store's own word for the status, shown beside the app's.
    pub status_word: Option<String>,
    pub accounts: Vec<DeliveredAccount>,
    /// A list of accounts none of which could be read: each item's JSON text as the store sent it
    /// (shown to the buyer as is, never "delivered" with nothing in it).
    pub unreadable_accounts: Vec<String>,
    /// A list came and not one account could be read from it (kept in `unreadable_accounts` only
    /// when it may be the delivery): said in the log and by "Check the store".
    pub list_unread: bool,
    /// Payment details, when a status answer carries them (a create answer may have lacked them).
    pub payment: PaymentDetails,
    pub message: Option<String>,
    pub raw: String,
}

/// A successful login.
#[derive(Debug)]
pub struct LoginSession {
    pub token: crate::vault::Secret<String>,
    pub balance: Option<Decimal>,
    pub balance_crypto: Option<Decimal>,
}

/// Which cashier methods the store offers now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaymentConfig {
    pub alipay: bool,
    pub wechat: bool,
}
