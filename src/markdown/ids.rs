//! Heading ids as Hugo's Goldmark writes them (`autoHeadingIDType = "github"`), so that links
//! and bookmarks into spec.matrix.org land on the same anchors.

use rustc_hash::{FxHashMap, FxHashSet};

/// Hugo's `anchorize`: the text trimmed, letters and digits lower-cased, `_` kept, spaces and
/// hyphens become `-`, everything else dropped. `POST /_matrix/client/v3/createRoom` becomes
/// `post-_matrixclientv3createroom`.
pub fn anchorize(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == '-' || c == ' ' {
            id.push('-');
        } else if c == '_' || c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        }
    }
    id
}

/// The ids of one document: a repeated id gets `-1`, `-2`, ... as Goldmark numbers them.
#[derive(Debug, Default)]
pub struct Ids {
    taken: FxHashSet<String>,
    /// The next number to try for each repeated id, so a thousand `## Examples` cost a
    /// thousand steps, not half a million.
    next: FxHashMap<String, usize>,
}

impl Ids {
    /// A fresh id for a heading whose text is `text`, or `explicit` (`{#id}`) as written.
    pub fn heading(&mut self, text: &str, explicit: Option<&str>) -> String {
        if let Some(id) = explicit {
            self.taken.insert(id.to_owned());
            return id.to_owned();
        }
        let mut base = anchorize(text);
        if base.is_empty() {
            base = "heading".to_owned();
        }
        if self.taken.insert(base.clone()) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.taken.insert(candidate.clone()) {
                self.next.insert(base, n);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_hugo() {
        assert_eq!(anchorize("General principles"), "general-principles");
        assert_eq!(
            anchorize("/_matrix/client/v3/createRoom"),
            "_matrixclientv3createroom"
        );
        assert_eq!(
            anchorize("`m.room.message` msgtypes"),
            "mroommessage-msgtypes"
        );
        assert_eq!(anchorize("3PID Types"), "3pid-types");
        assert_eq!(anchorize("  Room Version 1.0 "), "room-version-10");
        assert_eq!(anchorize("Ünïcode ok"), "ünïcode-ok");
    }

    #[test]
    fn repeated_ids_are_numbered() {
        let mut ids = Ids::default();
        assert_eq!(ids.heading("Examples", None), "examples");
        assert_eq!(ids.heading("Examples", None), "examples-1");
        assert_eq!(ids.heading("Examples", None), "examples-2");
        assert_eq!(ids.heading("!!", None), "heading");
        assert_eq!(ids.heading("x", Some("custom")), "custom");
    }
}
