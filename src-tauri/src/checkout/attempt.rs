//! The checkout attempt written down before `POST /orders/create` goes out (see
//! `orders::attempts`), and which failed answers prove that no order was created.

use crate::orders::{NewAttempt, StoreKind};
use crate::stores::gmailstore::{CreateOrderRequest, GmailStoreError, Product};

/// What the attempt keeps: enough to recognise the order later, nothing secret (no coupon, no
/// login token).
pub fn attempt_for(request: &CreateOrderRequest, product: &Product) -> NewAttempt {
    NewAttempt {
        store: StoreKind::GmailStore,
        product_id: Some(product.id.clone()),
        product_name: product.name_en.clone(),
        quantity: request.quantity,
        contact_email: Some(request.contact_email.clone()),
        payment_method: Some(request.payment_method.as_str().to_owned()),
        coin: request.coin.map(|c| c.as_str().to_owned()),
    }
}

/// Whether the store's answer says it created nothing (a refusal in its documented error shape),
/// so the attempt can be closed. Anything else (no answer, a 5xx, an answer we could not read)
/// leaves it open: the order may exist.
pub fn created_nothing(error: &GmailStoreError) -> bool {
    match error {
        GmailStoreError::ProductNotFound
        | GmailStoreError::InsufficientStock
        | GmailStoreError::InsufficientBalance
        | GmailStoreError::BelowMinimumQuantity { .. }
        | GmailStoreError::QuantityOverCap
        | GmailStoreError::Unauthorized { .. }
        | GmailStoreError::RateLimited { .. } => true,
        GmailStoreError::Api { status, .. } => (400..500).contains(status),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_documented_refusal_closes_an_attempt() {
        assert!(created_nothing(&GmailStoreError::InsufficientBalance));
        assert!(created_nothing(&GmailStoreError::Api { status: 400, message: "Invalid coupon code".into() }));
        assert!(!created_nothing(&GmailStoreError::Timeout), "no answer: the order may exist");
        assert!(!created_nothing(&GmailStoreError::Api { status: 500, message: "Internal".into() }));
        assert!(!created_nothing(&GmailStoreError::Decode { path: "order".into(), message: "eof".into(), body: "{".into() }));
        assert!(!created_nothing(&GmailStoreError::UnexpectedBody { status: 502, excerpt: "<html>".into() }));
    }
}
