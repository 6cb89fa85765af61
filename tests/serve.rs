//! `mxspec serve` as a spec author uses it: start it on a copy of the project's own spec, load
//! a page, edit prose and YAML, break a file and fix it, and stop it with Ctrl-C.
//!
//! Every wait is a bounded loop of short requests; no timing is asserted.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const PAGE: &str = "/identity_service/unstable.html";
/// How many times a changed page is asked for, 100 ms apart, before the test gives up.
const ATTEMPTS: usize = 300;

/// A copy of the project's own spec tree (what `mxspec build` renders).
fn own_tree() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for folder in ["api", "docs", "changelogs"] {
        copy_folder(&repo.join(folder), &copy.path().join(folder));
    }
    copy
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A running `mxspec serve`, killed when dropped.
struct Serve {
    child: Child,
    address: SocketAddr,
    stderr: Receiver<String>,
}

impl Serve {
    fn start(root: &Path, port: u16) -> Serve {
        let mut child = spawn(root, port);
        let stderr = lines_of(&mut child);
        let address = loop {
            let line = stderr
                .recv_timeout(Duration::from_secs(120))
                .expect("serve says where it listens");
            if let Some(url) = line.strip_prefix("mxspec: serving http://") {
                break url.split('/').next().unwrap().parse().unwrap();
            }
        };
        Serve {
            child,
            address,
            stderr,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(self.address, path)
    }

    /// Asks for `path` until its body satisfies `done`; the last body.
    fn wait_for(&self, path: &str, what: &str, done: impl Fn(&str) -> bool) -> String {
        for _ in 0..ATTEMPTS {
            let (_, body) = self.get(path);
            if done(&body) {
                return body;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{what}: not seen after {ATTEMPTS} attempts");
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(root: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_mxspec"))
        .args(["serve", root.to_str().unwrap(), "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// The child's stderr, line by line, from a thread.
fn lines_of(child: &mut Child) -> Receiver<String> {
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// A plain HTTP/1.0 GET; the status and the body.
fn get(address: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serve_rebuilds_on_edits_keeps_the_last_good_page_and_stops_on_ctrl_c() {
    let tree = own_tree();
    let root = tree.path();
    let serve = Serve::start(root, 0);

    let (status, page) = serve.get(PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("An identity server remembers"));
    assert!(page.contains("<script src=\"/__mxspec/reload.js\" data-generation=\"1\">"));
    assert!(
        !page.contains("mxspec-overlay"),
        "the own spec has no problems"
    );

    // Prose.
    edit(
        &root.join("docs/identity_service_api.rst"),
        "An identity server remembers",
        "An identity server (edited prose) remembers",
    );
    serve.wait_for(PAGE, "the prose edit", |page| {
        page.contains("(edited prose)")
    });

    // A page of the first build is brought up to date by a patch of the changed elements.
    let (status, patch) = serve.get(&format!("/__mxspec/patch?page={PAGE}&from=1"));
    assert_eq!(status, 200);
    let patch: serde_json::Value = serde_json::from_str(&patch).unwrap();
    let changes = patch["changes"].as_array().expect("a patch, not a reload");
    assert!(!changes.is_empty() && changes.len() < 5, "{patch}");
    assert!(
        changes
            .iter()
            .any(|c| c["html"].as_str().unwrap().contains("(edited prose)"))
    );
    assert!(patch["generation"].as_u64().unwrap() > 1);
    let (_, stale) = serve.get(&format!("/__mxspec/patch?page={PAGE}&from=999"));
    assert_eq!(stale, "{\"reload\":true}", "an unknown build reloads");

    // A description in the YAML, which the model holds.
    edit(
        &root.join("api/identity/operations/ping.yaml"),
        "The answer carries no information.",
        "The answer carries no information (edited YAML).",
    );
    serve.wait_for(PAGE, "the YAML edit", |page| page.contains("(edited YAML)"));

    // A broken file: the last good page stays, with the problem on top of it.
    let ping = root.join("api/identity/operations/ping.yaml");
    let good = std::fs::read_to_string(&ping).unwrap();
    std::fs::write(&ping, format!("{good}broken: [\n")).unwrap();
    let page = serve.wait_for(PAGE, "the overlay", |page| page.contains("mxspec-overlay"));
    assert!(page.contains("(edited YAML)"), "the last good page stays");
    assert!(page.contains("showing the last good build"));
    assert!(
        page.contains("<code>api/identity/operations/ping.yaml:"),
        "the overlay names the file"
    );
    std::fs::write(&ping, good).unwrap();
    serve.wait_for(PAGE, "the fix", |page| !page.contains("mxspec-overlay"));

    // Only pages of the build are served.
    assert_eq!(serve.get("/../Cargo.toml").0, 400);
    assert_eq!(serve.get("/%2e%2e/Cargo.toml").0, 400);
    assert_eq!(serve.get("/api/identity/ping.yaml").0, 404);

    // Ctrl-C.
    let mut serve = serve;
    let pid = serve.child.id().to_string();
    let signalled = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(signalled.success());
    let mut status = None;
    for _ in 0..ATTEMPTS {
        if let Some(exit) = serve.child.try_wait().unwrap() {
            status = Some(exit);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = status.expect("serve stops on Ctrl-C");
    assert_eq!(status.code(), Some(0));
    let said: Vec<String> = serve.stderr.try_iter().collect();
    assert!(said.iter().any(|l| l == "mxspec: stopped"), "{said:?}");
}

#[test]
fn a_port_in_use_is_a_usage_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let output = Command::new(env!("CARGO_BIN_EXE_mxspec"))
        .args([
            "serve",
            env!("CARGO_MANIFEST_DIR"),
            "--port",
            &port.to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("127.0.0.1:{port} is already in use")),
        "{stderr}"
    );
}

#[test]
fn a_tree_that_does_not_load_is_served_as_a_page_that_says_so() {
    let empty = tempfile::tempdir().unwrap();
    let serve = Serve::start(empty.path(), 0);
    let (status, page) = serve.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("No build yet"));
    assert!(page.contains("has no api/ folder"), "{page}");
    // Then the spec appears, and the page is served.
    let tree = own_tree();
    for folder in ["docs", "changelogs", "api"] {
        copy_folder(&tree.path().join(folder), &empty.path().join(folder));
    }
    serve.wait_for(PAGE, "the page of the new tree", |page| {
        page.contains("An identity server remembers")
    });
}

#[test]
fn a_change_rebuilds_what_it_needs_and_a_partial_build_equals_a_full_one() {
    use mxspec::serve::rebuild::{Builder, Scope};
    let tree = own_tree();
    let root = tree.path().canonicalize().unwrap();
    let substitutions = mxspec::render::build::default_substitutions();
    let mut inputs = mxspec::serve::SiteInputs::default();
    inputs.load.substitutions = substitutions.clone();
    inputs.build.substitutions = substitutions;
    let mut builder = Builder::new(root.clone(), inputs);
    let first = builder.rebuild(&[]);
    assert_eq!(first.scope, Scope::Everything);
    assert!(first.pages.is_some(), "{}", first.report());

    let prose = root.join("docs/identity_service_api.rst");
    edit(
        &prose,
        "An identity server remembers",
        "An identity server (partial) remembers",
    );
    let partial = builder.rebuild(std::slice::from_ref(&prose));
    assert_eq!(
        partial.scope,
        Scope::Targets(vec!["identity_service".into()])
    );
    let complete = builder.rebuild_all_pages();
    assert_eq!(complete.scope, Scope::AllPages);
    assert!(
        partial.same_as(&complete),
        "a partial build shows what a full one does"
    );
    assert!(partial.pages.unwrap()["identity_service/unstable.html"].contains("(partial)"));

    let yaml = root.join("api/identity/operations/ping.yaml");
    edit(&yaml, "The answer carries", "The reply carries");
    assert_eq!(builder.rebuild(&[yaml]).scope, Scope::Everything);

    let new_file = root.join("docs/new.rst");
    std::fs::write(&new_file, "New\n===\n").unwrap();
    assert_eq!(builder.rebuild(&[new_file]).scope, Scope::AllPages);
}

#[test]
fn a_markdown_tree_is_served_and_rebuilt_on_edits() {
    let copy = tempfile::tempdir().unwrap();
    let root = copy.path();
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs"),
        root,
    );
    // The fixture's page of problems would keep every page off screen.
    std::fs::remove_file(root.join("content/broken.md")).unwrap();
    let serve = Serve::start(root, 0);
    const CS: &str = "/client-server-api/";

    let (status, page) = serve.get(CS);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("id=\"post_matrixclientv3createroom\""));
    assert!(page.contains("/__mxspec/reload.js"));
    let (status, image) = serve.get("/diagrams/flow.webp");
    assert_eq!(status, 200);
    assert!(image.starts_with("RIFF"));
    assert_eq!(serve.get("/rooms/v1/").0, 200);

    // Markdown of an included fragment, and a description in the YAML.
    edit(
        &root.join("content/client-server-api/modules/topics.md"),
        "### Topics",
        "### Topics (edited prose)",
    );
    serve.wait_for(CS, "the Markdown edit", |page| {
        page.contains("(edited prose)")
    });
    edit(
        &root.join("data/api/client-server/rooms.yaml"),
        "Creates a new room.",
        "Creates a new room (edited YAML).",
    );
    serve.wait_for(CS, "the YAML edit", |page| page.contains("(edited YAML)"));

    // A shortcode that names nothing: the last good page stays, the overlay says where.
    edit(
        &root.join("content/rooms/v1.md"),
        "## Intro",
        "{{% event event=\"m.nothing\" %}}\n\n## Intro",
    );
    let page = serve.wait_for(CS, "the overlay naming the file", |page| {
        page.contains("<code>content/rooms/v1.md:")
    });
    assert!(page.contains("showing the last good build"));
    assert!(page.contains("(edited YAML)"), "the last good page stays");
}

/// Sends `request` raw and reads what comes back, for at most `within`: the status line's
/// code, or None when the connection closed (or stayed silent) without one.
fn raw(address: SocketAddr, request: &[u8], within: Duration) -> Option<u16> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(within)).unwrap();
    stream.set_write_timeout(Some(within)).unwrap();
    // The server may close before it has read everything: that is an answer too.
    let _ = stream.write_all(request);
    let mut head = [0u8; 64];
    let read = stream.read(&mut head).unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..read]);
    head.split(' ').nth(1)?.parse().ok()
}

#[test]
fn hostile_requests_get_bounded_answers_and_serve_goes_on() {
    let tree = own_tree();
    let serve = Serve::start(tree.path(), 0);
    let address = serve.address;
    let alive = || assert_eq!(serve.get(PAGE).0, 200, "serve still answers");
    let quick = Duration::from_secs(15);
    // A body too large for any buffer is never read.
    for length in [
        "18446744073709551615",
        "99999999999999999999999",
        "-1",
        "1e9",
    ] {
        let request =
            format!("GET / HTTP/1.1\r\nHost: {address}\r\nContent-Length: {length}\r\n\r\n");
        let _ = raw(address, request.as_bytes(), quick);
        alive();
    }
    // A head that never ends is cut at its bound, not buffered.
    let mut endless = format!("GET / HTTP/1.1\r\nHost: {address}\r\nX-Long: ").into_bytes();
    endless.extend(std::iter::repeat_n(b'a', 1 << 20));
    assert_ne!(raw(address, &endless, quick), Some(200));
    alive();
    // A page of another site, reaching 127.0.0.1 through a DNS name it controls.
    let rebound = b"GET / HTTP/1.1\r\nHost: rebound.example:8000\r\n\r\n";
    assert_eq!(raw(address, rebound, quick), Some(403));
    // Long polls abandoned past the bound hold nobody up.
    let (_, page) = serve.get(PAGE);
    let generation = page
        .split("data-generation=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let wait = format!("GET /__mxspec/wait?since={generation} HTTP/1.1\r\nHost: {address}\r\n\r\n");
    let abandoned: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut stream = TcpStream::connect(address).unwrap();
            stream.write_all(wait.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        raw(address, wait.as_bytes(), quick),
        Some(503),
        "past the bound"
    );
    alive();
    drop(abandoned);
    alive();
}
