//! Diacritic-insensitive search normalisation, first-class for Vietnamese:
//! "nguyen van a" finds "Nguyễn Văn A" and "d" finds "đ".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: lower case, diacritics removed (`đ` → `d`),
/// punctuation treated as space, runs of whitespace collapsed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            'ð' | 'Ð' => 'd',
            'ł' | 'Ł' => 'l',
            'ø' | 'Ø' => 'o',
            _ => ch,
        };
        if ch.is_alphanumeric() || ch == '@' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// A prepared query: every word must appear (as a prefix of a word or inside
/// it) in the normalised haystack.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// Prepares a user's query.
    pub fn new(input: &str) -> Self {
        Query {
            words: normalise(input)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }

    /// True when the query has no words (matches everything).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Matches an already-normalised haystack.
    pub fn matches_normalised(&self, haystack: &str) -> bool {
        self.words.iter().all(|w| haystack.contains(w.as_str()))
    }

    /// Normalises `text` and matches it.
    pub fn matches(&self, text: &str) -> bool {
        self.is_empty() || self.matches_normalised(&normalise(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_vietnamese_diacritics() {
        assert_eq!(normalise("Nguyễn Văn A"), "nguyen van a");
        assert_eq!(normalise("Đặng Thị Hồng Nhung"), "dang thi hong nhung");
        assert_eq!(normalise("CÔNG TY TNHH Phát Đạt"), "cong ty tnhh phat dat");
        assert_eq!(normalise("  Trần—Quốc   Toản "), "tran quoc toan");
    }

    #[test]
    fn queries_ignore_marks_and_case_both_ways() {
        let q = Query::new("nguyen van a");
        assert!(q.matches("Nguyễn Văn A"));
        assert!(Query::new("Nguyễn").matches("nguyen thi b"));
        assert!(Query::new("dat").matches("Phát Đạt"));
        assert!(!Query::new("nguyen van b").matches("Nguyễn Văn A"));
        assert!(Query::new("").matches("anything"));
    }

    #[test]
    fn composed_and_decomposed_input_match() {
        let composed = "Hu\u{1EF3}nh";
        let decomposed = "Hu\u{0079}\u{0300}nh";
        assert_eq!(normalise(composed), normalise(decomposed));
    }
}
