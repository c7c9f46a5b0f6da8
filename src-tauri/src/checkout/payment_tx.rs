//! The transaction ID a buyer pastes for a payment they made ("I already paid"): kept with the order
//! (sealed) and put into the block they send the store's support.

/// Transaction IDs on the coins' chains are hex (64 digits, `0x` first on Ethereum and BNB Smart
/// Chain); a little room either way for other forms, nothing that is not letters and digits.
const LENGTHS: std::ops::RangeInclusive<usize> = 16..=130;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a transaction ID is {min} to {max} letters and digits, as the wallet or exchange shows it")]
pub struct NotATransactionId {
    pub min: usize,
    pub max: usize,
}

/// The ID as it will be kept (trimmed), `None` for an empty field (the kept one is forgotten).
pub fn check_payment_tx(text: &str) -> Result<Option<String>, NotATransactionId> {
    let tx = text.trim();
    if tx.is_empty() {
        return Ok(None);
    }
    if !LENGTHS.contains(&tx.len()) || !tx.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(NotATransactionId { min: *LENGTHS.start(), max: *LENGTHS.end() });
    }
    Ok(Some(tx.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_of_every_chain_are_kept_trimmed_and_an_empty_field_forgets() {
        let tron = "a8f5b2c1d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0";
        assert_eq!(check_payment_tx(&format!("  {tron}\n")), Ok(Some(tron.to_owned())));
        let evm = format!("0x{tron}");
        assert_eq!(check_payment_tx(&evm), Ok(Some(evm.clone())));
        assert_eq!(check_payment_tx("   "), Ok(None));
    }

    #[test]
    fn what_is_not_an_id_is_refused() {
        for bad in ["short", "https://tronscan.org/#/transaction/a8f5b2c1d3e4f5a6", "a8f5b2c1 d3e4f5a6b7c8", &"f".repeat(131)] {
            assert!(check_payment_tx(bad).is_err(), "{bad}");
        }
    }
}
