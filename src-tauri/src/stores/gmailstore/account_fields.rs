//! The extra fields of a delivered account (recovery email, 2FA secret, notes, anything else the
//! store sent), each its own value for the buyer to copy: from an account object's other fields,
//! or from the pieces of a `login----password----…` line after the password.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::json_tree::RawObject;

/// What an extra field holds, for the UI to name in the buyer's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FieldKind {
    RecoveryEmail,
    TwoFactorSecret,
    Note,
    /// A field the app has no name for: shown under the store's own name, or by its place.
    Other,
}

/// One extra field. `name` is the store's field name for `Other` fields of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountField {
    pub kind: FieldKind,
    pub name: Option<String>,
    pub value: crate::vault::Secret<String>,
}

/// Normalised names (lower case, no `_`/`-`) and what they hold.
const NAMED: &[(&str, FieldKind)] = &[
    ("recoveryemail", FieldKind::RecoveryEmail),
    ("recovery", FieldKind::RecoveryEmail),
    ("recoverymail", FieldKind::RecoveryEmail),
    ("backupemail", FieldKind::RecoveryEmail),
    ("twofa", FieldKind::TwoFactorSecret),
    ("2fa", FieldKind::TwoFactorSecret),
    ("totp", FieldKind::TwoFactorSecret),
    ("totpsecret", FieldKind::TwoFactorSecret),
    ("otpsecret", FieldKind::TwoFactorSecret),
    ("secret", FieldKind::TwoFactorSecret),
    ("note", FieldKind::Note),
    ("notes", FieldKind::Note),
    ("remark", FieldKind::Note),
    ("extra", FieldKind::Note),
    ("comment", FieldKind::Note),
];

/// An account object's fields other than `known` (login, password, line: shown on their own),
/// ids and timestamps (the store's bookkeeping, not the buyer's).
pub(super) fn from_object(object: &RawObject, known: &[&[&str]]) -> Vec<AccountField> {
    let normalise = |n: &str| n.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect::<String>();
    let skipped: Vec<String> = known.iter().flat_map(|names| names.iter().map(|n| normalise(n))).collect();
    let bookkeeping = |name: &str| name == "id" || name.ends_with("id") || name.ends_with("at") || name.ends_with("time") || name == "status";
    let mut fields: Vec<AccountField> = object
        .texts()
        .into_iter()
        .filter(|(name, _)| !skipped.iter().any(|s| s == name) && !bookkeeping(name))
        .map(|(name, value)| {
            let kind = NAMED.iter().find(|(n, _)| *n == name).map_or(FieldKind::Other, |(_, kind)| *kind);
            AccountField { kind, name: (kind == FieldKind::Other).then(|| name.to_owned()), value: crate::vault::Secret::new(value) }
        })
        .collect();
    fields.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    fields
}

/// The pieces of a line after login and password, named by what they look like: an address is a
/// recovery email, 16 or more base32 letters a 2FA secret; anything else is shown by its place.
pub(super) fn from_line_pieces(pieces: &[&str]) -> Vec<AccountField> {
    pieces
        .iter()
        .map(|piece| piece.trim())
        .filter(|piece| !piece.is_empty())
        .map(|piece| AccountField { kind: kind_by_look(piece), name: None, value: crate::vault::Secret::new(piece.to_owned()) })
        .collect()
}

fn kind_by_look(piece: &str) -> FieldKind {
    let compact: String = piece.chars().filter(|c| *c != ' ').collect();
    if piece.contains('@') && !piece.contains(' ') {
        FieldKind::RecoveryEmail
    } else if compact.len() >= 16 && compact.chars().all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c) || c == '=') {
        FieldKind::TwoFactorSecret
    } else {
        FieldKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(fields: &[AccountField]) -> Vec<(FieldKind, Option<&str>, &str)> {
        fields.iter().map(|f| (f.kind, f.name.as_deref(), f.value.expose().as_str())).collect()
    }

    #[test]
    fn every_extra_field_of_an_object_is_kept_under_its_kind_or_its_own_name() {
        let object = RawObject::parse(
            r#"{"email":"a@gmail.com","password":"pw","recoveryEmail":"r@x.com","two_fa":"JBSW Y3DP EHPK 3PXP","note":"aged 2019",
                "backup_codes":"1234 5678","id":17,"created_at":"2026-01-01","status":"ok","empty":"","nothing":null}"#,
        )
        .unwrap();
        let fields = from_object(&object, &[&["email"], &["password"], &["line"]]);
        assert_eq!(
            shown(&fields),
            [
                (FieldKind::RecoveryEmail, None, "r@x.com"),
                (FieldKind::TwoFactorSecret, None, "JBSW Y3DP EHPK 3PXP"),
                (FieldKind::Note, None, "aged 2019"),
                (FieldKind::Other, Some("backupcodes"), "1234 5678"),
            ]
        );
    }

    #[test]
    fn line_pieces_are_named_by_their_look() {
        let fields = from_line_pieces(&["rescue@mail.com", "JBSWY3DPEHPK3PXP", "since 2018", " "]);
        assert_eq!(
            shown(&fields),
            [(FieldKind::RecoveryEmail, None, "rescue@mail.com"), (FieldKind::TwoFactorSecret, None, "JBSWY3DPEHPK3PXP"), (FieldKind::Other, None, "since 2018")]
        );
    }

    #[test]
    fn an_exported_line_of_an_object_reads_back_into_the_same_fields() {
        // A TXT export joins an object's fields as the store joins its lines; read back as a
        // store line, it gives the same recovery address and 2FA secret.
        let object = RawObject::parse(r#"{"email":"a@gmail.com","password":"pw","recovery_email":"r@x.com","totp":"JBSWY3DPEHPK3PXP"}"#).unwrap();
        let fields: Vec<crate::orders::ItemField> = from_object(&object, &[&["email"], &["password"]]).iter().map(Into::into).collect();
        let line = crate::orders::export::item_line("a@gmail.com", Some("pw"), None, &fields);
        let pieces: Vec<&str> = line.split("----").collect();
        assert_eq!(pieces[..2], ["a@gmail.com", "pw"]);
        assert_eq!(shown(&from_line_pieces(&pieces[2..])), [(FieldKind::RecoveryEmail, None, "r@x.com"), (FieldKind::TwoFactorSecret, None, "JBSWY3DPEHPK3PXP")]);
    }
}
