//! What the buyer scans: a BIP21 URI for Bitcoin (`bitcoin:<address>?amount=<amount>`), the bare
//! address for the other coins (their wallets disagree on URI schemes, and a wrong scheme is worse
//! than none), drawn as a QR code in Rust.

use base64::Engine;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use rust_decimal::Decimal;

/// The text the QR code holds.
pub fn payment_uri(coin: &str, address: &str, amount: Option<Decimal>) -> String {
    match (coin, amount) {
        ("btc", Some(amount)) => format!("bitcoin:{address}?amount={}", amount.normalize()),
        _ => address.to_owned(),
    }
}

/// An SVG QR code of `text` as a `data:` URL (the window's CSP allows `data:` images only).
pub fn qr_svg_data_url(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code.render::<svg::Color<'_>>().min_dimensions(220, 220).quiet_zone(true).build();
    Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(image)))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn bitcoin_gets_bip21_with_the_exact_amount_and_others_the_bare_address() {
        let amount = Decimal::from_str("0.00003800").unwrap();
        assert_eq!(payment_uri("btc", "bc1qxyz", Some(amount)), "bitcoin:bc1qxyz?amount=0.000038");
        assert_eq!(payment_uri("trc20_usdt", "TQn9", Some(amount)), "TQn9");
        assert_eq!(payment_uri("btc", "bc1qxyz", None), "bc1qxyz");
    }

    #[test]
    fn the_qr_code_is_an_svg_data_url() {
        let url = qr_svg_data_url("bitcoin:bc1qxyz?amount=0.000038").unwrap();
        let svg = base64::engine::general_purpose::STANDARD.decode(url.strip_prefix("data:image/svg+xml;base64,").unwrap()).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
    }
}
