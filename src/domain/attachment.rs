//! Files attached to documents, CouchDB's way: the document carries
//! `_attachments: {name: {content_type, digest, length, stub: true}}` and the bytes
//! live beside it (in the browser, a `Blob` in IndexedDB keyed by its digest, so a
//! photo shared by several touchpoints of one visit is stored once).
//!
//! Replication: a pull reads stubs and fetches each attachment this device lacks
//! (`GET /db/doc/name`); a push sends the bytes inline (`data`, base64) for every
//! attachment this device holds, so a server always receives the file with the
//! first revision that names it. The digest is CouchDB's own (`md5-` + base64 of
//! the MD5 of the bytes), so both sides name a file the same way.

use serde_json::{json, Map, Value};

/// The name a visit's photo is stored under.
pub const PHOTO: &str = "photo.jpg";

/// The largest attachment Waypoint writes (2 MiB): a phone photo shrunk on the
/// device is a few hundred KiB; anything bigger would crowd out the workspace.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Content types a photo may have.
pub const IMAGE_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// One attachment a document names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentRef {
    /// Document id.
    pub doc_id: String,
    /// Attachment name within the document.
    pub name: String,
    /// MIME type.
    pub content_type: String,
    /// `md5-<base64>`; the key of the stored bytes.
    pub digest: String,
    /// Size in bytes.
    pub length: u64,
}

/// Why an attachment was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    /// Larger than [`MAX_BYTES`].
    #[error("the file is {0} bytes; at most {MAX_BYTES} are kept")]
    TooLarge(usize),
    /// Not one of [`IMAGE_TYPES`].
    #[error("{0:?} is not a photo type Waypoint keeps")]
    NotAnImage(String),
    /// No bytes at all.
    #[error("the file is empty")]
    Empty,
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// CouchDB's digest of `bytes`: `md5-` and the base64 of their MD5.
pub fn digest(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    format!("md5-{}", base64(&Md5::digest(bytes)))
}

/// Checks a photo before it is kept.
pub fn check_photo(content_type: &str, len: usize) -> Result<(), AttachmentError> {
    if len == 0 {
        return Err(AttachmentError::Empty);
    }
    if len > MAX_BYTES {
        return Err(AttachmentError::TooLarge(len));
    }
    if !IMAGE_TYPES.contains(&content_type) {
        return Err(AttachmentError::NotAnImage(content_type.into()));
    }
    Ok(())
}

/// The `_attachments` value naming one file: a stub, as CouchDB stores it.
pub fn stubs(name: &str, content_type: &str, bytes: &[u8]) -> Value {
    json!({ name: {
        "content_type": content_type,
        "digest": digest(bytes),
        "length": bytes.len(),
        "stub": true,
    }})
}

/// The attachments a document body names (stubs with a digest; entries without
/// one, or with inline data only, are skipped).
pub fn refs(doc_id: &str, body: &Map<String, Value>) -> Vec<AttachmentRef> {
    let Some(atts) = body.get("_attachments").and_then(Value::as_object) else {
        return Vec::new();
    };
    atts.iter()
        .filter_map(|(name, a)| {
            Some(AttachmentRef {
                doc_id: doc_id.into(),
                name: name.clone(),
                content_type: a
                    .get("content_type")
                    .and_then(Value::as_str)
                    .unwrap_or("application/octet-stream")
                    .into(),
                digest: a.get("digest").and_then(Value::as_str)?.into(),
                length: a.get("length").and_then(Value::as_u64).unwrap_or(0),
            })
        })
        .collect()
}

/// Puts the bytes of every attachment of an upload (`_bulk_docs` document) that
/// `data_of(digest)` has inline, as base64 `data`; the others stay stubs, which a
/// server accepts when it already holds that file (it came from there).
pub fn inline(doc: &mut Value, data_of: impl Fn(&str) -> Option<String>) {
    let Some(atts) = doc.get_mut("_attachments").and_then(Value::as_object_mut) else {
        return;
    };
    for a in atts.values_mut() {
        let Some(obj) = a.as_object_mut() else {
            continue;
        };
        let Some(data) = obj.get("digest").and_then(Value::as_str).and_then(&data_of) else {
            continue;
        };
        let content_type = obj.get("content_type").cloned().unwrap_or(Value::Null);
        *a = json!({ "content_type": content_type, "data": data });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), enc);
        }
    }

    #[test]
    fn digest_is_couchdbs() {
        // CouchDB reports "md5-XUFAKrxLKna5cZ2REBfFkg==" for an attachment "hello".
        assert_eq!(digest(b"hello"), "md5-XUFAKrxLKna5cZ2REBfFkg==");
    }

    #[test]
    fn photos_are_checked() {
        assert_eq!(check_photo("image/jpeg", 0), Err(AttachmentError::Empty));
        assert_eq!(
            check_photo("image/jpeg", MAX_BYTES + 1),
            Err(AttachmentError::TooLarge(MAX_BYTES + 1))
        );
        assert_eq!(
            check_photo("text/html", 10),
            Err(AttachmentError::NotAnImage("text/html".into()))
        );
        assert_eq!(check_photo("image/png", MAX_BYTES), Ok(()));
    }

    #[test]
    fn stubs_are_read_back_as_refs() {
        let mut body = Map::new();
        body.insert("_attachments".into(), stubs(PHOTO, "image/jpeg", b"hello"));
        let r = refs("activity:1", &body);
        assert_eq!(
            r,
            vec![AttachmentRef {
                doc_id: "activity:1".into(),
                name: PHOTO.into(),
                content_type: "image/jpeg".into(),
                digest: "md5-XUFAKrxLKna5cZ2REBfFkg==".into(),
                length: 5,
            }]
        );
        // A server's stub carries revpos too; an entry without digest is skipped.
        body.insert(
            "_attachments".into(),
            json!({"a.png": {"stub": true, "revpos": 2, "digest": "md5-x", "content_type": "image/png", "length": 3},
                   "b": {"data": "aGk="}}),
        );
        let r = refs("activity:1", &body);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].name, "a.png");
        assert!(refs("x:1", &Map::new()).is_empty());
    }

    #[test]
    fn uploads_inline_what_the_device_holds_and_keep_other_stubs() {
        let mut doc = json!({"_id": "activity:1", "_attachments": {
            "photo.jpg": {"content_type": "image/jpeg", "digest": "md5-have", "length": 5, "stub": true},
            "old.png": {"content_type": "image/png", "digest": "md5-gone", "length": 3, "stub": true, "revpos": 1}
        }});
        inline(&mut doc, |d| {
            (d == "md5-have").then(|| "aGVsbG8=".to_string())
        });
        assert_eq!(
            doc["_attachments"]["photo.jpg"],
            json!({"content_type": "image/jpeg", "data": "aGVsbG8="})
        );
        assert_eq!(doc["_attachments"]["old.png"]["stub"], true);
        let mut plain = json!({"_id": "deal:1"});
        inline(&mut plain, |_| Some("x".into()));
        assert_eq!(plain, json!({"_id": "deal:1"}));
    }
}
