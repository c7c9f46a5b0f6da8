//! Shared by the command-line tools in this folder: argument reading and opening the app's data
//! folder with a passphrase vault (these tools never touch the system keychain).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mailcart_lib::data_folder::DataFolder;
use mailcart_lib::orders::{DeliveredItem, NewOrder, OrderStatus, StoreKind};
use mailcart_lib::vault::{KdfParams, NoKeyStorage, Secret, VaultProblem};
use rust_decimal::Decimal;

/// `--name value` from the command line.
pub fn arg(name: &str) -> Option<String> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == name {
            return args.next();
        }
    }
    None
}

pub fn required_arg(name: &str) -> String {
    arg(name).unwrap_or_else(|| {
        eprintln!("missing {name}");
        std::process::exit(2)
    })
}

pub fn data_dir() -> PathBuf {
    PathBuf::from(required_arg("--data-dir"))
}

/// Opens the data folder; creates a passphrase vault on first use, else unlocks it.
pub fn open_data_folder(data_dir: &Path, passphrase: &str) -> DataFolder {
    let (folder, _notices) = DataFolder::open(data_dir, Box::new(NoKeyStorage), KdfParams::FAST_FOR_TESTS).expect("open the data folder");
    let passphrase = Secret::from(passphrase);
    match folder.vault.status().problem {
        Some(VaultProblem::NoKeychain) => folder.vault.set_passphrase(&folder.db, &passphrase).expect("set the passphrase"),
        Some(_) => folder.vault.unlock(&passphrase).expect("unlock with the passphrase"),
        None => {}
    }
    folder
}

/// The deterministic items of an order, so a checker can tell exactly what must be there.
pub fn items_for(order_no: &str, count: u32) -> Vec<DeliveredItem> {
    (0..count)
        .map(|i| DeliveredItem {
            extra: Some(Secret::from(format!("recovery-{i}@mail.example"))),
            ..DeliveredItem::account(&format!("{}-{i}@gmail.com", order_no.to_lowercase()), &format!("pw-{order_no}-{i},\"é\""))
        })
        .collect()
}

pub fn sample_order(order_no: &str, product: &str, quantity: u32) -> NewOrder {
    NewOrder {
        order_no: Some(order_no.to_owned()),
        store_order_id: Some(format!("id-{order_no}")),
        access_token: Some(Secret::from(format!("token-{order_no}"))),
        product_id: Some("7c1e5b0a-2f4d-4a8e-9b61-0d3f5e8a1c22".into()),
        unit_price: Some(Decimal::new(12345, 3)),
        total: Some(Decimal::new(12345, 3) * Decimal::from(quantity)),
        currency: Some("CNY".into()),
        payment_method: Some("crypto".into()),
        coin: Some("trc20_usdt".into()),
        pay_address: Some("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE".into()),
        pay_amount: Some(Decimal::new(3_456_789, 6)),
        contact_email: Some("buyer@example.com".into()),
        ..NewOrder::new(StoreKind::GmailStore, product, quantity, OrderStatus::AwaitingPayment)
    }
}
