//! On start, unfinished orders are handed to the store module that can check on them (payment
//! status, delivery, codes). Each store registers one hook; this dispatches.

use std::collections::HashMap;

use super::model::StoreKind;
use super::views::OrderSummary;

type Hook = Box<dyn Fn(Vec<OrderSummary>) + Send + Sync>;

#[derive(Default)]
pub struct ResumeHooks {
    hooks: HashMap<StoreKind, Hook>,
}

impl ResumeHooks {
    pub fn register(&mut self, store: StoreKind, hook: impl Fn(Vec<OrderSummary>) + Send + Sync + 'static) {
        self.hooks.insert(store, Box::new(hook));
    }

    /// Gives each store's hook its own unfinished orders; returns how many found no hook.
    pub fn resume(&self, unfinished: Vec<OrderSummary>) -> usize {
        let mut by_store: HashMap<StoreKind, Vec<OrderSummary>> = HashMap::new();
        for order in unfinished {
            by_store.entry(order.store).or_default().push(order);
        }
        let mut unhandled = 0;
        for (store, orders) in by_store {
            match self.hooks.get(&store) {
                Some(hook) => hook(orders),
                None => unhandled += orders.len(),
            }
        }
        unhandled
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::orders::OrderStatus;

    fn summary(id: i64, store: StoreKind) -> OrderSummary {
        OrderSummary {
            id,
            store,
            order_no: None,
            product_name: "p".into(),
            product_name_zh: None,
            quantity: 1,
            total: None,
            currency: None,
            status: OrderStatus::AwaitingPayment,
            finished: false,
            contact_email: None,
            item_count: 0,
            created_at: "t".into(),
        }
    }

    #[test]
    fn each_store_gets_only_its_own_orders() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut hooks = ResumeHooks::default();
        let sink = seen.clone();
        hooks.register(StoreKind::GmailStore, move |orders| sink.lock().unwrap().extend(orders.iter().map(|o| o.id)));
        let unhandled = hooks.resume(vec![summary(1, StoreKind::GmailStore), summary(2, StoreKind::EmailOrder), summary(3, StoreKind::GmailStore)]);
        assert_eq!(*seen.lock().unwrap(), [1, 3]);
        assert_eq!(unhandled, 1);
    }
}
