//! Accounts that can log in and pay from a balance, and their bearer tokens.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;

use rust_decimal::Decimal;

pub struct User {
    pub password: String,
    pub balance: Decimal,
    pub balance_crypto: Decimal,
}

pub struct Users {
    accounts: Mutex<HashMap<String, User>>,
    sessions: Mutex<HashMap<String, String>>,
    next_token: Mutex<u64>,
}

impl Default for Users {
    fn default() -> Self {
        let mut accounts = HashMap::new();
        accounts.insert(
            "buyer@example.com".to_owned(),
            User { password: "correct-password".into(), balance: Decimal::from_str("100.00").unwrap(), balance_crypto: Decimal::from_str("50.5").unwrap() },
        );
        accounts.insert(
            "poor@example.com".to_owned(),
            User { password: "correct-password".into(), balance: Decimal::from_str("1.00").unwrap(), balance_crypto: Decimal::ZERO },
        );
        Users { accounts: Mutex::new(accounts), sessions: Mutex::new(HashMap::new()), next_token: Mutex::new(1) }
    }
}

impl Users {
    /// A new token for a right email and password.
    pub fn login(&self, email: &str, password: &str) -> Option<(String, Decimal, Decimal)> {
        let accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        let user = accounts.get(&email.to_ascii_lowercase()).filter(|u| u.password == password)?;
        let mut next = self.next_token.lock().unwrap_or_else(|p| p.into_inner());
        let token = format!("utok-{:016x}", 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(*next));
        *next += 1;
        self.sessions.lock().unwrap_or_else(|p| p.into_inner()).insert(token.clone(), email.to_ascii_lowercase());
        Some((token, user.balance, user.balance_crypto))
    }

    /// The email of a bearer token's session.
    pub fn session(&self, token: &str) -> Option<String> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner()).get(token).cloned()
    }

    /// Deducts `amount` from the CNY (or crypto) balance; false when it is not enough.
    pub fn pay(&self, email: &str, amount: Decimal, crypto: bool) -> bool {
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        let Some(user) = accounts.get_mut(email) else { return false };
        let balance = if crypto { &mut user.balance_crypto } else { &mut user.balance };
        if *balance < amount {
            return false;
        }
        *balance -= amount;
        true
    }

    /// Every token stops working (a login that expires mid-checkout).
    pub fn expire_sessions(&self) {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
