//! The store check (Settings → "Check the store", `mailcart --check-store URL`) against the double
//! in its own shapes, in other shapes the app reads, and in a shape no reader could know.

use mailcart_lib::store_check::check_store;
use mailcart_lib::stores::gmailstore::GmailStoreClient;
use mailcart_store_double::shapes::{ConfigShape, ProductShape, Shapes};
use mailcart_store_double::spawn_local;

fn client(url: String) -> GmailStoreClient {
    GmailStoreClient::builder().base_url(url).build().expect("loopback http is allowed")
}

#[tokio::test]
async fn the_doubles_own_and_other_readable_shapes_are_all_understood() {
    let double = spawn_local().await.unwrap();
    let check = check_store(&client(double.gmailstore_base_url())).await;
    assert!(check.all_understood, "{}", check.report);
    assert_eq!(check.calls.iter().map(|c| c.call.as_str()).collect::<Vec<_>>(), ["GET /products", "GET /products/:idOrSlug", "GET /payment-config"]);
    assert_eq!(check.calls[0].detail, "5 products");
    assert_eq!(check.calls[2].detail, "alipay offered, wechat not offered");

    double.state.shapes.set(Shapes { product: ProductShape::GenericEnvelope, payment_config: ConfigShape::NestedGateways, ..Shapes::default() });
    let check = check_store(&client(double.gmailstore_base_url())).await;
    assert!(check.all_understood, "{}", check.report);
    assert_eq!(check.calls[2].shape.as_deref(), Some("{result: {gateways: {alipay: {enabled: bool}, wechat: {enabled: bool}}}, success: bool}"));
}

#[tokio::test]
async fn an_unknown_shape_is_reported_with_what_was_not_found() {
    let double = spawn_local().await.unwrap();
    double.state.shapes.set(Shapes { payment_config: ConfigShape::Unrecognised, ..Shapes::default() });
    let check = check_store(&client(double.gmailstore_base_url())).await;
    assert!(!check.all_understood);
    let config = &check.calls[2];
    assert!(!config.understood);
    assert_eq!(config.detail, "not found: alipay / wechat flags (read: alipay not offered, wechat not offered)");
    assert!(check.report.contains("result: NOT every answer understood"), "{}", check.report);
    assert!(check.report.contains("shape: {data: {weixinzhifu: bool, zhifubao: bool}, success: bool}"), "{}", check.report);
}

#[tokio::test]
async fn the_command_line_check_prints_the_report_and_exits_non_zero_on_a_misunderstanding() {
    let double = spawn_local().await.unwrap();
    let url = double.gmailstore_base_url();
    let run = |url: String| tokio::task::spawn_blocking(move || std::process::Command::new(env!("CARGO_BIN_EXE_mailcart")).args(["--check-store", &url]).output().unwrap());

    let good = run(url.clone()).await.unwrap();
    let printed = String::from_utf8_lossy(&good.stdout);
    assert_eq!(good.status.code(), Some(0), "{printed}");
    assert!(printed.starts_with("Mailcart ") && printed.contains("result: every answer understood"), "{printed}");

    double.state.shapes.set(Shapes { payment_config: ConfigShape::Unrecognised, ..Shapes::default() });
    let bad = run(url).await.unwrap();
    let printed = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{printed}");
    assert!(printed.contains("GET /payment-config: NOT understood — not found: alipay / wechat flags"), "{printed}");

    let refused = run("http://example.com/api".into()).await.unwrap();
    assert_eq!(refused.status.code(), Some(2), "a store address the app may not use is refused");
}
