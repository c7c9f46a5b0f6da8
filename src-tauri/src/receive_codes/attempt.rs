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

/// The service's codes (its table in the seed document) that refuse a buy before anything is
/// sold: the request, the key, the product or the balance. Any other code — 0 "error", 500
/// "busy", 2001 "order exists", 2010 "restoring the balance failed", one not in the table — may
/// come after the emails were allocated and the balance taken.
const REFUSED_BEFORE_BUYING: &[i64] = &[400, 401, 402, 404, 405, 410, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 2002, 2003, 2005, 2009];

/// Whether the service's `code` refuses a buy before anything was sold (`REFUSED_BEFORE_BUYING`).
pub fn refused_before_buying(code: i64) -> bool {
    REFUSED_BEFORE_BUYING.contains(&code)
}

/// Whether the failure proves no order was made: the service refused it (`refused_before_buying`),
/// or no call was made at all, or it asked to slow down (a 429 is answered before the request is
/// handled). A lost, unreadable or other non-200 answer, or another code, leaves the attempt open.
pub fn created_nothing(error: &EmailOrderError) -> bool {
    match error {
        EmailOrderError::Api { code, .. } => refused_before_buying(*code),
        other => matches!(
            other,
            EmailOrderError::Unauthorized { .. }
            | EmailOrderError::KeyRefusedEarlier
            | EmailOrderError::LockedOutEarlier
            | EmailOrderError::NotConfigured
                | EmailOrderError::HttpStatus { status: 429 }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The service answers every failure in its 200 envelope, its own server errors too: code 0
    /// ("error"), 500 ("busy"), 2001 ("order exists"), 2010 ("restoring the balance failed") or a
    /// code not in its table may come after the emails were allocated and the balance taken. Read
    /// as refusals, they closed the attempt and invited a second purchase.
    #[test]
    fn a_service_error_that_may_follow_the_sale_leaves_the_attempt_open_and_says_so() {
        for code in [0, 500, 2001, 2004, 2010, 2012, 9999] {
            let error = EmailOrderError::Api { code, message: "系统繁忙".into() };
            assert!(!created_nothing(&error), "code {code}");
            assert_eq!(crate::ipc::AppError::from_email_order_buy(error).kind, crate::ipc::AppErrorKind::OrderMayExist, "code {code}");
        }
        for code in [400, 401, 1001, 1003, 1004, 1005, 2009] {
            let error = EmailOrderError::Api { code, message: "refused".into() };
            assert!(created_nothing(&error), "code {code}");
            assert_ne!(crate::ipc::AppError::from_email_order_buy(error).kind, crate::ipc::AppErrorKind::OrderMayExist, "code {code}");
        }
    }

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
