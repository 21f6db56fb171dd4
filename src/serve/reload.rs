//! Live reload: what the server tells open tabs, and the script that listens.
//!
//! The [`Hub`] holds the pages being served, the problems of the last failed rebuild
//! and a short log of events. Each rebuild publishes to it; each open tab listens on
//! `/__gazette/events` (Server-Sent Events) and reloads when a page it shows changed, or
//! lays an error panel over the last good page when a rebuild failed. The script is
//! added to HTML responses as they are sent: the pages themselves never carry it, so
//! `gazette build` output is untouched. This module does no HTTP and reads no file.

use serde::Serialize;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::html::escape;
use crate::session::{Pages, Problem, Rendered};

/// The path tabs listen on; no page of a site can live under it (slugs have no `_`).
pub const EVENTS_PATH: &str = "/__gazette/events";

/// How many events a slow tab may miss before it is simply told to reload.
const EVENT_LOG: usize = 64;

/// Something open tabs are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// These site paths (`/story/index.html`) changed; `None`: everything did.
    Reload(Option<Vec<String>>),
    /// The last rebuild failed: show these problems over the last good page.
    Problems(Vec<Problem>),
}

impl Event {
    /// The event in Server-Sent Events wire format.
    pub fn to_sse(&self) -> String {
        #[derive(Serialize)]
        struct ReloadData<'a> {
            all: bool,
            paths: &'a [String],
        }
        #[derive(Serialize)]
        struct ProblemsData {
            html: String,
        }
        // Serializing strings and booleans cannot fail.
        let (name, data) = match self {
            Event::Reload(paths) => (
                "reload",
                serde_json::to_string(&ReloadData {
                    all: paths.is_none(),
                    paths: paths.as_deref().unwrap_or_default(),
                }),
            ),
            Event::Problems(problems) => (
                "problems",
                serde_json::to_string(&ProblemsData {
                    html: problems_panel(problems),
                }),
            ),
        };
        format!("event: {name}\ndata: {}\n\n", data.unwrap_or_default())
    }
}

/// What the server shows now.
struct State {
    pages: Arc<Pages>,
    problems: Vec<Problem>,
    /// Sequence number of the newest event (0: none yet).
    sequence: u64,
    events: VecDeque<(u64, Event)>,
}

/// The live state shared by the rebuild loop and every request thread.
pub struct Hub {
    state: Mutex<State>,
    news: Condvar,
}

/// What a listening tab gets from [`Hub::wait_after`].
pub enum Heard {
    Events(Vec<(u64, Event)>),
    /// The tab fell too far behind: reload.
    Lost(u64),
    /// Nothing happened before the timeout.
    Quiet,
}

impl Hub {
    pub fn new(pages: Arc<Pages>, problems: Vec<Problem>) -> Hub {
        Hub {
            state: Mutex::new(State {
                pages,
                problems,
                sequence: 0,
                events: VecDeque::new(),
            }),
            news: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A request thread that panicked cannot leave the state half-changed (every
        // change below is one assignment), so a poisoned lock is still good to use.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Serves `pages` from now on and tells tabs which of them changed.
    pub fn publish(&self, pages: Arc<Pages>, rendered: &Rendered) {
        let mut state = self.lock();
        state.pages = pages;
        let had_problems = !std::mem::take(&mut state.problems).is_empty();
        let event = match rendered {
            // Tabs showing the error panel reload whatever changed.
            _ if had_problems => Event::Reload(None),
            Rendered::Everything => Event::Reload(None),
            Rendered::Paths(paths) if paths.is_empty() => return,
            Rendered::Paths(paths) => {
                Event::Reload(Some(paths.iter().map(|p| format!("/{p}")).collect()))
            }
        };
        push(&mut state, event);
        self.news.notify_all();
    }

    /// Keeps serving the last good pages and shows `problems` over them.
    pub fn report(&self, problems: Vec<Problem>) {
        let mut state = self.lock();
        state.problems = problems.clone();
        push(&mut state, Event::Problems(problems));
        self.news.notify_all();
    }

    /// The pages, the current problems and the newest event's number.
    pub fn snapshot(&self) -> (Arc<Pages>, Vec<Problem>, u64) {
        let state = self.lock();
        (
            Arc::clone(&state.pages),
            state.problems.clone(),
            state.sequence,
        )
    }

    /// Waits up to `timeout` for events after number `seen`.
    pub fn wait_after(&self, seen: u64, timeout: Duration) -> Heard {
        let state = self.lock();
        let (state, _) = self
            .news
            .wait_timeout_while(state, timeout, |s| s.sequence <= seen)
            .unwrap_or_else(|e| e.into_inner());
        if state.sequence <= seen {
            return Heard::Quiet;
        }
        let oldest = state.events.front().map_or(u64::MAX, |(n, _)| *n);
        if oldest > seen + 1 {
            return Heard::Lost(state.sequence);
        }
        Heard::Events(
            state
                .events
                .iter()
                .filter(|(n, _)| *n > seen)
                .cloned()
                .collect(),
        )
    }
}

fn push(state: &mut State, event: Event) {
    state.sequence += 1;
    let sequence = state.sequence;
    state.events.push_back((sequence, event));
    while state.events.len() > EVENT_LOG {
        state.events.pop_front();
    }
}

/// The panel laid over a page when the last rebuild failed.
pub fn problems_panel(problems: &[Problem]) -> String {
    let mut html = String::from(
        "<div id=\"gazette-problems\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:80vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#fff4f4;color:#300;border-bottom:4px solid #b00;font:15px/1.45 system-ui,sans-serif;box-shadow:0 4px 18px rgba(0,0,0,.25)\">\
<h2 style=\"margin:0 0 .5rem;font-size:1.2rem\">gazette: the site did not build</h2>\
<p style=\"margin:0 0 .75rem\">The last good version is shown underneath. Fix the problem below and this page reloads by itself.</p><ul style=\"margin:0;padding-left:1.2rem\">",
    );
    for problem in problems {
        let place = match problem.line {
            Some(line) => format!("{}:{line}", problem.file),
            None => problem.file.clone(),
        };
        html.push_str("<li style=\"margin:.25rem 0\"><code style=\"font-weight:bold\">");
        html.push_str(&escape(&place));
        html.push_str("</code><pre style=\"white-space:pre-wrap;margin:.25rem 0 .5rem;font:13px/1.4 ui-monospace,monospace\">");
        html.push_str(&escape(&problem.message));
        html.push_str("</pre></li>");
    }
    html.push_str("</ul></div>");
    html
}

/// The script added to every HTML response: listens for events, reloads when the page
/// it shows changed, and shows or clears the problems panel. `sequence` is the newest
/// event the page was served after, so a tab that connects late still hears the news.
pub fn live_script(sequence: u64, problems: &[Problem]) -> String {
    let panel = if problems.is_empty() {
        String::new()
    } else {
        problems_panel(problems)
    };
    format!(
        r#"{panel}<script>/* gazette serve: live reload (never part of the built site) */
(function () {{
  var path = location.pathname;
  if (path.slice(-1) === "/") path += "index.html";
  var source = new EventSource("{EVENTS_PATH}?after={sequence}");
  source.addEventListener("reload", function (e) {{
    var news = JSON.parse(e.data);
    if (news.all || news.paths.indexOf(path) >= 0 || document.getElementById("gazette-problems")) {{
      location.reload();
    }}
  }});
  source.addEventListener("problems", function (e) {{
    var old = document.getElementById("gazette-problems");
    if (old) old.remove();
    document.body.insertAdjacentHTML("afterbegin", JSON.parse(e.data).html);
  }});
}})();
</script>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> Problem {
        Problem {
            file: "templates/index.html".to_string(),
            line: Some(3),
            message: "Unknown filter `<b>`".to_string(),
        }
    }

    #[test]
    fn events_are_sse_frames_with_json_data() {
        let reload = Event::Reload(Some(vec!["/a/index.html".to_string()])).to_sse();
        assert_eq!(
            reload,
            "event: reload\ndata: {\"all\":false,\"paths\":[\"/a/index.html\"]}\n\n"
        );
        let problems = Event::Problems(vec![problem()]).to_sse();
        assert!(problems.starts_with("event: problems\ndata: {\"html\":"));
        assert_eq!(
            problems.matches('\n').count(),
            3,
            "one data line: {problems}"
        );
    }

    #[test]
    fn the_panel_escapes_messages() {
        let panel = problems_panel(&[problem()]);
        assert!(panel.contains("templates/index.html:3"));
        assert!(panel.contains("&lt;b&gt;") && !panel.contains("<b>"));
    }

    #[test]
    fn listeners_hear_what_they_missed_or_are_told_to_reload() {
        let hub = Hub::new(Arc::new(Pages::new()), Vec::new());
        assert!(matches!(
            hub.wait_after(0, Duration::from_millis(1)),
            Heard::Quiet
        ));
        hub.publish(
            Arc::new(Pages::new()),
            &Rendered::Paths(vec!["a/index.html".to_string()]),
        );
        hub.report(vec![problem()]);
        let Heard::Events(events) = hub.wait_after(0, Duration::from_millis(1)) else {
            panic!("two events")
        };
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].1,
            Event::Reload(Some(vec!["/a/index.html".to_string()]))
        );
        assert_eq!(hub.snapshot().1, vec![problem()]);
        // After problems, the next good build reloads every tab and clears them.
        hub.publish(Arc::new(Pages::new()), &Rendered::Paths(Vec::new()));
        assert!(hub.snapshot().1.is_empty());
        for _ in 0..EVENT_LOG + 1 {
            hub.publish(Arc::new(Pages::new()), &Rendered::Everything);
        }
        assert!(matches!(
            hub.wait_after(1, Duration::from_millis(1)),
            Heard::Lost(_)
        ));
    }
}
