//! Finding the verification code in a received text, to highlight it and copy it alone.

/// The first run of 4 to 8 digits that stands alone (not part of a longer number or word), or a
/// standalone 6-character code of capital letters and digits (with at least one digit).
pub fn find_code(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words
        .iter()
        .find(|w| (4..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()))
        .or_else(|| {
            words.iter().find(|w| {
                w.len() == 6 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && w.chars().any(|c| c.is_ascii_digit())
            })
        })
        .map(|w| (*w).to_owned())
}

#[cfg(test)]
mod tests {
    use super::find_code;

    #[test]
    fn codes_are_found_in_the_usual_messages() {
        assert_eq!(find_code("Your Twitter confirmation code is 482913").as_deref(), Some("482913"));
        assert_eq!(find_code("【Discord】验证码：5521，10分钟内有效").as_deref(), Some("5521"));
        assert_eq!(find_code("Use G-734829 to verify").as_deref(), Some("734829"));
        assert_eq!(find_code("Code: AB12CD.").as_deref(), Some("AB12CD"));
        assert_eq!(find_code("Welcome! Click the link to confirm."), None);
        assert_eq!(find_code("order 123456789012 shipped"), None, "too long to be a code");
    }
}
