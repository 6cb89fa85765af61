//! Answering requests from the pages in memory, over hyper.
//!
//! Nothing is read from disk: a URL path is only ever a key of the built pages, so `..` and
//! links cannot reach a file. Every request is bounded: its head (16 KiB, read within 10 s;
//! a body is never read), the connections open at once (256, each for at most two minutes),
//! the long polls waiting at once (32; they hold no thread, and one more is answered 503, which
//! the page retries a second later). Only requests for `localhost` or an IP address are
//! answered, so a web page cannot read the preview through a DNS name rebound to 127.0.0.1.
//! A request that panics ends its own connection; the counts are permits released on unwind.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::StatusCode;
use hyper::header::{HeaderName, HeaderValue};

use super::page::{self, OWN_PREFIX, RELOAD_SCRIPT};

/// Connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 256;
/// Long polls waiting at once; more are answered 503 at once.
const MAX_LONG_POLLS: usize = 32;
/// How long a long poll waits for a build before it answers "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);
/// How long a client may take to send a request's head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The most bytes of a request's head held at once.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long one connection may stay open, however it is used.
const MAX_CONNECTION_LIFE: Duration = Duration::from_secs(120);
/// How often the accept loop looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(100);

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
pub struct Shared {
    state: Mutex<State>,
    /// The generation and whether serve stops, for the long polls.
    changed: tokio::sync::watch::Sender<(u64, bool)>,
    long_polls: tokio::sync::Semaphore,
}

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            state: Mutex::default(),
            changed: tokio::sync::watch::Sender::new((0, false)),
            long_polls: tokio::sync::Semaphore::new(MAX_LONG_POLLS),
        }
    }
}

/// Serves `shared` on `listener` until `stop` is set: a runtime of two threads, one task per
/// connection.
pub fn run(
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("mxspec-serve-http")
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        let mut tick = tokio::time::interval(STOP_POLL);
        while !stop.load(Ordering::Relaxed) {
            let permit = tokio::select! {
                permit = Arc::clone(&connections).acquire_owned() => permit,
                _ = tick.tick() => continue,
            };
            let Ok(permit) = permit else { break };
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = tick.tick() => continue,
            };
            let Ok((stream, _)) = accepted else { continue };
            let shared = Arc::clone(&shared);
            tokio::spawn(async move {
                let _permit = permit;
                let service = hyper::service::service_fn(move |request| {
                    let shared = Arc::clone(&shared);
                    async move { Ok::<_, std::convert::Infallible>(shared.answer(&request).await) }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEAD_TIMEOUT)
                    .max_buf_size(MAX_HEAD_BYTES)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                let _ = tokio::time::timeout(MAX_CONNECTION_LIFE, connection).await;
            });
        }
        Ok(())
    })
}

impl Shared {
    /// Changes the state and wakes every long poll.
    pub fn update(&self, change: impl FnOnce(&mut State)) {
        let now = match self.state.lock() {
            Ok(mut state) => {
                change(&mut state);
                (state.generation, state.stopping)
            }
            Err(_) => (u64::MAX, true),
        };
        self.changed.send_replace(now);
    }

    /// The answer to a request given as its parts (method, request target, `Host`), on a
    /// runtime of its own: what the fuzz target drives. None when no HTTP request has such
    /// parts (hyper would refuse it before we saw it).
    pub fn answer_blocking(
        &self,
        method: &[u8],
        target: &str,
        host: Option<&[u8]>,
    ) -> Option<Answered> {
        use http_body_util::BodyExt;
        let mut request = hyper::Request::builder()
            .method(hyper::Method::from_bytes(method).ok()?)
            .uri(target);
        if let Some(host) = host {
            request = request.header(hyper::header::HOST, HeaderValue::from_bytes(host).ok()?);
        }
        let request = request.body(()).ok()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        runtime.block_on(async {
            let response = self.answer(&request).await;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| {
                    (
                        name.to_string(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response
                .into_body()
                .collect()
                .await
                .ok()?
                .to_bytes()
                .to_vec();
            Some(Answered {
                status,
                headers,
                body,
            })
        })
    }

    /// The answer to one request.
    pub async fn answer<B>(&self, request: &hyper::Request<B>) -> Response {
        if !matches!(*request.method(), hyper::Method::GET | hyper::Method::HEAD) {
            return text(405, "only GET and HEAD\n");
        }
        // A `Host` that is not text names no local host either.
        let host_local = request
            .headers()
            .get(hyper::header::HOST)
            .is_none_or(|host| host.to_str().is_ok_and(local_host));
        if !host_local || !request.uri().host().is_none_or(local_host) {
            return text(
                403,
                "serve answers requests for localhost or an IP address only\n",
            );
        }
        let target = request
            .uri()
            .path_and_query()
            .map_or("/", |target| target.as_str());
        self.respond_to(target).await
    }

    /// The response for a request target (`/client_server/unstable.html?x`).
    pub async fn respond_to(&self, target: &str) -> Response {
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, query),
            None => (target, ""),
        };
        let Some(path) = page_key(path) else {
            return text(400, "bad path\n");
        };
        match path.strip_prefix(OWN_PREFIX.trim_start_matches('/')) {
            Some("reload.js") => {
                return response(
                    200,
                    "text/javascript; charset=utf-8",
                    RELOAD_SCRIPT.as_bytes().to_vec(),
                );
            }
            Some("wait") => return self.wait(query).await,
            Some("patch") => return self.patch(query),
            _ => {}
        }
        self.page(&path)
    }

    /// A page of the build, a file of it, or a page that says there is none.
    fn page(&self, path: &str) -> Response {
        if let Some(response) = self.file(path) {
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
                path.to_owned(),
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
        let response = response(status, "text/html; charset=utf-8", html.into_bytes());
        // Our reload script is the only script a served page may run.
        with_header(
            response,
            "content-security-policy",
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
        let response = response(200, content_type, bytes.clone());
        // An SVG could carry script: a sandbox keeps it inert when opened on its own.
        Some(with_header(
            response,
            "content-security-policy",
            "sandbox; default-src 'none'",
        ))
    }

    /// The changes that bring page `page` from build `from` to the current one, as JSON
    /// (see [`super::patch`]); `{"reload": true}` when a patch cannot do it.
    fn patch(&self, query: &str) -> Response {
        let from: Option<u64> = query_param(query, "from").and_then(|n| n.parse().ok());
        let key = query_param(query, "page").and_then(|page| page_key(&percent_decode(page)?));
        let reload = || response(200, "application/json", b"{\"reload\":true}".to_vec());
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
        response(
            200,
            "application/json",
            super::patch::to_json(generation, &changes, overlay).into_bytes(),
        )
    }

    /// A long poll: answers the generation once it differs from `since=N`, or after a while.
    /// It holds no thread while it waits.
    async fn wait(&self, query: &str) -> Response {
        let since: Option<u64> = query_param(query, "since").and_then(|n| n.parse().ok());
        let Ok(_slot) = self.long_polls.try_acquire() else {
            return text(503, "busy: too many pages waiting at once\n");
        };
        let mut changed = self.changed.subscribe();
        let deadline = tokio::time::sleep(LONG_POLL);
        tokio::pin!(deadline);
        loop {
            let (generation, stopping) = *changed.borrow_and_update();
            if Some(generation) != since || stopping {
                break;
            }
            tokio::select! {
                closed = changed.changed() => if closed.is_err() { break },
                _ = &mut deadline => break,
            }
        }
        let generation = changed.borrow().0;
        text(200, &format!("{generation}\n"))
    }
}

/// Whether a request's `Host` (or absolute URL's host) names this machine the way only a
/// local user would: `localhost` (or a name under it) or an IP address, with any port. A DNS
/// name is refused: it may have been rebound to 127.0.0.1 by a page of another site.
fn local_host(host: &str) -> bool {
    let port_ok = |port: &str| port.chars().all(|c| c.is_ascii_digit());
    if let Some(v6) = host.strip_prefix('[') {
        return v6.split_once(']').is_some_and(|(ip, rest)| {
            ip.parse::<std::net::Ipv6Addr>().is_ok()
                && (rest.is_empty() || rest.strip_prefix(':').is_some_and(port_ok))
        });
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port_ok(port) => name,
        Some(_) => return false,
        None => host,
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return true;
    }
    // `localhost` or a name under it, each label letters, digits and `-`.
    let labels: Vec<&str> = name.split('.').collect();
    labels.last() == Some(&"localhost")
        && labels.iter().all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// The value of `name` in a query string (`a=1&b=2`), as written.
fn query_param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// A response as [`Shared::answer_blocking`] gives it.
pub struct Answered {
    /// The status code.
    pub status: u16,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// A response of serve's.
pub type Response = hyper::Response<Full<Bytes>>;

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
    response(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

/// A response with its type; a preview is always fresh and never sniffed.
fn response(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = hyper::Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let response = with_header(response, "content-type", content_type);
    let response = with_header(response, "cache-control", "no-store");
    with_header(response, "x-content-type-options", "nosniff")
}

/// `response` with a header of our own constant name and value.
fn with_header(mut response: Response, name: &'static str, value: &'static str) -> Response {
    response.headers_mut().insert(
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    );
    response
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

    /// Runs `future` to its end on a runtime of its own.
    fn block<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    fn body(response: Response) -> (u16, String) {
        use http_body_util::BodyExt;
        let status = response.status().as_u16();
        let bytes = block(response.into_body().collect()).unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    fn get(shared: &Shared, target: &str) -> (u16, String) {
        body(block(shared.respond_to(target)))
    }

    #[test]
    fn pages_are_served_with_the_reload_script_and_unknown_paths_list_the_pages() {
        let shared = shared_with(&[
            ("index.html", "<body>home</body>"),
            ("rooms/v1.html", "<body>v1</body>"),
        ]);
        let (status, html) = get(&shared, "/rooms/v1?x=1");
        assert_eq!(status, 200);
        assert!(
            html.starts_with("<body>v1<script src=\"/__mxspec/reload.js\" data-generation=\"4\">")
        );
        let (status, html) = get(&shared, "/nope.html");
        assert_eq!(status, 404);
        assert!(html.contains("<a href=\"/rooms/v1.html\">rooms/v1.html</a>"));
        assert_eq!(get(&shared, "/../x").0, 400);
        let (status, script) = get(&shared, "/__mxspec/reload.js");
        assert_eq!((status, script.as_str()), (200, RELOAD_SCRIPT));
    }

    #[test]
    fn a_long_poll_answers_at_once_when_the_page_is_old_and_when_serve_stops() {
        let shared = Arc::new(shared_with(&[]));
        assert_eq!(get(&shared, "/__mxspec/wait?since=3").1, "4\n");
        let waiting = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || get(&shared, "/__mxspec/wait?since=4").1)
        };
        std::thread::sleep(Duration::from_millis(50));
        shared.update(|state| state.generation = 5);
        assert_eq!(waiting.join().unwrap(), "5\n");
        shared.update(|state| state.stopping = true);
        assert_eq!(get(&shared, "/__mxspec/wait?since=5").1, "5\n");
    }

    #[test]
    fn long_polls_past_the_bound_are_answered_at_once() {
        let shared = Arc::new(shared_with(&[]));
        let waiting: Vec<_> = (0..MAX_LONG_POLLS)
            .map(|_| {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || get(&shared, "/__mxspec/wait?since=4").0)
            })
            .collect();
        while shared.long_polls.available_permits() > 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(get(&shared, "/__mxspec/wait?since=4").0, 503);
        shared.update(|state| state.generation = 5);
        for poll in waiting {
            assert_eq!(poll.join().unwrap(), 200);
        }
        assert_eq!(shared.long_polls.available_permits(), MAX_LONG_POLLS);
    }

    #[test]
    fn only_local_hosts_are_answered() {
        for local in [
            "127.0.0.1:8000",
            "localhost",
            "LOCALHOST:80",
            "app.localhost:1",
            "[::1]:8000",
            "192.168.1.5",
        ] {
            assert!(local_host(local), "{local}");
        }
        for remote in [
            "evil.example",
            "evil.example:8000",
            "127.0.0.1.evil.example",
            "[::1",
            "localhost.evil",
            "Z::1]:9111e...(........localhost....",
            "a..localhost",
            "localhost..",
            "localhost:x",
        ] {
            assert!(!local_host(remote), "{remote}");
        }
        let shared = shared_with(&[("index.html", "<body>home</body>")]);
        let request = |host: &str| {
            hyper::Request::get("/")
                .header("host", host)
                .body(())
                .unwrap()
        };
        assert_eq!(body(block(shared.answer(&request("localhost:9")))).0, 200);
        assert_eq!(
            body(block(shared.answer(&request("rebound.example:9")))).0,
            403
        );
        let absolute = hyper::Request::get("http://rebound.example/")
            .header("host", "127.0.0.1")
            .body(())
            .unwrap();
        assert_eq!(body(block(shared.answer(&absolute))).0, 403);
    }
}
