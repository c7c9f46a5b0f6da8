//! The UI language: Chinese when the system speaks any Chinese, English otherwise.

use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum UiLanguage {
    Zh,
    En,
}

impl UiLanguage {
    /// Maps a BCP 47 tag or POSIX locale (`zh-CN`, `zh_TW.UTF-8`, `en-US`) to a UI language.
    pub fn from_locale_tag(tag: &str) -> Self {
        let primary = tag.split(['-', '_', '.']).next().unwrap_or("").to_ascii_lowercase();
        if primary == "zh" {
            UiLanguage::Zh
        } else {
            UiLanguage::En
        }
    }

    pub fn of_system() -> Self {
        sys_locale::get_locale().map_or(UiLanguage::En, |tag| Self::from_locale_tag(&tag))
    }
}

#[cfg(test)]
mod tests {
    use super::UiLanguage;

    #[test]
    fn chinese_variants_map_to_zh_and_everything_else_to_en() {
        for tag in ["zh", "zh-CN", "zh_TW.UTF-8", "ZH-hans-HK"] {
            assert_eq!(UiLanguage::from_locale_tag(tag), UiLanguage::Zh, "{tag}");
        }
        for tag in ["en-US", "de_DE.UTF-8", "C", "", "zha"] {
            assert_eq!(UiLanguage::from_locale_tag(tag), UiLanguage::En, "{tag}");
        }
    }
}
