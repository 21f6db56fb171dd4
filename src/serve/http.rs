//! Answering one HTTP request from the pages in memory.
//!
//! A request path is decoded once and checked before anything is looked up: encoded
//! slashes, backslashes, NUL bytes and `.`/`..` segments are refused with 403, so no
//! request can name anything outside the site (and the site itself is only ever the
//! pages in memory: nothing is read from disk here, so symlinks cannot lead out).
//! Folders answer with their `index.html`; missing paths with the site's `404.html`
//! and status 404. HTML responses get the live-reload script as they are sent.

use std::io::Cursor;
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload::{Hub, live_script};
use crate::html::escape;
use crate::session::Problem;

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A page, by its key in the pages (`story/index.html`).
    Page(String),
    /// A folder asked for without its slash: send the browser to `location`.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site or hide what it asks for.
    Forbidden,
    BadRequest,
}

/// Resolves the path part of a request target against the page keys.
pub fn resolve(raw_target: &str, has_page: impl Fn(&str) -> bool) -> Target {
    let raw_path = raw_target.split(['?', '#']).next().unwrap_or_default();
    if !raw_path.starts_with('/') {
        return Target::BadRequest;
    }
    let lower = raw_path.to_ascii_lowercase();
    // An encoded separator is never needed to reach a page, and only ever used to
    // slip one past a path check.
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Target::Forbidden;
    }
    let Ok(path) = percent_decode_str(raw_path).decode_utf8() else {
        return Target::BadRequest;
    };
    if path.contains(['\\', '\0']) {
        return Target::Forbidden;
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Target::Forbidden;
    }
    let joined = segments.join("/");
    let wants_folder = path.ends_with('/');
    let key = match (joined.is_empty(), wants_folder) {
        (true, _) => "index.html".to_string(),
        (false, true) => format!("{joined}/index.html"),
        (false, false) => joined.clone(),
    };
    if has_page(&key) {
        return Target::Page(key);
    }
    if !wants_folder && !joined.is_empty() && has_page(&format!("{joined}/index.html")) {
        return Target::Redirect(format!("/{joined}/"));
    }
    Target::NotFound
}

/// The `Content-Type` of a page, from its extension; text types say UTF-8.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_text = mime.type_() == "text"
        || matches!(
            mime.essence_str(),
            "application/json" | "application/javascript" | "application/xml" | "image/svg+xml"
        );
    if is_text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII without line breaks (content types, paths
    // checked by `resolve`), which is all `from_bytes` refuses.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn respond(request: Request, status: u16, content_type: &str, body: Body) {
    let length = body.len();
    let headers = vec![
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ];
    let response = Response::new(
        StatusCode(status),
        headers,
        Cursor::new(body),
        Some(length),
        None,
    );
    // The browser may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

/// A response body: a page shared with the pages in memory, or one made for this request.
enum Body {
    Shared(Arc<[u8]>),
    Owned(Vec<u8>),
}

impl Body {
    fn len(&self) -> usize {
        self.as_ref().len()
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Shared(bytes) => bytes,
            Body::Owned(bytes) => bytes,
        }
    }
}

/// Answers one request (not the event stream, which the caller handles).
pub fn answer(request: Request, hub: &Hub) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            Body::Owned(b"gazette serve only answers GET and HEAD\n".to_vec()),
        );
        return;
    }
    let (pages, problems, sequence) = hub.snapshot();
    if pages.is_empty() {
        // The site never built: show why, and reload once it does.
        let html = no_site_page(&problems, sequence);
        respond(
            request,
            500,
            "text/html; charset=utf-8",
            Body::Owned(html.into_bytes()),
        );
        return;
    }
    let target = resolve(request.url(), |key| pages.contains_key(key));
    match target {
        Target::Page(key) => {
            let bytes = Arc::clone(&pages[key.as_str()]);
            let kind = content_type(&key);
            let body = if key.ends_with(".html") {
                Body::Owned(with_live_script(&bytes, sequence, &problems))
            } else {
                Body::Shared(bytes)
            };
            respond(request, 200, &kind, body);
        }
        Target::Redirect(location) => {
            let response = Response::empty(StatusCode(301))
                .with_header(header("Location", &location))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        }
        Target::NotFound => match pages.get("404.html") {
            Some(page) => respond(
                request,
                404,
                "text/html; charset=utf-8",
                Body::Owned(with_live_script(page, sequence, &problems)),
            ),
            None => respond(
                request,
                404,
                "text/plain; charset=utf-8",
                Body::Owned(b"not found\n".to_vec()),
            ),
        },
        Target::Forbidden => respond(
            request,
            403,
            "text/plain; charset=utf-8",
            Body::Owned(b"forbidden: the path leaves the site\n".to_vec()),
        ),
        Target::BadRequest => respond(
            request,
            400,
            "text/plain; charset=utf-8",
            Body::Owned(b"bad request path\n".to_vec()),
        ),
    }
}

/// The page with the live-reload script (and any problems panel) before `</body>`.
pub fn with_live_script(page: &[u8], sequence: u64, problems: &[Problem]) -> Vec<u8> {
    let script = live_script(sequence, problems);
    let closing = b"</body>";
    let at = page
        .windows(closing.len())
        .rposition(|w| w.eq_ignore_ascii_case(closing))
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn no_site_page(problems: &[Problem], sequence: u64) -> String {
    let list: String = problems
        .iter()
        .map(|p| format!("<li>{}</li>", escape(&p.to_string())))
        .collect();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gazette: the site did not build</title></head><body><h1>The site did not build yet</h1><ul>{list}</ul></body></html>\n"
    );
    String::from_utf8_lossy(&with_live_script(body.as_bytes(), sequence, problems)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        [
            "index.html",
            "a/index.html",
            "style.css",
            "topics/x/index.html",
        ]
        .contains(&key)
    }

    #[test]
    fn pages_folders_and_redirects() {
        assert_eq!(resolve("/", site), Target::Page("index.html".into()));
        assert_eq!(resolve("/?x=1#y", site), Target::Page("index.html".into()));
        assert_eq!(resolve("/a/", site), Target::Page("a/index.html".into()));
        assert_eq!(resolve("/a", site), Target::Redirect("/a/".into()));
        assert_eq!(
            resolve("/style.css", site),
            Target::Page("style.css".into())
        );
        assert_eq!(
            resolve("/%74opics/x/", site),
            Target::Page("topics/x/index.html".into())
        );
        assert_eq!(resolve("/nope.html", site), Target::NotFound);
    }

    #[test]
    fn traversal_in_any_spelling_is_forbidden() {
        for bad in [
            "/../config.toml",
            "/a/../../etc/passwd",
            "/%2e%2e/config.toml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fconfig.toml",
            "/a%2F..%2F..%2Fconfig.toml",
            "/..%5cconfig.toml",
            "/a\\..\\config.toml",
            "/./index.html",
            "/index.html%00.css",
        ] {
            assert_eq!(resolve(bad, site), Target::Forbidden, "{bad}");
        }
        assert_eq!(resolve("x", site), Target::BadRequest);
        assert_eq!(resolve("/%ff", site), Target::BadRequest);
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("feed.json"), "application/json; charset=utf-8");
        assert!(content_type("feed.xml").ends_with("xml; charset=utf-8"));
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("font.woff2"), "font/woff2");
    }

    #[test]
    fn the_script_goes_before_the_closing_body() {
        let page = b"<html><body><p>Hi</p></BODY></html>";
        let out = String::from_utf8(with_live_script(page, 7, &[])).expect("utf-8");
        let script = out.find("<script>").expect("script");
        assert!(script < out.find("</BODY>").expect("body"));
        assert!(out.contains("after=7"));
        assert!(
            !out.contains("id=\"gazette-problems\""),
            "no panel without problems"
        );
    }
}
