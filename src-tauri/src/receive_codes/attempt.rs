//! The buy attempt written down before `POST …/buy` goes out (see `orders::attempts`): the service
//! holds that request for up to a minute while it allocates emails, a long window in which a crash
//! would otherwise leave no trace of an order paid from the balance.

use crate::orders::{NewAttempt, StoreKind};
use crate::stores::email_order::{EmailOrderError, Platform};

pub fn attempt_for(platform: &Platform, count: u32) -> NewAttempt {
    NewAttempt {
        store: StoreKind::EmailOrder,
        product_id: Some(platform.id.clone()),
        product_name: platform.name.clone(),
        quantity: count,
        contact_email: None,
        payment_method: Some("balance".into()),
        coin: None,
    }
}

/// Whether the failure proves no order was made: the service answered with a refusal, or no call
/// was made at all, or it asked to slow down (a 429 is answered before the request is handled).
/// A lost, unreadable or other non-200 answer leaves the attempt open.
pub fn created_nothing(error: &EmailOrderError) -> bool {
    matches!(
        error,
        EmailOrderError::Api { .. }
            | EmailOrderError::Unauthorized { .. }
            | EmailOrderError::KeyRefusedEarlier
            | EmailOrderError::LockedOutEarlier
            | EmailOrderError::NotConfigured
            | EmailOrderError::HttpStatus { status: 429 }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_answered_refusal_closes_a_buy_attempt() {
        assert!(created_nothing(&EmailOrderError::Api { code: 1005, message: "余额不足".into() }));
        assert!(created_nothing(&EmailOrderError::KeyRefusedEarlier));
        assert!(!created_nothing(&EmailOrderError::Timeout));
        assert!(!created_nothing(&EmailOrderError::HttpStatus { status: 502 }));
        assert!(created_nothing(&EmailOrderError::HttpStatus { status: 429 }), "asked to slow down: not handled");
        assert!(!created_nothing(&EmailOrderError::Decode { path: "data".into(), message: "eof".into() }));
    }
}
