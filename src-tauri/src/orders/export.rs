//! Exports of delivered items: TXT (one item per line: the store's own line, else the account's
//! fields joined as the store joins them; a received code's email and text) and CSV (RFC 4180, every field, so commas, quotes, line
//! breaks and any script survive), and writing them to the file the user chose.

use std::path::{Path, PathBuf};

use super::model::ItemField;
use super::views::ItemView;

/// What the store's own account lines put between login, password and each extra field.
const STORE_LINE_SEPARATOR: &str = "----";

/// The TXT line of one item (also what "Copy" and "Copy all" copy): the store's own line when it
/// sent one; else `login:password`, or, when the store sent extra fields as separate values,
/// `login----password----field----…` in the store's own line format, so that the recovery
/// address and the 2FA secret that get the buyer back into the account are not dropped.
pub fn item_line(login: &str, password: Option<&str>, line: Option<&str>, fields: &[ItemField]) -> String {
    match (line, password) {
        (Some(line), _) if !line.is_empty() => line.to_owned(),
        (_, password) if !fields.is_empty() => {
            let pieces = [login, password.unwrap_or("")].into_iter().chain(fields.iter().map(|f| f.value.as_str()));
            pieces.collect::<Vec<_>>().join(STORE_LINE_SEPARATOR)
        }
        (_, Some(password)) => format!("{login}:{password}"),
        _ => login.to_owned(),
    }
}

/// The TXT line of a text a receive-code email received (also what its "Copy" copies):
/// `email----text`, the text's line breaks made spaces so that each item stays one line. The
/// Orders page and the CSV keep the text as it came.
pub fn received_text_line(email: &str, text: &str) -> String {
    let one_line = text.split(['\r', '\n']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ");
    format!("{email}{STORE_LINE_SEPARATOR}{one_line}")
}

/// One line per item, `\n` separated, with a final newline.
pub fn to_txt(items: &[ItemView]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&item.export_line);
        out.push('\n');
    }
    out
}

pub const CSV_HEADER: [&str; 5] = ["order_no", "login", "password", "extra", "line"];

/// A field as a spreadsheet may safely open it: text a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which makes it
/// plain text there. Such a field is then no longer byte-exact: the TXT export and the copy
/// buttons are, and the Orders page says to use them for pasting credentials.
pub fn spreadsheet_safe(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// A CSV with a header row; a UTF-8 byte order mark first so that Excel opens Chinese text right.
/// Every field a store sent is made spreadsheet-safe (`spreadsheet_safe`).
pub fn to_csv(order_no: &str, items: &[ItemView]) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for item in items {
        let fields = [order_no, &item.login, item.password.as_deref().unwrap_or(""), item.extra.as_deref().unwrap_or(""), item.line.as_deref().unwrap_or("")];
        writer.write_record(fields.map(spreadsheet_safe).iter().map(|f| f.as_ref()))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    let mut out = String::from('\u{feff}');
    out.push_str(&String::from_utf8(bytes).expect("csv of UTF-8 fields is UTF-8"));
    Ok(out)
}

/// Why an export file could not be written. Either way no partial file is left behind.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportWriteError {
    /// Another program holds the file open (a CSV open in a spreadsheet): Windows refuses to
    /// replace it until that program closes it.
    #[error("{} is open in another program ({source})", path.display())]
    InUse { path: PathBuf, source: std::io::Error },
    #[error("could not write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// The two export formats.
#[derive(Clone, Copy, Debug, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// One line per item, byte-exact (for pasting credentials).
    Txt,
    /// A spreadsheet's table, formula-like fields neutralised.
    Csv,
}

/// What an export of one order writes: its contents and the file name to offer.
pub struct ExportFile {
    pub contents: String,
    pub file_name: String,
    pub extension: &'static str,
}

/// The export of order `id` in `format`, named after its order number.
pub fn export_file(book: &super::OrderBook, id: i64, format: ExportFormat) -> Result<ExportFile, crate::ipc::AppError> {
    let detail = book.detail(id)?;
    let order_no = detail.summary.order_no.clone().unwrap_or_else(|| format!("order-{id}"));
    let (contents, extension) = match format {
        ExportFormat::Txt => (to_txt(&detail.items), "txt"),
        ExportFormat::Csv => (
            to_csv(&order_no, &detail.items).map_err(|e| crate::ipc::AppError::new(crate::ipc::AppErrorKind::Storage, e.to_string()))?,
            "csv",
        ),
    };
    Ok(ExportFile { contents, file_name: format!("{}.{extension}", safe_file_stem(&order_no)), extension })
}

/// An order number as a file name: letters, digits, `-` and `_` only.
fn safe_file_stem(order_no: &str) -> String {
    order_no.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Writes `bytes` to `path` through a file beside it that is renamed over the target, so a crash
/// never leaves half an export under the chosen name. When anything fails the side file is
/// removed: it holds delivered passwords in plain text and must not stay behind.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), ExportWriteError> {
    let partial = partial_path(path);
    let written = crate::atomic_file::write_then_rename(&partial, path, bytes);
    if let Err(source) = written {
        if partial.exists() {
            if let Err(error) = std::fs::remove_file(&partial) {
                log::warn!("could not remove the unfinished export {}: {error}", partial.display());
            }
        }
        return Err(classify_write_error(path, source));
    }
    Ok(())
}

/// The side file an export is written to before it takes the chosen name.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".mailcart-partial");
    path.with_file_name(name)
}

/// Windows' answers when another program holds the target open: a sharing or lock violation, or
/// "access denied" for a file that exists and is not read-only (replacing a file opened without
/// delete sharing). Other systems let a file be replaced while it is open.
fn classify_write_error(path: &Path, source: std::io::Error) -> ExportWriteError {
    if is_held_by_another_program(path, &source) {
        ExportWriteError::InUse { path: path.to_owned(), source }
    } else {
        ExportWriteError::Io { path: path.to_owned(), source }
    }
}

#[cfg(windows)]
fn is_held_by_another_program(path: &Path, error: &std::io::Error) -> bool {
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    match error.raw_os_error() {
        Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION) => true,
        Some(ERROR_ACCESS_DENIED) => std::fs::metadata(path).map(|m| m.is_file() && !m.permissions().readonly()).unwrap_or(false),
        _ => false,
    }
}

#[cfg(not(windows))]
fn is_held_by_another_program(_path: &Path, error: &std::io::Error) -> bool {
    // ETXTBSY: a running program's file; the nearest thing to "in use" here.
    error.raw_os_error() == Some(26)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_exports_under_its_number_made_safe_for_a_file_name() {
        use crate::orders::{DeliveredItem, NewOrder, OrderStatus, StoreKind};
        let (_dir, book) = crate::orders::test_support::unlocked_book();
        let id = book.record_order(NewOrder { order_no: Some("GS/1 x".into()), ..NewOrder::new(StoreKind::GmailStore, "A", 1, OrderStatus::Delivered) }).unwrap().id;
        book.record_delivery(id, 0, &[DeliveredItem::account("a@gmail.com", "=pw")]).unwrap();
        let csv = export_file(&book, id, ExportFormat::Csv).unwrap();
        assert_eq!((csv.file_name.as_str(), csv.extension), ("GS_1_x.csv", "csv"));
        assert!(csv.contents.trim_start_matches('\u{feff}').starts_with("order_no,login,password") && csv.contents.contains("'=pw"), "{}", csv.contents);
        let txt = export_file(&book, id, ExportFormat::Txt).unwrap();
        assert_eq!(txt.file_name, "GS_1_x.txt");
        assert!(txt.contents.contains("=pw") && !txt.contents.contains("'=pw"), "TXT stays byte-exact: {}", txt.contents);
    }

    #[test]
    fn an_account_the_store_sent_as_an_object_keeps_its_extra_fields_in_the_txt_line() {
        use crate::orders::{DeliveredItem, FieldKind, ItemField, NewOrder, OrderStatus, StoreKind};
        let (_dir, book) = crate::orders::test_support::unlocked_book();
        let id = book.record_order(NewOrder { order_no: Some("GS7".into()), ..NewOrder::new(StoreKind::GmailStore, "A", 2, OrderStatus::Delivered) }).unwrap().id;
        let mut with_fields = DeliveredItem::account("a@gmail.com", "pw:1");
        with_fields.fields = vec![
            ItemField { kind: FieldKind::RecoveryEmail, name: None, value: "rescue@x.com".into() },
            ItemField { kind: FieldKind::TwoFactorSecret, name: None, value: "JBSWY3DPEHPK3PXP".into() },
        ];
        book.record_delivery(id, 0, &[with_fields, DeliveredItem::account("b@gmail.com", "pw2")]).unwrap();
        let txt = export_file(&book, id, ExportFormat::Txt).unwrap().contents;
        // The recovery address and the 2FA secret are what gets the buyer back into the account:
        // a TXT export (and "Copy all", which uses the same lines) must not drop them.
        assert_eq!(txt, "a@gmail.com----pw:1----rescue@x.com----JBSWY3DPEHPK3PXP\nb@gmail.com:pw2\n");
    }

    fn item(position: u32, login: &str, password: &str, extra: Option<&str>, line: Option<&str>) -> ItemView {
        ItemView {
            position,
            login: login.into(),
            password: Some(password.into()),
            extra: extra.map(Into::into),
            line: line.map(Into::into),
            export_line: item_line(login, Some(password), line, &[]),
            fields: Vec::new(),
            received_at: "2026-12-05T00:00:00Z".into(),
            earlier_lines: Vec::new(),
        }
    }

    fn tricky_items() -> Vec<ItemView> {
        vec![
            item(0, "alice@gmail.com", "p,a\"ss:wörd", Some("recovery, \"x\"@mail.com"), None),
            item(1, "bob@gmail.com", "密码🔑,;'", None, None),
            item(2, "carol@gmail.com", "line\nbreak", Some("备注：二步验证"), None),
            item(3, "dave@gmail.com", "pw", None, Some("dave@gmail.com----pw----rescue@x.com")),
        ]
    }

    /// Reads a TXT export back: the store's line as is, else `login:password` split at the first colon.
    fn parse_txt(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let body = text.strip_prefix('\u{feff}').expect("BOM first");
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn csv_round_trips_commas_quotes_line_breaks_and_non_ascii() {
        let items = tricky_items();
        let rows = parse_csv(&to_csv("GS2604291234ABCD", &items).unwrap());
        assert_eq!(rows.len(), items.len());
        for (row, item) in rows.iter().zip(&items) {
            assert_eq!(row[0], "GS2604291234ABCD");
            assert_eq!(row[1], item.login);
            assert_eq!(Some(row[2].as_str()), item.password.as_deref());
            assert_eq!(row[3], item.extra.clone().unwrap_or_default());
            assert_eq!(row[4], item.line.clone().unwrap_or_default());
        }
    }

    #[test]
    fn txt_is_one_item_per_line_and_reads_back_to_login_and_password() {
        let items: Vec<ItemView> = tricky_items().into_iter().filter(|i| !i.password.as_deref().unwrap().contains('\n')).collect();
        let text = to_txt(&items);
        let lines = parse_txt(&text);
        assert_eq!(lines, ["alice@gmail.com:p,a\"ss:wörd", "bob@gmail.com:密码🔑,;'", "dave@gmail.com----pw----rescue@x.com"]);
        let (login, password) = lines[0].split_once(':').unwrap();
        assert_eq!((login, password), ("alice@gmail.com", "p,a\"ss:wörd"));
        let (login, password) = lines[1].split_once(':').unwrap();
        assert_eq!((login, password), ("bob@gmail.com", "密码🔑,;'"));
    }

    #[test]
    fn an_export_replaces_the_chosen_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("GS1.csv");
        std::fs::write(&path, "an older export").unwrap();
        write_export(&path, "order_no,login\r\n".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "order_no,login\r\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [std::ffi::OsString::from("GS1.csv")]);
    }

    #[test]
    fn a_rename_that_fails_leaves_no_plain_text_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder that is not empty cannot be replaced by a file on any system: the rename fails
        // after the partial file was written, as it does on Windows for a file held open.
        let path = dir.path().join("GS2.txt");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("keep.txt"), "x").unwrap();
        let error = write_export(&path, b"alice@gmail.com:secret-password\n").unwrap_err();
        assert!(matches!(error, ExportWriteError::Io { .. }), "{error:?}");
        assert!(!partial_path(&path).exists(), "the partial file was removed");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [std::ffi::OsString::from("GS2.txt")]);
        assert!(path.join("keep.txt").exists(), "what was there is untouched");
    }

    #[test]
    fn a_folder_that_cannot_be_written_gives_an_error_and_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("GS3.csv");
        let error = write_export(&path, b"x").unwrap_err();
        assert!(matches!(error, ExportWriteError::Io { .. }), "{error:?}");
        assert!(!path.exists() && !partial_path(&path).exists());
    }

    #[test]
    fn csv_fields_a_spreadsheet_would_run_are_made_plain_text_and_txt_stays_exact() {
        let formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
        let items = vec![
            item(0, "+1-555@example.com", formula, Some("-2+3"), None),
            item(1, "@SUM(A1)", "\tpw", None, Some("\rline")),
            item(2, "safe@example.com", "p=w+d-@", None, None),
        ];
        let rows = parse_csv(&to_csv("GS1", &items).unwrap());
        assert_eq!(rows[0][1..4], ["'+1-555@example.com", &format!("'{formula}"), "'-2+3"]);
        assert_eq!(rows[1][1..5], ["'@SUM(A1)", "'\tpw", "", "'\rline"]);
        assert_eq!(rows[2][1..3], ["safe@example.com", "p=w+d-@"], "only a leading sign counts");
        for row in &rows {
            for field in &row[1..] {
                assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "{field:?}");
            }
        }
        // TXT (and the copy buttons, which use the same line) keep the password byte for byte.
        assert_eq!(to_txt(&items[..1]), format!("+1-555@example.com:{formula}\n"));
    }

    #[test]
    fn the_partial_file_keeps_the_whole_chosen_name() {
        assert_eq!(partial_path(Path::new("/x/GS1.csv")), PathBuf::from("/x/GS1.csv.mailcart-partial"));
    }

    /// Windows' codes for a file another program holds open are told apart from other failures.
    #[cfg(windows)]
    #[test]
    fn a_sharing_violation_says_the_file_is_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("GS4.csv");
        std::fs::write(&path, "open in a spreadsheet").unwrap();
        for code in [5, 32, 33] {
            let error = classify_write_error(&path, std::io::Error::from_raw_os_error(code));
            assert!(matches!(error, ExportWriteError::InUse { .. }), "code {code}: {error:?}");
        }
        let missing = dir.path().join("missing.csv");
        assert!(matches!(classify_write_error(&missing, std::io::Error::from_raw_os_error(5)), ExportWriteError::Io { .. }));
        assert!(matches!(classify_write_error(&path, std::io::Error::from_raw_os_error(112)), ExportWriteError::Io { .. }));
    }
}
