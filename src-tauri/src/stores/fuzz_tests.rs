//! Fuzzing of both stores' response decoders (issue 7). Every case goes through every decoder of
//! GmailStore and of the email-order API; none may panic, each answers `Ok` or its typed error,
//! and an amount that decodes keeps exactly the value its text says.
//!
//! Inputs: arbitrary bytes; arbitrary JSON (raw number texts included, so `1e400` or 60-digit
//! numbers reach the decoders as sent), placed where the decoders look; and, above all, mutations
//! of the documented shapes the store double serves (fields dropped, types changed, numbers as
//! strings and strings as numbers, extreme amounts, extra `order` / `data` wrappers, the text cut
//! short, BOMs and stray bytes).
//!
//! 102,000 cases per `cargo test` (the budget beside each test: 25,000 + 20,000 + 45,000 +
//! 12,000), about 30 s of CPU in a debug build. A long run (10x, a few minutes on 2 cores):
//!
//! ```text
//! MAILCART_FUZZ_CASES=10 MAILCART_FUZZ_SEED=random cargo test --lib fuzz -- --nocapture
//! ```
//!
//! `MAILCART_FUZZ_CASES` multiplies every test's budget. The seed is fixed by default so that
//! `npm test` is repeatable (a failure reappears on the next run, never at random in someone
//! else's CI); `random` explores new cases, and `MAILCART_FUZZ_SEED=<number> cargo test --lib
//! <test name>` replays one test with the seed it printed. A failure prints the shrunk failing
//! body (proptest's "minimal failing input"). No regression file is
//! written (`failure_persistence: None`): proptest would put it beside the sources, where it would
//! dirty the tree; a case worth keeping goes into `known_hard_bodies` below instead.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use rust_decimal::Decimal;

use super::email_order::envelope;
use super::email_order::{EmailOrderError, OrderItem, Platform};
use super::gmailstore::shapes;
use super::gmailstore::GmailStoreError;

// ---- Configuration ---------------------------------------------------------------------------

fn config(test: &str, cases: u32) -> Config {
    let factor = std::env::var("MAILCART_FUZZ_CASES").ok().and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1).max(1);
    let seed = match std::env::var("MAILCART_FUZZ_SEED").ok().as_deref().map(str::trim) {
        Some("random") => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64),
        Some(text) if text.parse::<u64>().is_ok() => text.parse().unwrap_or(0),
        // A fixed seed per test.
        _ => test.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)),
    };
    let cases = cases.saturating_mul(factor);
    println!("fuzz {test}: {cases} cases, MAILCART_FUZZ_SEED={seed}");
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 10_000,
        max_global_rejects: cases,
        ..Config::default()
    }
}

/// A response body; shown as text (with its exact bytes when it is not UTF-8) when a case fails.
#[derive(Clone)]
struct Body(Vec<u8>);

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) => write!(f, "Body({text:?})"),
            Err(_) => write!(f, "Body(bytes {:?}, lossy {:?})", self.0, String::from_utf8_lossy(&self.0)),
        }
    }
}

// ---- Every decoder on one body -----------------------------------------------------------------

struct Decoded {
    list: Result<shapes::ProductList, GmailStoreError>,
    one: Result<super::gmailstore::Product, GmailStoreError>,
    created: Result<super::gmailstore::CreatedOrder, GmailStoreError>,
    login: Result<super::gmailstore::LoginSession, GmailStoreError>,
    platforms: Result<Vec<Platform>, EmailOrderError>,
}

/// Calls every decoder of both clients; a panic propagates (proptest reports it with the body).
/// Errors must be the typed error the client documents for a body.
fn decode_all(body: &[u8]) -> Result<Decoded, TestCaseError> {
    let list = shapes::decode::<shapes::ProductList>(body);
    let one = shapes::decode_one_product(body);
    let created = shapes::decode_created_order(body);
    let state = shapes::decode_order_state(body);
    let login = shapes::decode_login(body);
    let config = shapes::decode_payment_config(body);
    for error in [list.as_ref().err(), one.as_ref().err(), created.as_ref().err(), state.as_ref().err(), login.as_ref().err(), config.as_ref().err()].into_iter().flatten() {
        check_gmail_decode_error(error, body)?;
    }
    if let Ok(state) = &state {
        prop_assert!(state.accounts.is_empty() || state.status == super::gmailstore::StoreOrderStatus::Delivered);
    }
    let _ = shapes::declared_failure(body);
    // (Through `error_message`; the status only matters for 401 and 429.)
    for status in [401, 429, 500] {
        let error = GmailStoreError::from_error_answer(status, body, None);
        let _ = error.to_string();
    }

    let peek = envelope::open::<serde::de::IgnoredAny>(body);
    let platforms = envelope::open::<Vec<Platform>>(body);
    let buy = envelope::open::<String>(body);
    let details = envelope::open::<Option<Vec<OrderItem>>>(body);
    for error in [peek.as_ref().err(), platforms.as_ref().err(), buy.as_ref().err(), details.as_ref().err()].into_iter().flatten() {
        check_email_order_error(error, body)?;
    }
    // The client recognises a refused key by the untyped peek; every typed call must agree.
    if let Err(EmailOrderError::Unauthorized { .. }) = &peek {
        prop_assert!(matches!(platforms, Err(EmailOrderError::Unauthorized { .. })), "platforms disagrees with the peek on a refused key");
        prop_assert!(matches!(buy, Err(EmailOrderError::Unauthorized { .. })), "buy disagrees with the peek on a refused key");
        prop_assert!(matches!(details, Err(EmailOrderError::Unauthorized { .. })), "details disagrees with the peek on a refused key");
    }
    if let Ok(Some(items)) = &details {
        for item in items {
            let _ = (item.received_text(), item.status.is_waiting());
        }
    }
    Ok(Decoded { list, one, created, login, platforms })
}

fn check_gmail_decode_error(error: &GmailStoreError, body: &[u8]) -> Result<(), TestCaseError> {
    let _ = error.to_string();
    match error {
        GmailStoreError::Decode { path, body: kept, .. } => {
            // (Empty only under a key that is itself empty.)
            prop_assert!(!path.is_empty() || body.windows(2).any(|w| w == b"\"\""), "a decode error names no path");
            let whole = String::from_utf8_lossy(body);
            prop_assert_eq!(kept.as_str(), whole.as_ref(), "a decode error must keep the whole body");
            Ok(())
        }
        other => Err(TestCaseError::fail(format!("a decoder answered a non-decode error: {other:?}"))),
    }
}

fn check_email_order_error(error: &EmailOrderError, body: &[u8]) -> Result<(), TestCaseError> {
    let _ = error.to_string();
    match error {
        EmailOrderError::Decode { path, .. } => {
            prop_assert!(!path.is_empty() || body.windows(2).any(|w| w == b"\"\""), "a decode error names no path");
            Ok(())
        }
        EmailOrderError::Api { code, .. } => {
            prop_assert!(*code != 1 && *code != 401);
            Ok(())
        }
        EmailOrderError::Unauthorized { .. } => Ok(()),
        other => Err(TestCaseError::fail(format!("the envelope reader answered {other:?}"))),
    }
}

// ---- JSON kept as text -------------------------------------------------------------------------

/// JSON whose numbers stay as their text (a `serde_json::Value` would pass them through `f64`).
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    /// Text put in as is (an invalid escape, a lone surrogate, a bare word).
    Raw(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// A node a mutation removed; dropped when rendered.
    Gone,
}

fn obj(fields: &[(&str, J)]) -> J {
    J::Obj(fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
}

fn s(text: &str) -> J {
    J::Str(text.to_owned())
}

fn n(text: &str) -> J {
    J::Num(text.to_owned())
}

/// How a document is written: spacing, and whether non-ASCII and `/` are escaped.
#[derive(Clone, Copy, Debug)]
struct Style {
    spaced: bool,
    escape_unicode: bool,
}

fn escape(text: &str, style: Style, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '/' if style.escape_unicode => out.push_str("\\/"),
            c if (c as u32) < 0x20 || (style.escape_unicode && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn render(j: &J, style: Style, out: &mut String) {
    let gap = if style.spaced { "\n  " } else { "" };
    match j {
        J::Null | J::Gone => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(text) | J::Raw(text) => out.push_str(text),
        J::Str(text) => escape(text, style, out),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().filter(|i| !matches!(i, J::Gone)).enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                out.push_str(gap);
                render(item, style, out);
            }
            out.push(']');
        }
        J::Obj(fields) => {
            out.push('{');
            for (i, (key, value)) in fields.iter().filter(|(_, v)| !matches!(v, J::Gone)).enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                out.push_str(gap);
                escape(key, style, out);
                out.push_str(if style.spaced { " : " } else { ":" });
                render(value, style, out);
            }
            out.push('}');
        }
    }
}

fn to_text(j: &J, style: Style) -> String {
    let mut out = String::new();
    render(j, style, &mut out);
    out
}

/// The `target`-th node in pre-order (the root is 0), counting down `seen`.
fn node_at<'a>(j: &'a mut J, target: usize, seen: &mut usize) -> Option<&'a mut J> {
    if *seen == target {
        return Some(j);
    }
    *seen += 1;
    match j {
        J::Arr(items) => items.iter_mut().find_map(|item| node_at(item, target, seen)),
        J::Obj(fields) => fields.iter_mut().find_map(|(_, value)| node_at(value, target, seen)),
        _ => None,
    }
}

fn count_nodes(j: &J) -> usize {
    1 + match j {
        J::Arr(items) => items.iter().map(count_nodes).sum(),
        J::Obj(fields) => fields.iter().map(|(_, v)| count_nodes(v)).sum(),
        _ => 0,
    }
}

fn pick(j: &mut J, selector: u32) -> &mut J {
    let target = selector as usize % count_nodes(j);
    node_at(j, target, &mut 0).expect("a node below the count")
}

// ---- Generators --------------------------------------------------------------------------------

/// Every field name the decoders look for, and the envelope's.
const KEYS: &[&str] = &[
    "success", "error", "message", "msg", "products", "product", "id", "slug", "name_zh", "nameZh", "name_en", "nameEn", "stock",
    "min_quantity", "minQuantity", "price", "order", "data", "order_id", "orderId", "_id", "order_no", "orderNo", "no", "access_token",
    "accessToken", "token", "status", "state", "total_amount", "totalAmount", "total", "amount", "currency", "coin", "pay_address",
    "payAddress", "address", "pay_amount", "payAmount", "network", "expires_at", "expiresAt", "payment_url", "paymentUrl", "url",
    "accounts", "items", "email", "password", "recovery_email", "line", "user", "balance", "balance_crypto", "balanceCrypto", "alipay",
    "alipayEnabled", "wechat", "wechatEnabled", "enabled", "code", "englishMessage", "name", "orderDetailNo", "text", "expireTime",
    "platformName", "ORDER_NO", "Order-No", "",
];

/// Texts the decoders treat specially.
const WORDS: &[&str] = &[
    "pending", "completed", "delivered", "expired", "underpaid", "paid", "confirming", "cancelled", "Waiting", "CodeReceived", "Expired",
    "Released", "SomethingNew", "Product not found", "Minimum quantity is 5", "Minimum quantity is", "Minimum quantity is 99999999999",
    "Quantity cannot exceed 200", "超过最大失败次数，请稍后再试", "无效的 token，请重新登录", "a@b.example----pw----r@c.example",
    "a@b.example:pw", "----", ":", " ", "", "true", "1", "enabled", "off", "0.5", " 7 ", "1e400", "NaN", "-", "\u{feff}", "\u{0}",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "e\u{301}", "\u{202e}RTL",
];

/// Amounts at the edges of what `Decimal` holds, and past them.
const EXTREME_NUMBERS: &[&str] = &[
    "1e400", "-1e400", "1e-400", "1E+400", "0e400", "79228162514264337593543950336", "79228162514264337593543950335",
    "-79228162514264337593543950335", "-79228162514264337593543950336", "-0.00000000000000000000000000001", "0.00000000000000000000000000001",
    "0.0000000000000000000000000001", "1.00000000000000000000000000001", "7922816251426433759354395033.55", "0.12345678901234567890123456789",
    "123456789012345678901234567890123456789012345678901234567890", "-0", "-0.0", "0e0", "1E+2", "1.5e-3", "12345e-3", "1e28", "1e29", "1e-28",
    "1e-29", "10e-29", "0.1e-28", "1.00000000000000000000000000001e0", "7922816251426433759354395033.55e0", "9007199254740993.5",
    "0.1000000000000000055511151231", "1e99999999999999999999", "-1e-99999999999999999999", "18446744073709551616", "-9223372036854775809",
    "4294967296", "4294967295", "2.5", "1.7976931348623157e309",
];

/// A cheap stream of numbers from one seed (splitmix64). Leaves are built from it: in a debug build
/// proptest's regex and `String` strategies cost several times the decoding they feed.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A length, short more often than long.
    fn len(&mut self, max: usize) -> usize {
        if self.below(2) == 0 {
            self.below(max.min(4) + 1)
        } else {
            self.below(max + 1)
        }
    }

    fn digits(&mut self, len: usize, out: &mut String) {
        for _ in 0..len {
            out.push(char::from(b'0' + self.below(10) as u8));
        }
    }
}

/// A JSON number's text: 64-bit integers, floats, up to 61 digits with up to 60 decimals and an
/// exponent of up to 4 digits, or one of the extremes.
fn number_from(seed: u64) -> String {
    let mut st = Stream(seed);
    match st.below(7) {
        0 => (st.next() as i64).to_string(),
        1 => st.next().to_string(),
        2 => Some(f64::from_bits(st.next())).filter(|f| f.is_finite()).map_or_else(|| "0".to_owned(), |f| format!("{f:e}")),
        3 => EXTREME_NUMBERS[st.below(EXTREME_NUMBERS.len())].to_owned(),
        _ => {
            let mut text = String::new();
            if st.below(2) == 0 {
                text.push('-');
            }
            if st.below(4) == 0 {
                text.push('0');
            } else {
                text.push(char::from(b'1' + st.below(9) as u8));
                let len = st.len(60);
                st.digits(len, &mut text);
            }
            if st.below(2) == 0 {
                text.push('.');
                let len = 1 + st.len(59);
                st.digits(len, &mut text);
            }
            if st.below(3) == 0 {
                text.push(if st.below(2) == 0 { 'e' } else { 'E' });
                match st.below(3) {
                    0 => text.push('-'),
                    1 => text.push('+'),
                    _ => {}
                }
                let len = 1 + st.below(4);
                st.digits(len, &mut text);
            }
            text
        }
    }
}

/// Characters from every class a decoder might trip on.
fn char_from(st: &mut Stream) -> char {
    let special = ['"', '\\', '/', '\u{0}', '\u{1f}', '\u{7f}', '\u{feff}', '\u{202e}', '\u{fffd}', '\u{10ffff}', '\u{301}', '-', ':', '_', '@'];
    match st.below(6) {
        0 | 1 => char::from(b' ' + st.below(95) as u8),
        2 => special[st.below(special.len())],
        3 => char::from_u32(0x80 + st.below(0xd800 - 0x80) as u32).unwrap_or('?'),
        4 => char::from_u32(0x1_0000 + st.below(0x10_0000) as u32).unwrap_or('?'),
        _ => char::from(st.below(0x20) as u8),
    }
}

fn string_from(seed: u64) -> String {
    let mut st = Stream(seed);
    match st.below(5) {
        0 => WORDS[st.below(WORDS.len())].to_owned(),
        1 => number_from(st.next()),
        2 => {
            let len = st.len(16);
            (0..len).map(|_| b"abcdefghijklmnopqrstuvwxyz@.:_-"[st.below(31)] as char).collect()
        }
        _ => {
            let len = st.len(16);
            (0..len).map(|_| char_from(&mut st)).collect()
        }
    }
}

/// A small JSON value from one seed, for mutations to put in place.
fn json_from(st: &mut Stream, depth: u32) -> J {
    match st.below(if depth == 0 { 6 } else { 8 }) {
        0 => J::Null,
        1 => J::Bool(st.below(2) == 0),
        2 | 3 => J::Num(number_from(st.next())),
        4 => J::Str(string_from(st.next())),
        5 => J::Raw(RAW_LEAVES[st.below(RAW_LEAVES.len())].to_owned()),
        6 => J::Arr((0..st.len(4)).map(|_| json_from(st, depth - 1)).collect()),
        _ => J::Obj((0..st.len(4)).map(|_| (KEYS[st.below(KEYS.len())].to_owned(), json_from(st, depth - 1))).collect()),
    }
}

fn small_json() -> impl Strategy<Value = J> {
    any::<u64>().prop_map(|seed| json_from(&mut Stream(seed), 2))
}

/// As `small_json`, well-formed: no raw leaves, no number text that JSON refuses.
fn well_formed_small_json() -> impl Strategy<Value = J> {
    fn fix(j: &mut J) {
        match j {
            J::Arr(items) => items.iter_mut().for_each(fix),
            J::Obj(fields) => fields.iter_mut().for_each(|(_, v)| fix(v)),
            J::Raw(_) => *j = J::Null,
            J::Num(text) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() => *j = J::Null,
            _ => {}
        }
    }
    small_json().prop_map(|mut j| {
        fix(&mut j);
        j
    })
}

fn number_text() -> impl Strategy<Value = String> {
    any::<u64>().prop_map(number_from)
}

fn string_text() -> impl Strategy<Value = String> {
    any::<u64>().prop_map(string_from)
}

fn key() -> impl Strategy<Value = String> {
    any::<u64>().prop_map(|seed| if seed % 5 == 0 { string_from(seed / 5) } else { KEYS[(seed / 5) as usize % KEYS.len()].to_owned() })
}

/// Text that is not quite a JSON value, or a corner of one.
const RAW_LEAVES: &[&str] = &[
    "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\uD834\\uDD1E\"", "\"\\x41\"", "\"\\u00\"", "NaN", "Infinity", "-Infinity", "undefined", "01", "1.",
    ".5", "+1", "-", "tru", "nul", "\"unterminated", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "\"\u{0}\"", "[]", "{}", "\"\"",
];

fn json_value(depth: u32) -> impl Strategy<Value = J> {
    let raw_weight = 1;
    json_value_with(depth, raw_weight)
}

fn json_value_with(depth: u32, raw_weight: u32) -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        1 => Just(J::Null),
        1 => any::<bool>().prop_map(J::Bool),
        3 => number_text().prop_map(J::Num),
        3 => string_text().prop_map(J::Str),
        raw_weight => prop::sample::select(RAW_LEAVES).prop_map(|t| J::Raw(t.to_owned())),
    ];
    leaf.prop_recursive(depth, 32, 6, |inner| {
        prop_oneof![
            1 => prop::collection::vec(inner.clone(), 0..6).prop_map(J::Arr),
            2 => prop::collection::vec((key(), inner), 0..7).prop_map(J::Obj),
        ]
    })
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), prop::bool::weighted(0.2)).prop_map(|(spaced, escape_unicode)| Style { spaced, escape_unicode })
}

/// Where an arbitrary value is put: alone, or where one of the decoders reads.
fn placed(value: J, place: u8) -> J {
    match place % 10 {
        0 => value,
        1 => obj(&[("success", J::Bool(true)), ("products", J::Arr(vec![value]))]),
        2 => obj(&[("success", J::Bool(true)), ("product", value)]),
        3 => obj(&[("code", n("1")), ("message", s("success")), ("data", value)]),
        4 => obj(&[("code", n("1")), ("data", J::Arr(vec![value]))]),
        5 => obj(&[("success", J::Bool(true)), ("order", value)]),
        6 => obj(&[("data", obj(&[("order", value)]))]),
        7 => obj(&[("order_no", s("GS1")), ("accounts", J::Arr(vec![value]))]),
        8 => obj(&[("token", s("t")), ("user", value)]),
        _ => obj(&[("success", J::Bool(false)), ("error", value)]),
    }
}

// ---- The documented shapes ---------------------------------------------------------------------

/// An amount's text, and whether it is a plain in-range decimal that must decode to exactly its
/// own digits.
#[derive(Clone, Debug)]
struct Amount {
    text: String,
    /// `Some(canonical text)`: must decode, and print back as this.
    exact: Option<String>,
    as_string: bool,
    padded: bool,
}

impl Amount {
    fn json(&self) -> J {
        match (self.as_string, self.padded) {
            (true, true) => J::Str(format!(" {} ", self.text)),
            (true, false) => J::Str(self.text.clone()),
            (false, _) => J::Num(self.text.clone()),
        }
    }

    fn negative(&self) -> bool {
        exact_value(&self.text).is_some_and(|(negative, _, _)| negative)
    }
}

/// The decimal text `Decimal` prints for this mantissa and scale.
fn canonical(mantissa: u128, scale: u32, negative: bool) -> String {
    let digits = mantissa.to_string();
    let scale = scale as usize;
    let body = if scale == 0 {
        digits
    } else {
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{int}.{frac}")
    };
    if negative && mantissa != 0 {
        format!("-{body}")
    } else {
        body
    }
}

fn amount() -> impl Strategy<Value = Amount> {
    let in_range = prop_oneof![
        (0u128..(1u128 << 96), 0u32..=28, prop::bool::weighted(0.2)),
        (0u128..1_000_000, 0u32..=8, prop::bool::weighted(0.2)),
        (prop::sample::select(&[0u128, 1, 5, 10, 100, (1u128 << 96) - 1][..]), 0u32..=28, prop::bool::weighted(0.2)),
    ];
    let canonical_amount = (in_range, 0u8..3).prop_map(|((mantissa, scale, negative), form)| {
        let exact = canonical(mantissa, scale, negative);
        let sign = if negative && mantissa != 0 { "-" } else { "" };
        let text = match form {
            0 | 1 => exact.clone(),
            // The same value with an exponent: `12345e-3` is 12.345, scale 3.
            _ => format!("{sign}{mantissa}e-{scale}"),
        };
        (text, Some(exact))
    });
    // Extremes, any JSON number, and amounts just past Decimal's 28 digits (leading zeros too,
    // which a JSON number may not have but a string may).
    let other = any::<u64>().prop_map(|seed| {
        let mut st = Stream(seed);
        let mut text = String::new();
        match st.below(4) {
            0 => text = EXTREME_NUMBERS[st.below(EXTREME_NUMBERS.len())].to_owned(),
            1 => text = number_from(st.next()),
            2 => {
                let len = 25 + st.below(7);
                st.digits(len, &mut text);
                text.push('.');
                let len = st.below(4);
                st.digits(len, &mut text);
            }
            _ => {
                text.push_str("0.");
                let len = 26 + st.below(6);
                st.digits(len, &mut text);
            }
        }
        if st.below(4) == 0 && !text.starts_with('-') {
            text.insert(0, '-');
        }
        (text, None)
    });
    (prop_oneof![3 => canonical_amount, 2 => other], any::<bool>(), prop::bool::weighted(0.2)).prop_map(|((text, exact), as_string, padded)| Amount {
        text,
        exact,
        as_string,
        padded,
    })
}

fn product(price: J, camel: bool) -> J {
    let (zh, en, min) = if camel { ("nameZh", "nameEn", "minQuantity") } else { ("name_zh", "name_en", "min_quantity") };
    obj(&[
        ("id", s("30a6d792-9e06-4023-85f4-736dfd9af07d")),
        ("slug", s("gmail-usa-fresh")),
        (zh, s("谷歌企业/教育邮箱")),
        (en, s("Google Workspace / Education Email")),
        ("stock", n("44")),
        (min, s("5")),
        ("price", price),
    ])
}

/// The store double's create-order answer (camelCase under `order`), or flat snake_case.
fn created_order(total: J, pay_amount: J, layout: u8) -> J {
    let fields = if layout % 2 == 0 {
        obj(&[
            ("id", s("ord_1")),
            ("orderNo", s("GS20261125001")),
            ("accessToken", s("tok_abc")),
            ("status", s("pending")),
            ("totalAmount", total),
            ("currency", s("CNY")),
            ("paymentMethod", s("crypto")),
            ("coin", s("trc20_usdt")),
            ("payAddress", s("TXYZabc")),
            ("payAmount", pay_amount),
            ("expiresAt", s("2026-11-25T17:00:00Z")),
            ("paymentUrl", J::Null),
        ])
    } else {
        obj(&[("order_id", n("12345678901234567890")), ("order_no", s("GS2")), ("status", s("unpaid")), ("total_amount", total), ("pay_amount", pay_amount)])
    };
    match layout % 6 {
        0 | 1 => obj(&[("success", J::Bool(true)), ("order", fields)]),
        2 | 3 => obj(&[("success", J::Bool(true)), ("data", obj(&[("order", fields)]))]),
        4 => obj(&[("success", J::Bool(true)), ("data", fields)]),
        _ => fields,
    }
}

fn order_state(accounts: bool) -> J {
    let list = if accounts {
        J::Arr(vec![
            obj(&[("email", s("a@mail.example")), ("password", s("pw1")), ("recovery_email", s("r.a@mail.example"))]),
            s("b@mail.example----pw2----r.b@mail.example"),
            s("c@mail.example:pw3"),
        ])
    } else {
        J::Arr(vec![])
    };
    obj(&[
        ("success", J::Bool(true)),
        ("order_id", s("ord_1")),
        ("order_no", s("GS20261125001")),
        ("status", s(if accounts { "completed" } else { "pending" })),
        ("payment_status", s("paid")),
        ("total_amount", n("24.690")),
        ("quantity", n("5")),
        ("accounts", list),
    ])
}

fn login(balance: J, balance_crypto: J, in_user: bool) -> J {
    if in_user {
        obj(&[
            ("success", J::Bool(true)),
            ("token", s("jwt.abc.def")),
            ("user", obj(&[("email", s("me@example.com")), ("balance", balance), ("balance_crypto", balance_crypto)])),
        ])
    } else {
        obj(&[("success", J::Bool(true)), ("data", obj(&[("accessToken", s("jwt")), ("balanceCny", balance), ("balanceCrypto", balance_crypto)]))])
    }
}

fn payment_config(layout: u8) -> J {
    match layout % 3 {
        0 => obj(&[("success", J::Bool(true)), ("data", obj(&[("alipayEnabled", J::Bool(true)), ("wechatEnabled", J::Bool(false))]))]),
        1 => obj(&[("alipay", s("on")), ("wechat", n("0"))]),
        _ => obj(&[("alipay", obj(&[("enabled", J::Bool(true))])), ("wechat", obj(&[("available", s("false"))]))]),
    }
}

fn platforms(price: J) -> J {
    obj(&[
        ("code", n("1")),
        ("message", s("success")),
        (
            "data",
            J::Arr(vec![
                obj(&[("_id", s("68708da21ef8267d7f1114fb")), ("name", s("Twitter")), ("price", price), ("icon", J::Null), ("sort", n("1"))]),
                obj(&[("_id", s("68708da21ef8267d7f1114fc")), ("name", s("Discord")), ("price", s("0.30")), ("icon", J::Null), ("sort", J::Null)]),
            ]),
        ),
    ])
}

fn details() -> J {
    obj(&[
        ("code", n("1")),
        ("message", s("success")),
        (
            "data",
            J::Arr(vec![
                obj(&[
                    ("orderDetailNo", s("D1")),
                    ("email", s("twitter0@mailbox.example")),
                    ("text", s("Your code is 482913")),
                    ("status", s("CodeReceived")),
                    ("price", n("0.12")),
                    ("expireTime", s("2026-11-25T16:50:00")),
                    ("platformName", s("Twitter")),
                ]),
                obj(&[("orderDetailNo", s("D2")), ("email", s("t****@mailbox.example")), ("text", J::Null), ("status", s("Expired"))]),
                obj(&[("email", s("twitter2@mailbox.example")), ("status", s("SomethingNew"))]),
            ]),
        ),
    ])
}

/// Every documented or double-served shape, with its amounts drawn from `amount()`.
fn valid_shape() -> impl Strategy<Value = J> {
    (0u8..16, amount(), amount(), any::<u8>()).prop_map(|(which, a, b, variant)| match which {
        0 | 1 => obj(&[("success", J::Bool(true)), ("products", J::Arr(vec![product(n("0.5"), false), product(a.json(), variant % 2 == 1)]))]),
        2 => obj(&[("success", J::Bool(true)), ("product", product(a.json(), variant % 2 == 1))]),
        3 => product(a.json(), variant % 2 == 1),
        4 | 5 => created_order(a.json(), b.json(), variant),
        6 | 7 => order_state(variant % 2 == 0),
        8 => login(a.json(), b.json(), variant % 2 == 0),
        9 => payment_config(variant),
        10 => obj(&[("success", J::Bool(false)), ("error", word(variant))]),
        11 | 12 => platforms(a.json()),
        13 => obj(&[("code", n("1")), ("message", s("success")), ("data", s("E07111835093783"))]),
        14 => details(),
        _ => obj(&[("code", n(["401", "0", "1001", "2012", "-1", "1.0", "\"1\""][variant as usize % 7])), ("message", word(variant)), ("data", J::Null)]),
    })
}

fn word(variant: u8) -> J {
    s(WORDS[variant as usize % WORDS.len()])
}

// ---- Mutations ---------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Mutation {
    Drop(u32),
    /// Change a node's type: any other JSON value in its place.
    Replace(u32, J),
    /// `12.5` → `"12.5"`, `"44"` → `44`, `"abc"` → `abc` (bare), `true` → `"true"`.
    FlipQuoting(u32),
    Extreme(u32, String, bool),
    Wrap(u32, &'static str),
    AddField(u32, String, J),
    DuplicateField(u32),
    RenameField(u32, String),
    EmptyContainer(u32),
    /// An array of one becomes the thing itself, or the thing an array of one.
    ArrayToggle(u32),
}

#[derive(Clone, Debug)]
enum TextMutation {
    Truncate(u32),
    Bom(u32),
    InsertByte(u32, u8),
    ReplaceByte(u32, u8),
    DeleteRange(u32, u8),
    DuplicateRange(u32, u8),
    Nest(u8, u8),
}

/// Mutations are drawn from one seed each (cheaper than a union of strategies in a debug build);
/// proptest still shrinks the list of them, and a failure prints the mutated body.
fn mutation() -> impl Strategy<Value = Mutation> {
    any::<u64>().prop_map(|seed| {
        let mut st = Stream(seed);
        let at = st.next() as u32;
        match st.below(19) {
            0..=2 => Mutation::Drop(at),
            3 | 4 => Mutation::Replace(at, json_from(&mut st, 2)),
            5..=7 => Mutation::FlipQuoting(at),
            8..=10 => Mutation::Extreme(at, EXTREME_NUMBERS[st.below(EXTREME_NUMBERS.len())].to_owned(), st.below(2) == 0),
            11 | 12 => Mutation::Wrap(at, ["order", "data", "product", "products", "user", "accounts"][st.below(6)]),
            13 | 14 => Mutation::AddField(at, KEYS[st.below(KEYS.len())].to_owned(), json_from(&mut st, 2)),
            15 => Mutation::DuplicateField(at),
            16 => Mutation::RenameField(at, if st.below(4) == 0 { string_from(st.next()) } else { KEYS[st.below(KEYS.len())].to_owned() }),
            17 => Mutation::EmptyContainer(at),
            _ => Mutation::ArrayToggle(at),
        }
    })
}

fn text_mutation() -> impl Strategy<Value = TextMutation> {
    any::<u64>().prop_map(|seed| {
        let mut st = Stream(seed);
        let at = st.next() as u32;
        let byte = st.next() as u8;
        match st.below(12) {
            0..=2 => TextMutation::Truncate(at),
            3 | 4 => TextMutation::Bom(at),
            5 | 6 => TextMutation::InsertByte(at, byte),
            7 => TextMutation::ReplaceByte(at, byte),
            8 => {
                let bytes = b"\"{}[],:0-.eE \\\xff\xc3\xef";
                TextMutation::ReplaceByte(at, bytes[st.below(bytes.len())])
            }
            9 => TextMutation::DeleteRange(at, byte),
            10 => TextMutation::DuplicateRange(at, byte),
            _ => TextMutation::Nest(byte, st.next() as u8),
        }
    })
}

fn apply(root: &mut J, mutation: &Mutation) {
    match mutation {
        Mutation::Drop(at) => {
            let node = pick(root, *at);
            *node = J::Gone;
        }
        Mutation::Replace(at, value) => *pick(root, *at) = value.clone(),
        Mutation::FlipQuoting(at) => {
            let node = pick(root, *at);
            *node = match std::mem::replace(node, J::Null) {
                J::Num(text) => J::Str(text),
                J::Str(text) => J::Raw(text),
                J::Bool(b) => J::Str(b.to_string()),
                J::Null => s("null"),
                other => J::Str(to_text(&other, Style { spaced: false, escape_unicode: false })),
            };
        }
        Mutation::Extreme(at, text, quoted) => *pick(root, *at) = if *quoted { J::Str(text.clone()) } else { J::Num(text.clone()) },
        Mutation::Wrap(at, name) => {
            let node = pick(root, *at);
            let inner = std::mem::replace(node, J::Null);
            *node = J::Obj(vec![((*name).to_owned(), inner)]);
        }
        Mutation::AddField(at, key, value) => {
            if let J::Obj(fields) = pick(root, *at) {
                let at = *at as usize % (fields.len() + 1);
                fields.insert(at, (key.clone(), value.clone()));
            }
        }
        Mutation::DuplicateField(at) => {
            if let J::Obj(fields) = pick(root, *at) {
                if !fields.is_empty() {
                    let field = fields[*at as usize % fields.len()].clone();
                    fields.push(field);
                }
            }
        }
        Mutation::RenameField(at, key) => {
            if let J::Obj(fields) = pick(root, *at) {
                if !fields.is_empty() {
                    let len = fields.len();
                    fields[*at as usize % len].0 = key.clone();
                }
            }
        }
        Mutation::EmptyContainer(at) => match pick(root, *at) {
            J::Arr(items) => items.clear(),
            J::Obj(fields) => fields.clear(),
            other => *other = J::Arr(vec![]),
        },
        Mutation::ArrayToggle(at) => {
            let node = pick(root, *at);
            *node = match std::mem::replace(node, J::Null) {
                J::Arr(mut items) if !items.is_empty() => items.swap_remove(0),
                other => J::Arr(vec![other]),
            };
        }
    }
}

fn apply_text(bytes: &mut Vec<u8>, mutation: &TextMutation) {
    let at = |i: u32, len: usize| i as usize % (len + 1);
    match *mutation {
        TextMutation::Truncate(i) => {
            let cut = at(i, bytes.len());
            bytes.truncate(cut);
        }
        TextMutation::Bom(i) => {
            let place = if i % 2 == 0 { 0 } else { at(i, bytes.len()) };
            bytes.splice(place..place, [0xef, 0xbb, 0xbf]);
        }
        TextMutation::InsertByte(i, b) => {
            let place = at(i, bytes.len());
            bytes.insert(place, b);
        }
        TextMutation::ReplaceByte(i, b) => {
            if !bytes.is_empty() {
                let place = i as usize % bytes.len();
                bytes[place] = b;
            }
        }
        TextMutation::DeleteRange(i, len) => {
            let start = at(i, bytes.len());
            let end = (start + len as usize % 16).min(bytes.len());
            bytes.drain(start..end);
        }
        TextMutation::DuplicateRange(i, len) => {
            let start = at(i, bytes.len());
            let end = (start + len as usize % 32).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            bytes.splice(end..end, piece);
        }
        TextMutation::Nest(kind, depth) => {
            // Deep wrappers around the whole body; past serde_json's limit of 128 sometimes.
            let depth = depth as usize % 140;
            let (open, close): (&[u8], &[u8]) = match kind % 3 {
                0 => (b"[", b"]"),
                1 => (b"{\"data\":", b"}"),
                _ => (b"{\"order\":", b"}"),
            };
            let mut nested = open.repeat(depth);
            nested.append(bytes);
            nested.extend(close.repeat(depth));
            *bytes = nested;
        }
    }
}

/// A documented shape with up to 4 structural and 2 textual mutations.
fn mutated_shape() -> impl Strategy<Value = Body> {
    // Text mutations (a cut, a stray byte) break almost any body, so most cases have none: the
    // structural ones then reach past the parser into the decoders.
    let text_mutations = prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(text_mutation(), 1..3)];
    (valid_shape(), prop::collection::vec(mutation(), 0..5), text_mutations, style()).prop_map(
        |(mut shape, mutations, text_mutations, style)| {
            for mutation in &mutations {
                apply(&mut shape, mutation);
            }
            let mut bytes = to_text(&shape, style).into_bytes();
            for mutation in &text_mutations {
                apply_text(&mut bytes, mutation);
            }
            Body(bytes)
        },
    )
}

// ---- Exact amounts -----------------------------------------------------------------------------

/// The exact value of a decimal text (`-12.5`, `.5`, `1.5e-3`, `+7`): sign, significant digits
/// (no leading or trailing zeros) and power of ten; zero is `(false, "", 0)`. `None` when the
/// text is not such a number.
fn exact_value(text: &str) -> Option<(bool, String, i128)> {
    let text = text.trim();
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => {
            let exp = &rest[i + 1..];
            let digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if digits.is_empty() || digits.len() > 30 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (&rest[..i], exp.parse::<i128>().ok()?)
        }
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{int}{frac}");
    let mut exponent = exponent - frac.len() as i128;
    let digits = digits.trim_start_matches('0');
    let trimmed = digits.trim_end_matches('0');
    exponent += (digits.len() - trimmed.len()) as i128;
    if trimmed.is_empty() {
        return Some((false, String::new(), 0));
    }
    Some((negative, trimmed.to_owned(), exponent))
}

/// An amount that decoded: it must be exactly the value its text says; a plain in-range amount
/// must decode, and print back with its own digits.
fn check_amount(amount: &Amount, decoded: Option<Decimal>, non_negative: bool, what: &str) -> Result<(), TestCaseError> {
    let refused = non_negative && amount.negative();
    if let Some(value) = decoded {
        prop_assert!(!refused, "{what}: a negative amount {:?} was accepted as {value}", amount.text);
        let want = exact_value(&amount.text);
        prop_assert!(want.is_some(), "{what}: {:?} is not a decimal, yet decoded as {value}", amount.text);
        prop_assert_eq!(exact_value(&value.to_string()), want, "{}: {:?} decoded as {}", what, amount.text, value);
    }
    if let (Some(canonical), false) = (&amount.exact, refused) {
        match decoded {
            Some(value) => prop_assert_eq!(&value.to_string(), canonical, "{}: digits changed", what),
            None => return Err(TestCaseError::fail(format!("{what}: the plain amount {:?} did not decode", amount.text))),
        }
    }
    Ok(())
}

// ---- The properties ----------------------------------------------------------------------------

proptest! {
    #![proptest_config(config("arbitrary_bytes", 25_000))]
    #[test]
    fn fuzz_arbitrary_bytes(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        // Bytes drawn from JSON's own alphabet reach further than uniform noise.
        prop::collection::vec(prop::sample::select(&b"{}[]\",:0123456789.-+eEtrufalsn \\/\xef\xbb\xbf\xff\"products\"code\"data\"order"[..]), 0..256),
    ]) {
        decode_all(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config("arbitrary_json", 20_000))]
    #[test]
    fn fuzz_arbitrary_json(value in json_value(5), place in any::<u8>(), style in style()) {
        let body = Body(to_text(&placed(value, place), style).into_bytes());
        decode_all(&body.0).map_err(|e| TestCaseError::fail(format!("{e} for {body:?}")))?;
    }
}

proptest! {
    #![proptest_config(config("mutated_shapes", 45_000))]
    #[test]
    fn fuzz_mutated_documented_shapes(body in mutated_shape()) {
        decode_all(&body.0)?;
    }
}

proptest! {
    #![proptest_config(config("exact_amounts", 12_000))]
    #[test]
    fn fuzz_amounts_in_valid_shapes_keep_their_exact_value(
        which in 0u8..5,
        a in amount(),
        b in amount(),
        variant in any::<u8>(),
        style in style(),
        extra in prop::collection::vec((key(), well_formed_small_json()), 0..2),
    ) {
        // Unknown fields, under names no decoder reads, beside the amount or at the top.
        let extra: Vec<(String, J)> = extra.into_iter().map(|(k, v)| (format!("x_{k}_unread"), v)).collect();
        let with_extra = |j: J| match j {
            J::Obj(mut fields) => { fields.extend(extra.iter().cloned()); J::Obj(fields) }
            other => other,
        };
        let shape = match which {
            0 => obj(&[("success", J::Bool(true)), ("products", J::Arr(vec![product(n("0.5"), false), with_extra(product(a.json(), variant % 2 == 1))]))]),
            1 => if variant % 2 == 0 { obj(&[("success", J::Bool(true)), ("product", with_extra(product(a.json(), false)))]) } else { with_extra(product(a.json(), true)) },
            2 => with_extra(created_order(a.json(), b.json(), variant)),
            3 => with_extra(login(a.json(), b.json(), variant % 2 == 0)),
            _ => with_extra(platforms(a.json())),
        };
        let body = Body(to_text(&shape, style).into_bytes());
        let decoded = decode_all(&body.0).map_err(|e| TestCaseError::fail(format!("{e} for {body:?}")))?;
        let context = |what: &str| format!("{what} in {body:?}");
        match which {
            0 => check_amount(&a, decoded.list.ok().map(|l| l.products[1].price), true, &context("products[1].price"))?,
            1 => check_amount(&a, decoded.one.ok().map(|p| p.price), true, &context("product.price"))?,
            // An order with an unreadable amount is refused whole; one with two plain amounts never.
            2 => match decoded.created {
                Ok(order) => {
                    check_amount(&a, order.total.stated(), false, &context("total"))?;
                    check_amount(&b, order.pay_amount, false, &context("pay_amount"))?;
                }
                Err(error) => prop_assert!(a.exact.is_none() || b.exact.is_none(), "{:?} refused: {:?}", body, error),
            },
            3 => {
                if let Ok(session) = decoded.login {
                    check_amount(&a, session.balance, false, &context("balance"))?;
                    check_amount(&b, session.balance_crypto, false, &context("balance_crypto"))?;
                } else {
                    prop_assert!(a.exact.is_none() || b.exact.is_none(), "a login with two plain balances was refused: {:?}", body);
                }
            }
            _ => check_amount(&a, decoded.platforms.ok().map(|p| p[0].price), true, &context("data[0].price"))?,
        }
    }
}

/// Bodies worth keeping as fixed cases: what the fuzzing found, and corners it might not reach.
#[test]
fn known_hard_bodies() {
    let deep = |open: &str, close: &str, depth: usize, inner: &str| format!("{}{inner}{}", open.repeat(depth), close.repeat(depth));
    let mut bodies: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xef\xbb\xbf{\"success\":true,\"products\":[]}".to_vec(),
        b"{\"success\":true,\"products\":[]}\xef\xbb\xbf".to_vec(),
        b"{\"code\":1,\"data\":\"E1\"\xff}".to_vec(),
        b"null".to_vec(),
        b"{\"code\":401}".to_vec(),
        b"{\"code\":1e400}".to_vec(),
        b"{\"code\":9223372036854775808}".to_vec(),
        b"{\"success\":false,\"error\":\"Minimum quantity is \xc3\xa9\"}".to_vec(),
        "{\"success\":false,\"error\":\"Minimum quantity is 五\"}".as_bytes().to_vec(),
        deep("[", "]", 100_000, "").into_bytes(),
        deep("{\"data\":", "}", 127, "{\"order\":{\"id\":1,\"total\":1}}").into_bytes(),
        deep("{\"order\":", "}", 200, "1").into_bytes(),
        format!("{{\"code\":1,\"data\":{}}}", deep("[", "]", 126, "")).into_bytes(),
        format!("{{\"products\":[{{\"price\":{}}}]}}", "9".repeat(100_000)).into_bytes(),
        format!("{{\"order\":{{\"id\":\"x\",\"total\":\"{}\"}}}}", "1".repeat(10_000)).into_bytes(),
    ];
    for extreme in EXTREME_NUMBERS {
        bodies.push(format!(r#"{{"order":{{"id":"x","totalAmount":{extreme},"payAmount":"{extreme}"}}}}"#).into_bytes());
        bodies.push(format!(r#"{{"code":1,"data":[{{"_id":"p","name":"P","price":{extreme}}}]}}"#).into_bytes());
    }
    for body in &bodies {
        decode_all(body).unwrap_or_else(|e| panic!("{e} for {:?}", Body(body.clone())));
    }

    // Found by this fuzzing: amounts past Decimal's 28 decimal places were rounded silently, so a
    // price of -0.00000000000000000000000000001 came back as 0 and 7922816251426433759354395033.55
    // as ...034. They are refused now.
    for text in ["-0.00000000000000000000000000001", "1.00000000000000000000000000001", "7922816251426433759354395033.55", "1.00000000000000000000000000001e0"] {
        let body = format!(r#"{{"success":true,"product":{{"id":"a","slug":"a","name_zh":"甲","name_en":"A","stock":1,"min_quantity":1,"price":"{text}"}}}}"#);
        assert!(shapes::decode_one_product(body.as_bytes()).is_err(), "{text} must not be rounded");
        // A created order is kept for an unreadable total: the total is unknown, not rounded.
        let body = format!(r#"{{"order":{{"id":"x","total":{text}}}}}"#);
        let created = shapes::decode_created_order(body.as_bytes()).unwrap();
        assert_eq!((created.total, created.unreadable.as_slice()), (crate::stores::gmailstore::StatedTotal::Unreadable, [shapes::ORDER_TOTAL].as_slice()), "{text} must not be rounded");
    }
}


