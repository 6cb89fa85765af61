//! docutils' ids, so that the spec's hand-written links (`#get-matrix-client-r0-sync`) land.

/// docutils' `make_id`: lower case, runs of anything but `a-z0-9` become one `-`, leading
/// digits and hyphens and trailing hyphens dropped. Characters outside ASCII are dropped
/// (docutils first folds accents; the spec's titles are ASCII).
pub fn make_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            if id.is_empty() && c.is_ascii_digit() {
                continue;
            }
            id.push(c);
        } else if c.is_ascii() {
            pending_dash = true;
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::make_id;

    #[test]
    fn ids_match_docutils() {
        assert_eq!(
            make_id("GET /_matrix/client/r0/sync"),
            "get-matrix-client-r0-sync"
        );
        assert_eq!(
            make_id("Deprecated: GET /_matrix/identity/api/v1"),
            "deprecated-get-matrix-identity-api-v1"
        );
        assert_eq!(make_id("3PID Types"), "pid-types");
        assert_eq!(make_id("m.room.member"), "m-room-member");
        assert_eq!(make_id("  Table of Contents "), "table-of-contents");
        assert_eq!(make_id("{keyId}"), "keyid");
    }
}
