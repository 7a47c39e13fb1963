//! Which text from user data may become a link, and to what.
//!
//! Only `http`, `https`, `mailto` and `tel` addresses are ever clickable; anything
//! else (`javascript:`, `data:`, `vbscript:`, a relative path, a string with
//! control or invisible characters a browser would strip before reading the
//! scheme) stays plain text. The views render every link these functions return
//! with `rel="noopener noreferrer"`.

/// The href for a web address typed, imported or synced into a record: `Some`
/// only for an absolute `http://` or `https://` address with a host.
pub fn web_href(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 2048 || !clean(s) {
        return None;
    }
    let (scheme, rest) = s.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let after = rest.strip_prefix("//")?;
    let host = after.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return None;
    }
    Some(format!("{scheme}:{rest}"))
}

/// A `mailto:` href for an email address, or `None` when it is not one address
/// (no header or body smuggled in with `?`, `&` or `,`).
pub fn mail_href(email: &str) -> Option<String> {
    let e = email.trim();
    let (local, domain) = e.split_once('@')?;
    let plain = |p: &str| {
        !p.is_empty()
            && clean(p)
            && !p
                .chars()
                .any(|c| c.is_whitespace() || "?&#%,;:<>\"()[]\\/@".contains(c))
    };
    (plain(local) && plain(domain) && domain.contains('.') && e.len() <= 254)
        .then(|| format!("mailto:{e}"))
}

/// A `tel:` href for a phone number written with digits, spaces, dots, dashes,
/// brackets and one `+` before the first digit (`+84 28…`, `(+84) 28…`); the
/// href keeps only the `+` and the digits.
pub fn tel_href(phone: &str) -> Option<String> {
    let (mut digits, mut plus) = (String::new(), false);
    for c in phone.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if !plus && digits.is_empty() => plus = true,
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => return None,
        }
    }
    if !(3..=20).contains(&digits.len()) {
        return None;
    }
    let plus = if plus { "+" } else { "" };
    Some(format!("tel:{plus}{digits}"))
}

/// No control characters (browsers drop tabs and newlines inside a scheme, so
/// `java\tscript:` would run), no invisible formatting characters (zero-width
/// joiners, bidirectional overrides) that make an address read as another.
fn clean(s: &str) -> bool {
    !s.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_keep_their_text_and_need_a_host() {
        assert_eq!(
            web_href(" https://shop.vn/sale?utm_source=x "),
            Some("https://shop.vn/sale?utm_source=x".into())
        );
        assert_eq!(web_href("HTTP://Shop.vn"), Some("http://Shop.vn".into()));
        assert_eq!(
            web_href("https://user@shop.vn/"),
            Some("https://user@shop.vn/".into())
        );
        for bad in [
            "",
            "shop.vn/sale",
            "/customers",
            "https:shop.vn",
            "https:///path",
            "https://user@/x",
            "https://:80/",
        ] {
            assert_eq!(web_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn script_and_data_schemes_never_become_links() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\u{200B}ascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "https\u{202E}://evil",
            "https://evil\u{0000}.vn",
            "blob:https://shop.vn/1",
            "file:///etc/passwd",
        ] {
            assert_eq!(web_href(bad), None, "{bad:?}");
        }
        assert_eq!(
            web_href(&format!("https://a.vn/{}", "x".repeat(3000))),
            None
        );
    }

    #[test]
    fn mail_links_are_one_plain_address() {
        assert_eq!(
            mail_href("an@congty.vn"),
            Some("mailto:an@congty.vn".into())
        );
        assert_eq!(
            mail_href(" an.nguyen+crm@congty.vn "),
            Some("mailto:an.nguyen+crm@congty.vn".into())
        );
        assert_eq!(
            mail_href("o'brien@congty.vn"),
            Some("mailto:o'brien@congty.vn".into())
        );
        for bad in [
            "",
            "an",
            "an@congty",
            "an@congty.vn?bcc=x@y.vn",
            "a,b@congty.vn",
            "an @congty.vn",
            "\"><svg onload=x>@a.vn",
            "javascript:alert(1)//@a.vn",
            "a\u{202E}@congty.vn",
            "a@b@congty.vn",
        ] {
            assert_eq!(mail_href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn phone_links_keep_the_digits_and_a_leading_plus() {
        assert_eq!(
            tel_href("+84 (28) 3822-1234"),
            Some("tel:+842838221234".into())
        );
        assert_eq!(tel_href("0903.123.456"), Some("tel:0903123456".into()));
        assert_eq!(
            tel_href("(+84) 28 3822 1234"),
            Some("tel:+842838221234".into())
        );
        for bad in [
            "",
            "12",
            "+",
            "84+1234",
            "++84 1234",
            "090 javascript:1",
            "tel:0903",
            "0903\u{200B}123456",
        ] {
            assert_eq!(tel_href(bad), None, "{bad:?}");
        }
    }
}
