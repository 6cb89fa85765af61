//! Answering requests from the pages in memory.
//!
//! Nothing is read from disk: a URL path is only ever a key of the built pages, so `..` and
//! links cannot reach a file. Long polls (`/__mxspec/wait`) hold a thread each, so they are
//! bounded like every other request.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::page::{self, OWN_PREFIX, RELOAD_SCRIPT};

/// Requests answered at once; more are refused with 503 until one finishes.
const MAX_IN_FLIGHT: usize = 64;
/// How long a long poll waits for a build before it answers "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);

/// What the pages of the browser see: the last good pages and the last build's problems.
#[derive(Default)]
pub struct State {
    /// Bumped by every build, good or not.
    pub generation: u64,
    /// The pages of the last good build, by path; None before the first good build.
    pub pages: Option<Arc<BTreeMap<String, String>>>,
    /// The other files of the last good build (a Markdown site's diagrams and checklists).
    pub files: Option<Arc<BTreeMap<String, Vec<u8>>>>,
    /// The last build's problems as the overlay shows them ([`page::overlay`]), made once
    /// per build.
    pub overlay: Arc<str>,
    /// Set when serve stops: long polls answer at once.
    pub stopping: bool,
    /// The last builds' pages and overlays by generation, oldest first (at most
    /// [`HISTORY`]): what an open page of an earlier build is patched from.
    pub history: std::collections::VecDeque<Published>,
}

/// What one build showed.
#[derive(Clone)]
pub struct Published {
    /// Its generation.
    pub generation: u64,
    /// The pages on screen after it.
    pub pages: Option<Arc<BTreeMap<String, String>>>,
    /// Its overlay.
    pub overlay: Arc<str>,
}

/// How many builds are kept for patches; a page older than that reloads.
pub const HISTORY: usize = 8;

/// The state, and a signal for each change of it.
#[derive(Default)]
pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    in_flight: AtomicUsize,
}

impl Shared {
    /// Changes the state and wakes every long poll.
    pub fn update(&self, change: impl FnOnce(&mut State)) {
        if let Ok(mut state) = self.state.lock() {
            change(&mut state);
        }
        self.changed.notify_all();
    }

    /// Answers `request` on a thread of its own, or with 503 when too many are running.
    pub fn dispatch(self: &Arc<Self>, request: tiny_http::Request) {
        if self.in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(text(503, "busy: too many requests at once\n"));
            return;
        }
        let shared = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("mxspec-serve-request".into())
            .spawn(move || {
                shared.answer(request);
                shared.in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
        }
    }

    fn answer(&self, request: tiny_http::Request) {
        let response = match request.method() {
            tiny_http::Method::Get | tiny_http::Method::Head => self.respond_to(request.url()),
            _ => text(405, "only GET and HEAD\n"),
        };
        let _ = request.respond(response);
    }

    /// The response for a request target (`/client_server/unstable.html?x`).
    pub fn respond_to(&self, target: &str) -> Response {
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, query),
            None => (target, ""),
        };
        let Some(path) = page_key(path) else {
            return text(400, "bad path\n");
        };
        match path.strip_prefix(OWN_PREFIX.trim_start_matches('/')) {
            Some("reload.js") => {
                return with_type(
                    tiny_http::Response::from_data(RELOAD_SCRIPT.as_bytes().to_vec()),
                    "text/javascript; charset=utf-8",
                );
            }
            Some("wait") => return self.wait(query),
            Some("patch") => return self.patch(query),
            _ => {}
        }
        if let Some(response) = self.file(&path) {
            return response;
        }
        let Ok(state) = self.state.lock() else {
            return text(500, "serve's state is poisoned\n");
        };
        let generation = state.generation;
        let overlay = Arc::clone(&state.overlay);
        let pages = state.pages.clone();
        drop(state);
        let found = pages.as_ref().and_then(|pages| {
            [
                path.clone(),
                format!("{path}.html"),
                format!("{path}/index.html"),
            ]
            .into_iter()
            .find_map(|key| pages.get(&key))
        });
        // A page of the build is decorated from where it is, not copied first.
        let (status, html): (u16, std::borrow::Cow<'_, str>) = match (found, &pages) {
            (Some(html), _) => (200, html.as_str().into()),
            (None, Some(pages)) => (
                404,
                page::own_page(
                    "Not found",
                    &format!("The build has no page /{path}."),
                    pages.keys(),
                )
                .into(),
            ),
            (None, None) => (
                200,
                page::own_page(
                    "No build yet",
                    "The spec has not built yet; this page reloads when it does.",
                    std::iter::empty(),
                )
                .into(),
            ),
        };
        let html = page::decorate(&html, &overlay, generation);
        let response = with_type(
            tiny_http::Response::from_data(html.into_bytes()).with_status_code(status),
            "text/html; charset=utf-8",
        );
        // Our reload script is the only script a served page may run.
        with_header(
            response,
            "Content-Security-Policy",
            "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'",
        )
    }

    /// A file of the build that is not a page, served as it is.
    fn file(&self, path: &str) -> Option<Response> {
        let files = self.state.lock().ok()?.files.clone()?;
        let bytes = files.get(path)?;
        let content_type = match path.rsplit_once('.').map(|(_, ext)| ext) {
            Some("webp") => "image/webp",
            Some("png") => "image/png",
            Some("svg") => "image/svg+xml",
            Some("md") => "text/markdown; charset=utf-8",
            _ => "application/octet-stream",
        };
        let response = with_type(tiny_http::Response::from_data(bytes.clone()), content_type);
        // An SVG could carry script: a sandbox keeps it inert when opened on its own.
        Some(with_header(
            response,
            "Content-Security-Policy",
            "sandbox; default-src 'none'",
        ))
    }

    /// The changes that bring page `page` from build `from` to the current one, as JSON
    /// (see [`super::patch`]); `{"reload": true}` when a patch cannot do it.
    fn patch(&self, query: &str) -> Response {
        let from: Option<u64> = query_param(query, "from").and_then(|n| n.parse().ok());
        let key = query_param(query, "page").and_then(|page| page_key(&percent_decode(page)?));
        let reload = || {
            with_type(
                tiny_http::Response::from_data(b"{\"reload\":true}".to_vec()),
                "application/json",
            )
        };
        let (Some(from), Some(key)) = (from, key) else {
            return reload();
        };
        let Ok(state) = self.state.lock() else {
            return text(500, "serve's state is poisoned\n");
        };
        let old = state.history.iter().find(|p| p.generation == from).cloned();
        let (generation, pages, overlay) = (
            state.generation,
            state.pages.clone(),
            Arc::clone(&state.overlay),
        );
        drop(state);
        let page_of = |pages: &Option<Arc<BTreeMap<String, String>>>| {
            let pages = pages.as_ref()?;
            [
                key.clone(),
                format!("{key}.html"),
                format!("{key}/index.html"),
            ]
            .into_iter()
            .find_map(|k| pages.get(&k).cloned())
        };
        let Some(old) = old else { return reload() };
        let (Some(before), Some(after)) = (page_of(&old.pages), page_of(&pages)) else {
            return reload();
        };
        let Some(changes) = super::patch::changes(&before, &after) else {
            return reload();
        };
        let overlay = (old.overlay != overlay).then_some(&*overlay);
        with_type(
            tiny_http::Response::from_data(
                super::patch::to_json(generation, &changes, overlay).into_bytes(),
            ),
            "application/json",
        )
    }

    /// A long poll: answers the generation once it differs from `since=N`, or after a while.
    fn wait(&self, query: &str) -> Response {
        let since: Option<u64> = query_param(query, "since").and_then(|n| n.parse().ok());
        let Ok(mut state) = self.state.lock() else {
            return text(500, "serve's state is poisoned\n");
        };
        let deadline = Instant::now() + LONG_POLL;
        while Some(state.generation) == since && !state.stopping {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = match self.changed.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(_) => return text(500, "serve's state is poisoned\n"),
            };
        }
        text(200, &format!("{}\n", state.generation))
    }
}

/// The value of `name` in a query string (`a=1&b=2`), as written.
fn query_param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// A response of serve's.
pub type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

/// The key of the built pages a URL path names, without the leading `/` (`index.html` for a
/// folder); None for a path with `.`, `..`, an empty or encoded-slash segment.
fn page_key(path: &str) -> Option<String> {
    let path = path.split('#').next().unwrap_or_default();
    let decoded = percent_decode(path.strip_prefix('/')?)?;
    let mut segments = Vec::new();
    let parts: Vec<&str> = decoded.split('/').collect();
    for (i, segment) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if segment.is_empty() && last {
            segments.push("index.html");
            continue;
        }
        if segment.is_empty()
            || *segment == "."
            || *segment == ".."
            || segment.contains(['\\', '\0'])
        {
            return None;
        }
        segments.push(segment);
    }
    Some(segments.join("/"))
}

/// `%XX` decoding; None for a malformed escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn text(status: u16, body: &str) -> Response {
    with_type(
        tiny_http::Response::from_data(body.as_bytes().to_vec()).with_status_code(status),
        "text/plain; charset=utf-8",
    )
}

fn with_type(response: Response, content_type: &str) -> Response {
    let response = with_header(response, "Content-Type", content_type);
    // A preview is always fresh.
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

fn with_header(response: Response, name: &str, value: &str) -> Response {
    match tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        // Only our own constant names and values get here.
        Err(()) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_page_keys_and_never_leave_the_pages() {
        assert_eq!(page_key("/").as_deref(), Some("index.html"));
        assert_eq!(page_key("/rooms/v1.html").as_deref(), Some("rooms/v1.html"));
        assert_eq!(page_key("/rooms/").as_deref(), Some("rooms/index.html"));
        assert_eq!(page_key("/a%20b.html").as_deref(), Some("a b.html"));
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/x",
            "/a//b",
            "/./a",
            "/a\\b",
            "/%00",
            "/%zz",
            "/%ff",
            "relative",
        ] {
            assert_eq!(page_key(bad), None, "{bad}");
        }
    }

    fn shared_with(pages: &[(&str, &str)]) -> Shared {
        let shared = Shared::default();
        shared.update(|state| {
            state.generation = 4;
            state.pages = Some(Arc::new(
                pages
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            ));
        });
        shared
    }

    fn body(response: Response) -> (u16, String) {
        let status = response.status_code().0;
        let mut data = Vec::new();
        let mut reader = response.into_reader();
        std::io::Read::read_to_end(&mut reader, &mut data).unwrap();
        (status, String::from_utf8(data).unwrap())
    }

    #[test]
    fn pages_are_served_with_the_reload_script_and_unknown_paths_list_the_pages() {
        let shared = shared_with(&[
            ("index.html", "<body>home</body>"),
            ("rooms/v1.html", "<body>v1</body>"),
        ]);
        let (status, html) = body(shared.respond_to("/rooms/v1?x=1"));
        assert_eq!(status, 200);
        assert!(
            html.starts_with("<body>v1<script src=\"/__mxspec/reload.js\" data-generation=\"4\">")
        );
        let (status, html) = body(shared.respond_to("/nope.html"));
        assert_eq!(status, 404);
        assert!(html.contains("<a href=\"/rooms/v1.html\">rooms/v1.html</a>"));
        assert_eq!(body(shared.respond_to("/../x")).0, 400);
        let (status, script) = body(shared.respond_to("/__mxspec/reload.js"));
        assert_eq!((status, script.as_str()), (200, RELOAD_SCRIPT));
    }

    #[test]
    fn a_long_poll_answers_at_once_when_the_page_is_old_and_when_serve_stops() {
        let shared = Arc::new(shared_with(&[]));
        assert_eq!(body(shared.respond_to("/__mxspec/wait?since=3")).1, "4\n");
        let waiting = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || body(shared.respond_to("/__mxspec/wait?since=4")).1)
        };
        std::thread::sleep(Duration::from_millis(50));
        shared.update(|state| state.generation = 5);
        assert_eq!(waiting.join().unwrap(), "5\n");
        shared.update(|state| state.stopping = true);
        assert_eq!(body(shared.respond_to("/__mxspec/wait?since=5")).1, "5\n");
    }
}
