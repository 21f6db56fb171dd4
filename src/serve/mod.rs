//! `gazette serve`: the site in memory, served over HTTP, rebuilt as its sources change.
//!
//! Builds the site into a [`Session`], serves its pages from memory with a small
//! synchronous HTTP server (tiny_http) on 127.0.0.1 unless told otherwise, watches the
//! sources ([`watch`]), and on each change updates the session (the changed stories'
//! pages first, then the lists) and tells open tabs ([`reload`]). A failed rebuild is
//! printed and shown over the last good pages, which stay served until a fix. A story
//! under embargo is announced as held, and the server wakes when the next embargo
//! lifts to publish it (unless `--now` fixed the clock). Serving never writes
//! `public/`: `gazette build` does that, without the reload script.

pub mod http;
pub mod reload;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use thiserror::Error;

use crate::session::{Changes, Problem, Rendered, Session, SessionOptions, Update};
use reload::{Event, Heard as Listened, Hub};
use watch::{Heard, Watcher};

/// What `gazette serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user asks for another.
    pub bind: IpAddr,
    /// `0` picks a free port (the address printed says which).
    pub port: u16,
    pub drafts: bool,
    /// A fixed clock for embargoes (`--now`); the real time when `None`, and then a
    /// held story is published by a rebuild the server schedules for its moment.
    pub now: Option<jiff::Timestamp>,
}

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {message} (is another server using the port? try --port)")]
    Bind {
        address: SocketAddr,
        message: String,
    },
    #[error("cannot watch {}: {source}", root.display())]
    Watch {
        root: PathBuf,
        #[source]
        source: notify::Error,
    },
}

/// Threads answering page requests; event streams get threads of their own.
const WORKERS: usize = 8;
/// Open event streams at most; beyond this a tab is asked to retry later.
const MAX_LISTENERS: usize = 256;
/// How often a quiet event stream gets a comment line, to notice closed tabs.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// How much a line for the terminal matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    Info,
    Warning,
    Error,
}

/// Serves the site until the process ends. `say` receives each line for the terminal,
/// the address among the first.
pub fn serve(options: &ServeOptions, mut say: impl FnMut(Note, &str)) -> Result<(), ServeError> {
    let address = SocketAddr::new(options.bind, options.port);
    let server = tiny_http::Server::http(address).map_err(|err| ServeError::Bind {
        address,
        message: err.to_string(),
    })?;
    let address = server.server_addr().to_ip().unwrap_or(address);
    let base_url = format!("http://{address}/");

    let (mut session, opened) = Session::open(SessionOptions {
        root: options.root.clone(),
        base_url: Some(base_url.clone()),
        drafts: options.drafts,
        now: options.now,
    });
    let hub = Arc::new(Hub::new(
        Arc::clone(session.pages()),
        opened
            .as_ref()
            .err()
            .map(|e| e.problems.clone())
            .unwrap_or_default(),
    ));
    match &opened {
        Ok(update) => say(
            Note::Info,
            &format!(
                "Built {} stories, {} files in memory in {:.0} ms",
                update.stories,
                session.pages().len(),
                update.elapsed.as_secs_f64() * 1000.0
            ),
        ),
        Err(err) => say_problems(&mut say, &err.problems),
    }
    for warning in session.warnings() {
        say(Note::Warning, &warning);
    }
    let mut held = session.held();
    say_held(&held, &mut say);

    let mut watcher = Watcher::start(&options.root).map_err(|source| ServeError::Watch {
        root: options.root.clone(),
        source,
    })?;
    start_workers(server, &hub);
    if !options.bind.is_loopback() {
        say(
            Note::Warning,
            &format!(
                "listening on {}, which other machines can reach: anyone on the network can read the site",
                options.bind
            ),
        );
    }
    say(
        Note::Info,
        &format!(
            "Serving {} at {base_url} (live reload on; Ctrl-C to stop)",
            options.root.display()
        ),
    );

    // The release a clock-driven rebuild was last tried for: a site broken at that
    // moment waits for a fix instead of being rebuilt again and again.
    let mut tried_release = None;
    loop {
        let release =
            next_release(&session, options.now).filter(|_| session.next_release() != tried_release);
        match watcher.wait(release.map_or(IDLE, |wait| wait.min(IDLE))) {
            Heard::Changes(changes) if !changes.is_empty() => {
                rebuild(&mut session, &hub, &changes, &mut say);
            }
            Heard::Quiet
                if release.is_some()
                    && next_release(&session, options.now) == Some(Duration::ZERO) =>
            {
                // The seeds did not change, the clock did: an embargo has lifted.
                tried_release = session.next_release();
                rebuild(&mut session, &hub, &Changes::default(), &mut say);
            }
            Heard::Changes(_) | Heard::Quiet => {}
            Heard::Trouble(message) => {
                say(Note::Warning, &format!("watching the sources: {message}"))
            }
            Heard::Closed => return Ok(()),
        }
        let now_held = session.held();
        if now_held != held {
            say_held(&now_held, &mut say);
            held = now_held;
        }
    }
}

/// How long the watcher waits for a change when nothing is due.
const IDLE: Duration = Duration::from_secs(3600);

/// How long until the next held story is due out (zero if it is due now); `None` when
/// nothing is held, or the clock is fixed with `--now` and so never reaches it.
fn next_release(session: &Session, fixed_clock: Option<jiff::Timestamp>) -> Option<Duration> {
    if fixed_clock.is_some() {
        return None;
    }
    let due = session.next_release()?;
    let wait = jiff::Timestamp::now().duration_until(due);
    // Negative once the moment has passed: due now.
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// Says which stories are held back, and until when: never silently.
fn say_held(held: &[crate::embargo::HeldStory], say: &mut impl FnMut(Note, &str)) {
    for story in held {
        say(Note::Info, &format!("Held back: {story}"));
    }
}

/// Updates the session and the hub: changed story pages first, then the lists.
fn rebuild(session: &mut Session, hub: &Hub, changes: &Changes, say: &mut impl FnMut(Note, &str)) {
    let what = describe(changes);
    match session.update(changes) {
        Ok(update) => {
            hub.publish(Arc::clone(session.pages()), &update.rendered);
            say(
                Note::Info,
                &format!("Rebuilt after {what}: {}", rendered_line(&update)),
            );
        }
        Err(err) => {
            say_problems(say, &err.problems);
            hub.report(err.problems);
            return;
        }
    }
    if session.lists_pending() {
        match session.update_lists() {
            Ok(update) => {
                hub.publish(Arc::clone(session.pages()), &update.rendered);
                say(Note::Info, &format!("  lists: {}", rendered_line(&update)));
            }
            Err(err) => {
                say_problems(say, &err.problems);
                hub.report(err.problems);
            }
        }
    }
}

fn rendered_line(update: &Update) -> String {
    let ms = update.elapsed.as_secs_f64() * 1000.0;
    match &update.rendered {
        Rendered::Everything => format!("whole site ({} stories) in {ms:.0} ms", update.stories),
        Rendered::Paths(paths) => format!("{} page(s) in {ms:.1} ms", paths.len()),
    }
}

fn describe(changes: &Changes) -> String {
    if changes.is_empty() {
        return "an embargo lifted".to_string();
    }
    let mut parts = Vec::new();
    if changes.config {
        parts.push("config.toml".to_string());
    }
    if changes.theme {
        parts.push("theme".to_string());
    }
    if changes.all_seeds {
        parts.push("seeds/".to_string());
    }
    match changes.seeds.len() {
        0 => {}
        1..=3 => parts.extend(changes.seeds.iter().map(|s| format!("seeds/{s}"))),
        n => parts.push(format!("{n} seeds")),
    }
    parts.join(", ")
}

fn say_problems(say: &mut impl FnMut(Note, &str), problems: &[Problem]) {
    say(
        Note::Error,
        &format!(
            "the site did not build ({} problem(s)); still serving the last good version",
            problems.len()
        ),
    );
    for problem in problems {
        say(Note::Error, &format!("  {problem}"));
    }
}

fn start_workers(server: tiny_http::Server, hub: &Arc<Hub>) {
    let server = Arc::new(server);
    let listeners = Arc::new(AtomicUsize::new(0));
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let hub = Arc::clone(hub);
        let listeners = Arc::clone(&listeners);
        std::thread::spawn(move || {
            // `recv` fails only when the server shuts down.
            while let Ok(request) = server.recv() {
                let path = request.url().split('?').next().unwrap_or_default();
                if path == reload::EVENTS_PATH {
                    stream_events(request, &hub, &listeners);
                } else {
                    http::answer(request, &hub);
                }
            }
        });
    }
}

/// Hands an event stream its own thread, so open tabs never hold up page requests.
fn stream_events(request: tiny_http::Request, hub: &Arc<Hub>, listeners: &Arc<AtomicUsize>) {
    if listeners.fetch_add(1, Ordering::SeqCst) >= MAX_LISTENERS {
        listeners.fetch_sub(1, Ordering::SeqCst);
        let response =
            tiny_http::Response::from_string("too many open tabs\n").with_status_code(503);
        let _ = request.respond(response);
        return;
    }
    let after = request
        .url()
        .split_once("after=")
        .and_then(|(_, n)| n.split('&').next())
        .and_then(|n| n.parse::<u64>().ok());
    let hub = Arc::clone(hub);
    let listeners = Arc::clone(listeners);
    std::thread::spawn(move || {
        let mut writer = request.into_writer();
        let _ = send_events(&mut *writer, &hub, after);
        listeners.fetch_sub(1, Ordering::SeqCst);
    });
}

/// Writes the event stream until the tab goes away (a write fails).
fn send_events(writer: &mut dyn Write, hub: &Hub, after: Option<u64>) -> std::io::Result<()> {
    // tiny_http's own responses buffer their bodies; events must leave at once, so the
    // stream is written by hand and flushed after each event.
    writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
    writer.flush()?;
    let (_, _, newest) = hub.snapshot();
    let mut seen = after.unwrap_or(newest);
    if seen > newest {
        // The page came from an earlier run of the server: it is out of date.
        writer.write_all(Event::Reload(None).to_sse().as_bytes())?;
        writer.flush()?;
        seen = newest;
    }
    loop {
        let frames = match hub.wait_after(seen, KEEP_ALIVE) {
            Listened::Events(events) => {
                seen = events.last().map_or(seen, |(n, _)| *n);
                events.iter().map(|(_, e)| e.to_sse()).collect()
            }
            Listened::Lost(newest) => {
                seen = newest;
                Event::Reload(None).to_sse()
            }
            Listened::Quiet => ": still here\n\n".to_string(),
        };
        writer.write_all(frames.as_bytes())?;
        writer.flush()?;
    }
}
