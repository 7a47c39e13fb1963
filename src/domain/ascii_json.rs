//! JSON text that is pure ASCII: every other character is written as a `\uXXXX`
//! escape (UTF-16 units, so characters beyond the BMP become surrogate pairs).
//! Browsers keep such a string at one byte per character, where one character
//! beyond Latin-1 (most Vietnamese text) makes the whole string two bytes per
//! character; the store writes revision entries this way.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io;

/// Compact JSON with every non-ASCII character written as `\uXXXX`.
struct AsciiJson;

impl Formatter for AsciiJson {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_ascii() {
                continue;
            }
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// `value` as compact JSON in which every non-ASCII character is escaped.
pub fn ascii_json(value: &impl Serialize) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(512);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, AsciiJson,
    ))?;
    // Only ASCII was written, so this cannot fail.
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::ascii_json;
    use serde_json::{json, Value};

    #[test]
    fn ascii_json_escapes_every_non_ascii_character_and_reads_back_the_same() {
        let value = json!({"tên": "Nguyễn Văn Đức 😀", "n": 1, "q": "a\"b\\c"});
        let text = ascii_json(&value).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("\\u1ec5"), "{text}");
        assert!(text.contains("\\ud83d\\ude00"), "surrogate pair: {text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
