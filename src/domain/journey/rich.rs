//! Rich-ish cell text: paragraphs, bullet lists (`- item`), `**strong**` and
//! `*emphasis*`. Nothing else is markup; angle brackets stay plain text, so a
//! cell can never inject HTML or SVG.

/// A run of text inside a paragraph or list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `*emphasis*` or `_emphasis_`.
    Em(String),
    /// `**strong**`.
    Strong(String),
}

/// A paragraph or a bullet list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// One line of text.
    Para(Vec<Inline>),
    /// Consecutive `- ` / `* ` / `• ` lines.
    List(Vec<Vec<Inline>>),
}

/// Longest cell text a map accepts.
pub const CELL_MAX_CHARS: usize = 2_000;

fn list_item(line: &str) -> Option<&str> {
    ["- ", "* ", "• "]
        .iter()
        .find_map(|m| line.trim_start().strip_prefix(m))
}

/// Parses cell text into blocks; blank lines separate nothing and are dropped.
pub fn parse(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        match list_item(line) {
            Some(item) => {
                let spans = inline(item.trim());
                if let Some(Block::List(items)) = out.last_mut() {
                    items.push(spans);
                } else {
                    out.push(Block::List(vec![spans]));
                }
            }
            None => out.push(Block::Para(inline(line.trim()))),
        }
    }
    out
}

/// Splits a line into plain, emphasised and strong runs. A marker without its
/// closing partner stays literal text, and so does a marker inside a word
/// ("snake_case_name", "window._xss"): markup opens after a non-word character
/// and closes before one.
pub fn inline(line: &str) -> Vec<Inline> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = line;
    let mut prev: Option<char> = None;
    while !rest.is_empty() {
        let found = (!word(prev))
            .then(|| {
                [("**", true), ("*", false), ("_", false)]
                    .iter()
                    .find_map(|(m, strong)| {
                        let body = rest.strip_prefix(m)?;
                        let (end, _) = body
                            .match_indices(m)
                            .find(|(i, _)| !word(body[i + m.len()..].chars().next()))?;
                        let inner = &body[..end];
                        // As in Markdown: no space just inside the markers ("2 * 3 * 4" is text).
                        (end > 0 && inner.trim() == inner)
                            .then(|| (inner, *strong, m.len() * 2 + end))
                    })
            })
            .flatten();
        match found {
            Some((inner, strong, used)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(if strong {
                    Inline::Strong(inner.to_string())
                } else {
                    Inline::Em(inner.to_string())
                });
                prev = rest[..used].chars().last();
                rest = &rest[used..];
            }
            None => {
                let c = rest.chars().next().unwrap_or_default();
                plain.push(c);
                prev = Some(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// The text without markers, list items as "• item" lines: for CSV and titles.
pub fn plain(text: &str) -> String {
    let runs = |spans: &[Inline]| {
        spans
            .iter()
            .map(|s| match s {
                Inline::Text(t) | Inline::Em(t) | Inline::Strong(t) => t.as_str(),
            })
            .collect::<String>()
    };
    let mut lines = Vec::new();
    for b in parse(text) {
        match b {
            Block::Para(s) => lines.push(runs(&s)),
            Block::List(items) => lines.extend(items.iter().map(|i| format!("• {}", runs(i)))),
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_paragraphs_and_emphasis() {
        let b = parse("Thấy quảng cáo\n- **giá** cao\n* thiếu _tài liệu_\n\nOK");
        assert_eq!(
            b,
            vec![
                Block::Para(vec![Inline::Text("Thấy quảng cáo".into())]),
                Block::List(vec![
                    vec![Inline::Strong("giá".into()), Inline::Text(" cao".into())],
                    vec![Inline::Text("thiếu ".into()), Inline::Em("tài liệu".into())],
                ]),
                Block::Para(vec![Inline::Text("OK".into())]),
            ]
        );
    }

    #[test]
    fn unclosed_markers_and_html_stay_text() {
        assert_eq!(
            inline("2 * 3 <b>x</b> **"),
            vec![Inline::Text("2 * 3 <b>x</b> **".into())]
        );
        assert_eq!(plain("- a\n- *b*"), "• a\n• b");
    }

    #[test]
    fn markers_inside_a_word_are_text() {
        assert_eq!(
            inline("window._xss and snake_case_name"),
            vec![Inline::Text("window._xss and snake_case_name".into())]
        );
        assert_eq!(plain("snake_case_name"), "snake_case_name");
        assert_eq!(inline("2*3*4"), vec![Inline::Text("2*3*4".into())]);
        // Markup still works next to punctuation and spaces.
        assert_eq!(
            inline("(_rất_ tốt), *x*."),
            vec![
                Inline::Text("(".into()),
                Inline::Em("rất".into()),
                Inline::Text(" tốt), ".into()),
                Inline::Em("x".into()),
                Inline::Text(".".into()),
            ]
        );
    }
}
