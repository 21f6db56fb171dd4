//! `gazette serve` as a user meets it: a real server process on a free loopback port,
//! spoken to over HTTP. Every wait is bounded in time and count, and every server is
//! killed when its test ends (pass or fail).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Site, snapshot};

/// How long any one wait may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `gazette serve`; killed on drop.
struct Server {
    child: Child,
    port: u16,
    /// Every line it printed to stdout so far.
    said: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts serving `root` on a free port and waits for the address line.
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("gazette serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, receiver) = std::sync::mpsc::channel();
        let said = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&said);
        std::thread::spawn(move || {
            // Keep reading after the address arrives, so the server never writes to a
            // closed pipe; the thread ends when the server does.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                log.lock().expect("log").push(line.clone());
                let _ = sender.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            said,
        };
        let deadline = Instant::now() + PATIENCE;
        while server.port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = receiver
                .recv_timeout(left)
                .expect("the server prints its address in time");
            if let Some(at) = line.find("http://127.0.0.1:") {
                let rest = &line[at + "http://127.0.0.1:".len()..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                server.port = digits.parse().expect("a port number");
            }
        }
        server
    }

    fn rebuilds(&self) -> usize {
        let said = self.said.lock().expect("log");
        said.iter().filter(|l| l.starts_with("Rebuilt")).count()
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path)
    }
}

/// An HTTP response, read whole.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request exactly as written (no client normalises the path) and reads the
/// reply until the server closes the connection.
fn request(port: u16, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the reply");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// An open event stream, read as events arrive.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            stream,
            "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .expect("send");
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for("retry:");
        events
    }

    /// Reads until `needle` has arrived (after what was already consumed); returns
    /// everything up to and including the event that holds it.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut buffer = [0u8; 8192];
        loop {
            if let Some(at) = self.seen.find(needle) {
                let end = self.seen[at..]
                    .find("\n\n")
                    .map_or(self.seen.len(), |e| at + e + 2);
                let taken: String = self.seen.drain(..end).collect();
                return taken;
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} on the event stream in {PATIENCE:?}; got {:?}",
                self.seen
            );
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed; got {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(err)
                    if matches!(
                        err.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(err) => panic!("reading events: {err}"),
            }
        }
    }
}

/// A small site with two stories.
fn small_site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2026-11-20-harbour.txt",
        "Harbour bridge reopens after repairs\nEngineers finished two days early.\nThe bridge reopened on Monday after repairs costing £4m, the council said.\n“We are glad to have it back,” said Ada Marsh, who runs the ferry café.\n",
    );
    site.write(
        "seeds/library.md",
        "+++\ntitle = \"Library extends its opening hours\"\ndate = 2026-11-21\ntags = [\"Culture\"]\n+++\n\nThe central library will open until 9pm on weekdays from January, the council said on Friday.\n\n## What changes\n\nThe change costs £120,000 a year.\n",
    );
    site
}

#[test]
fn serves_pages_with_their_types_and_the_sites_404() {
    let site = small_site();
    let server = Server::start(site.root());

    let front = server.get("/");
    assert_eq!(front.status, 200);
    assert_eq!(
        front.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(front.body.contains("Harbour bridge reopens after repairs"));
    assert!(
        front.body.contains("/__gazette/events"),
        "live script injected"
    );

    let story = server.get("/harbour-bridge-reopens-after-repairs/");
    assert_eq!(story.status, 200);
    assert!(story.body.contains("<article class=\"story\">"));
    let redirect = server.get("/harbour-bridge-reopens-after-repairs");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("Location"),
        Some("/harbour-bridge-reopens-after-repairs/")
    );

    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/feed.json", "application/json; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(kind), "{path}");
        assert!(
            !reply.body.contains("EventSource"),
            "{path}: only HTML gets the script"
        );
    }
    assert!(
        server
            .get("/feed.xml")
            .header("Content-Type")
            .is_some_and(|t| t.contains("xml"))
    );

    let missing = server.get("/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's 404.html"
    );
    assert_eq!(request(server.port, "POST", "/").status, 405);
    let head = request(server.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    // Serving never writes public/, so the built site never carries the script.
    assert!(!site.public().exists(), "serve leaves public/ alone");
    site.build().expect("build");
    for (path, bytes) in snapshot(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__gazette"),
            "{path} carries the live script"
        );
    }
}

#[test]
fn paths_that_leave_the_site_are_refused() {
    let site = small_site();
    site.write("static/ok.txt", "fine");
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            site.root().join("static/secret.txt"),
        )
        .expect("symlink");
        std::os::unix::fs::symlink(outside.path(), site.root().join("static/elsewhere"))
            .expect("symlink");
    }
    let server = Server::start(site.root());
    assert_eq!(server.get("/ok.txt").body, "fine");
    for path in [
        "/../config.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/config.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fconfig.toml",
        "/ok.txt%2f..%2f..%2fconfig.toml",
        "/..%5cconfig.toml",
        "/.%2e/config.toml",
        "/topics/..\\..\\config.toml",
    ] {
        let reply = server.get(path);
        assert!(
            reply.status == 403 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("base_url"),
            "{path} leaked config.toml"
        );
    }
    for path in [
        "/secret.txt",
        "/elsewhere/secret.txt",
        "/config.toml",
        "/seeds/library.md",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(
            !reply.body.contains("TOP SECRET") && !reply.body.contains("+++"),
            "{path}"
        );
    }
}

#[test]
fn a_changed_seed_is_rebuilt_and_open_tabs_are_told() {
    let site = small_site();
    let server = Server::start(site.root());
    let mut events = Events::open(server.port);
    site.write(
        "seeds/library.md",
        "+++\ntitle = \"Library extends its opening hours\"\ndate = 2026-11-21\ntags = [\"Culture\"]\n+++\n\nThe central library will open until 10pm on weekdays from February, the council said on Friday.\n",
    );
    // A seed change re-renders the whole site for now (story pages list related
    // stories), so open tabs are told to reload whatever they show.
    let first = events.wait_for("event: reload");
    assert!(
        first.contains("\"all\":true")
            || first.contains("/library-extends-its-opening-hours/index.html"),
        "the changed story's page is reloaded: {first}"
    );
    let page = server.get("/library-extends-its-opening-hours/");
    assert!(page.body.contains("10pm on weekdays from February"));

    // A new seed appears on the front page.
    site.write(
        "seeds/2026-11-22-tram.txt",
        "Tram depot opening slips to spring\nThe new depot needs more power cables.\nThe depot will open in April, three months late, the operator said.\n",
    );
    events.wait_for("event: reload");
    let deadline = Instant::now() + PATIENCE;
    while !server
        .get("/")
        .body
        .contains("Tram depot opening slips to spring")
    {
        assert!(
            Instant::now() < deadline,
            "the front page lists the new story"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Rebuilding reads the sources; reads must not count as changes, or the server
    // would rebuild for ever.
    while server.rebuilds() < 2 {
        assert!(Instant::now() < deadline, "the server reports its rebuilds");
        std::thread::sleep(Duration::from_millis(20));
    }
    let settled = server.rebuilds();
    assert!(settled <= 4, "two edits, {settled} rebuilds");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(server.rebuilds(), settled, "rebuilds with nothing changed");
}

#[test]
fn a_broken_template_shows_an_error_page_over_the_last_good_site() {
    let site = small_site();
    let server = Server::start(site.root());
    let mut events = Events::open(server.port);
    site.write(
        "templates/partials/story_card.html",
        "<article>\n{{ s.headline | no_such_filter }}\n</article>\n",
    );
    let problems = events.wait_for("event: problems");
    assert!(
        problems.contains("templates/partials/story_card.html"),
        "{problems}"
    );

    let front = server.get("/");
    assert_eq!(front.status, 200, "the last good page is still served");
    assert!(front.body.contains("Harbour bridge reopens after repairs"));
    assert!(
        front.body.contains("id=\"gazette-problems\""),
        "with the error panel"
    );
    assert!(front.body.contains("templates/partials/story_card.html:2"));
    assert!(front.body.contains("no_such_filter"));

    // A broken seed meanwhile: still the last good site, with both problems.
    site.write(
        "seeds/broken.md",
        "+++\ntitle = \"x\"\ndate = \"soon\n+++\nBody.\n",
    );
    events.wait_for("seeds/broken.md");

    site.write(
        "templates/partials/story_card.html",
        "<article class=\"card\"><h3>{{ s.headline }}</h3></article>\n",
    );
    std::fs::remove_file(site.root().join("seeds/broken.md")).expect("rm");
    events.wait_for("\"all\":true");
    let deadline = Instant::now() + PATIENCE;
    loop {
        let front = server.get("/");
        if !front.body.contains("id=\"gazette-problems\"") {
            assert!(
                front
                    .body
                    .contains("<article class=\"card\"><h3>Harbour bridge")
            );
            break;
        }
        assert!(Instant::now() < deadline, "the fix clears the error panel");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn many_clients_at_once() {
    let site = small_site();
    let server = Server::start(site.root());
    let port = server.port;
    // Open tabs holding event streams must not starve page requests.
    let tabs: Vec<Events> = (0..24).map(|_| Events::open(port)).collect();
    let started = Instant::now();
    let workers: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let paths = ["/", "/style.css", "/feed.json", "/topics/", "/missing"];
                (0..10)
                    .map(|j| request(port, "GET", paths[(i + j) % paths.len()]).status)
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for worker in workers {
        statuses.extend(worker.join().expect("a client thread"));
    }
    assert_eq!(statuses.len(), 320);
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 404),
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == 404).count(), 64);
    assert!(started.elapsed() < PATIENCE * 2);
    drop(tabs);
    assert_eq!(server.get("/").status, 200, "still serving after the crowd");
}

#[test]
fn a_held_story_goes_live_when_its_embargo_lifts_without_a_save() {
    let site = small_site();
    let lifts = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    site.write(
        "seeds/embargoed.md",
        format!(
            "+++\ntitle = \"Lighthouse keepers return to Skerry Point\"\npublish_at = {lifts}\n+++\nThe keepers moved back in on Friday.\n"
        ),
    );
    let server = Server::start(site.root());
    assert!(!server.get("/").body.contains("Lighthouse keepers"));
    let said = |needle: &str| {
        let lines = server.said.lock().expect("log");
        lines.iter().any(|l| l.contains(needle))
    };
    assert!(said("Held back: seeds/embargoed.md: under embargo until"));
    // Nothing is saved: the server's own schedule publishes the story.
    let deadline = Instant::now() + PATIENCE;
    while !server.get("/").body.contains("Lighthouse keepers") {
        assert!(Instant::now() < deadline, "the story never went live");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(jiff::Timestamp::now() >= lifts, "not before its moment");
    assert!(said("Rebuilt after an embargo lifted"));
}
