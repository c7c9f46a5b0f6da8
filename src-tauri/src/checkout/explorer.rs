//! Where a buyer can see their payment arrive: the public block explorer of each chain the coins
//! are sent on, and the page of a receiving address there. This is the one table of chains and
//! explorer hosts; the page's URL still passes the cashier's https/host check before the system
//! browser gets it (`endpoint::check_cashier_url`).

use url::Url;

use crate::endpoint::{check_cashier_url, EndpointError};
use crate::stores::gmailstore::Coin;

/// A chain the store's coins are sent on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    Tron,
    Ethereum,
    BnbSmartChain,
    Bitcoin,
}

impl Chain {
    /// The chain a coin is sent on.
    pub fn of(coin: Coin) -> Chain {
        match coin {
            Coin::Trc20Usdt | Coin::Trx => Chain::Tron,
            Coin::Erc20Usdt | Coin::Eth => Chain::Ethereum,
            Coin::Bep20Usdt | Coin::Bnb => Chain::BnbSmartChain,
            Coin::Btc => Chain::Bitcoin,
        }
    }

    /// The explorer's host and the page of `{address}` on it.
    fn explorer(self) -> (&'static str, &'static str) {
        match self {
            Chain::Tron => ("tronscan.org", "https://tronscan.org/#/address/{address}"),
            Chain::Ethereum => ("etherscan.io", "https://etherscan.io/address/{address}"),
            Chain::BnbSmartChain => ("bscscan.com", "https://bscscan.com/address/{address}"),
            Chain::Bitcoin => ("mempool.space", "https://mempool.space/address/{address}"),
        }
    }

    /// The explorer's host name, as the button names it.
    pub fn explorer_host(self) -> &'static str {
        self.explorer().0
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExplorerError {
    /// Addresses on these chains are letters and digits only (base58, hex with `0x`, bech32);
    /// anything else is not put into a URL.
    #[error("the receiving address does not look like an address on this network: {0}")]
    NotAnAddress(String),
    #[error(transparent)]
    Refused(#[from] EndpointError),
}

/// The explorer page of `address` on `coin`'s chain, checked as a cashier URL would be.
pub fn address_page(coin: Coin, address: &str) -> Result<Url, ExplorerError> {
    let address = address.trim();
    let plausible = (20..=100).contains(&address.len()) && address.chars().all(|c| c.is_ascii_alphanumeric());
    if !plausible {
        return Err(ExplorerError::NotAnAddress(address.to_owned()));
    }
    let chain = Chain::of(coin);
    let page = chain.explorer().1.replace("{address}", address);
    let url = check_cashier_url(&page)?;
    // The table's own host, nothing else: an address cannot move the page to another site.
    if url.host_str() != Some(chain.explorer_host()) {
        return Err(ExplorerError::NotAnAddress(address.to_owned()));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_coin_opens_its_own_chains_explorer() {
        let tron = "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE";
        assert_eq!(address_page(Coin::Trc20Usdt, tron).unwrap().as_str(), format!("https://tronscan.org/#/address/{tron}"));
        assert_eq!(address_page(Coin::Trx, tron).unwrap().host_str(), Some("tronscan.org"));
        let btc = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";
        assert_eq!(address_page(Coin::Btc, btc).unwrap().as_str(), format!("https://mempool.space/address/{btc}"));
        let evm = "0x52908400098527886E0F7030069857D2E4169EE7";
        assert_eq!(address_page(Coin::Erc20Usdt, evm).unwrap().host_str(), Some("etherscan.io"));
        assert_eq!(address_page(Coin::Eth, evm).unwrap().host_str(), Some("etherscan.io"));
        assert_eq!(address_page(Coin::Bep20Usdt, evm).unwrap().host_str(), Some("bscscan.com"));
        assert_eq!(address_page(Coin::Bnb, evm).unwrap().host_str(), Some("bscscan.com"));
    }

    #[test]
    fn every_coin_says_in_both_languages_what_must_not_be_sent_instead() {
        for coin in Coin::ALL {
            let (en, zh) = coin.must_not_send();
            // Its own token, and the mistake named: a "Not …" (不要) clause.
            assert!(en.starts_with(coin.token()) && en.contains(" Not "), "{coin:?}: {en}");
            assert!(zh.contains(coin.token()) && zh.contains("不要"), "{coin:?}: {zh}");
        }
    }

    #[test]
    fn an_address_that_could_change_the_page_is_refused() {
        for bad in ["", "short", "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE/../../evil", "@evil.example/TQn9Y2khEsLJW1ChVWFMSMeRD", "TQn9Y2khEsLJW1ChVWFMSMeRDow5Kc?x=1", "TQn9Y2khEs LJW1ChVWFMSMeRDow5KcbLSE"] {
            assert!(matches!(address_page(Coin::Trc20Usdt, bad), Err(ExplorerError::NotAnAddress(_))), "{bad:?}");
        }
    }
}
