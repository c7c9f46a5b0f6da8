//! Exports of delivered items: TXT (one item per line, the store's own line or `login:password`)
//! and CSV (RFC 4180, every field, so commas, quotes, line breaks and any script survive).

use super::views::ItemView;

/// The TXT line of one item.
pub fn item_line(login: &str, password: Option<&str>, line: Option<&str>) -> String {
    match (line, password) {
        (Some(line), _) if !line.is_empty() => line.to_owned(),
        (_, Some(password)) => format!("{login}:{password}"),
        _ => login.to_owned(),
    }
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

/// A CSV with a header row; a UTF-8 byte order mark first so that Excel opens Chinese text right.
pub fn to_csv(order_no: &str, items: &[ItemView]) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for item in items {
        writer.write_record([
            order_no,
            &item.login,
            item.password.as_deref().unwrap_or(""),
            item.extra.as_deref().unwrap_or(""),
            item.line.as_deref().unwrap_or(""),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    let mut out = String::from('\u{feff}');
    out.push_str(&String::from_utf8(bytes).expect("csv of UTF-8 fields is UTF-8"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(position: u32, login: &str, password: &str, extra: Option<&str>, line: Option<&str>) -> ItemView {
        ItemView {
            position,
            login: login.into(),
            password: Some(password.into()),
            extra: extra.map(Into::into),
            line: line.map(Into::into),
            export_line: item_line(login, Some(password), line),
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
}
