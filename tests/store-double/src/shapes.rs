//! Which of several plausible answer shapes the double sends where the store's document
//! (`docs/api/gmailstore.md`) shows none.
//! The default is the double's own choice (an `order` object, a `product` envelope, `data` flags);
//! the others are what another store following the same document could send, so the end-to-end
//! tests can show the app reads them too. `POST /__control/shapes` sets them; reset restores them.

use std::sync::Mutex;

use serde::Deserialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CreateShape {
    /// `{"success":true,"order":{"orderNo":…,"payAddress":…,"payAmount":…,"totalAmount":…}}`
    #[default]
    OrderObject,
    /// The document's words (`docs/api/gmailstore.md`) under the plainest names, flat: an
    /// `address` and an `amount` beside the order's `total`.
    Plain,
    /// An order number and a total, but no address and no amount to pay.
    NoPaymentDetails,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StatusShape {
    /// Status, order number, total and accounts, flat.
    #[default]
    Flat,
    /// The same, plus the crypto payment details under `payment`.
    WithPayment,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProductShape {
    /// `{"success":true,"product":{…}}`
    #[default]
    ProductEnvelope,
    /// `{"code":0,"data":{…}}`: a generic envelope, no `product` name.
    GenericEnvelope,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConfigShape {
    /// `{"success":true,"data":{"alipayEnabled":…,"wechatEnabled":…}}`
    #[default]
    DataFlags,
    /// `{"success":true,"result":{"gateways":{"alipay":{"enabled":…},"wechat":{"enabled":…}}}}`
    NestedGateways,
    /// Names no reader could know (`zhifubao`, `weixinzhifu`): the store check must say it did not
    /// understand this answer.
    Unrecognised,
}

/// How delivered accounts are sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccountShape {
    /// `{"email","password","recovery_email"}`
    #[default]
    Objects,
    /// The same with a 2FA secret, a note and a field no reader could know (`backup_codes`).
    RichObjects,
    /// The store's own lines: `email----password----recovery----2FA secret`.
    Lines,
    /// Lines in a layout no reader could know (`email password`, space separated).
    OddLines,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Shapes {
    pub create_order: CreateShape,
    pub status: StatusShape,
    pub accounts: AccountShape,
    pub product: ProductShape,
    pub payment_config: ConfigShape,
}

#[derive(Default)]
pub struct ShapeCell(Mutex<Shapes>);

impl ShapeCell {
    pub fn get(&self) -> Shapes {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
    pub fn set(&self, shapes: Shapes) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = shapes;
    }
}
