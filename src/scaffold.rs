//! `gazette new` and `gazette init`: the files a writer starts from.
//!
//! [`new_story`] writes one Markdown seed with its front matter filled in; [`init_site`]
//! writes a site that builds at once (a commented `config.toml` and two example
//! stories, using the built-in theme). Neither ever overwrites a file. [`today`] is the
//! one place besides the embargo gate (`src/embargo.rs`) that reads the clock: a new
//! story is dated today; builds look only to judge embargoes, never to write a date.

use std::path::{Path, PathBuf};
use thiserror::Error;

use crate::date::Date;
use crate::slug::slugify;

/// Why a file could not be written; nothing was overwritten.
#[derive(Debug, Error)]
pub enum ScaffoldError {
    #[error("{}: already exists; gazette never overwrites a file (pick another headline, or move the file)", path.display())]
    Exists { path: PathBuf },
    #[error("{}: the folder is not empty (it holds {}); use --force to add a site to it anyway", path.display(), entries.join(", "))]
    NotEmpty { path: PathBuf, entries: Vec<String> },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the headline is empty; give the story's headline in quotes: gazette new \"Council approves budget\""
    )]
    EmptyHeadline,
    #[error("{}: not a site folder (no config.toml); run gazette new inside a site, or pass --root", path.display())]
    NotASite { path: PathBuf },
}

/// Today's date in the local time zone.
pub fn today() -> Date {
    let now = jiff::ZonedDateTime::now().date();
    // jiff's dates are always valid and its years fit in four digits.
    Date::new(now.year() as u16, now.month() as u8, now.day() as u8)
        .unwrap_or_else(|| Date::new(1970, 1, 1).expect("a valid date"))
}

/// Writes `seeds/<date>-<slug>.md` under `root`; returns its path.
pub fn new_story(root: &Path, headline: &str, date: Date) -> Result<PathBuf, ScaffoldError> {
    let headline = headline.trim();
    if headline.is_empty() {
        return Err(ScaffoldError::EmptyHeadline);
    }
    if !root.join("config.toml").is_file() {
        return Err(ScaffoldError::NotASite {
            path: root.to_path_buf(),
        });
    }
    let slug = slugify(headline).unwrap_or_else(|| "story".to_string());
    let path = root.join("seeds").join(format!("{date}-{slug}.md"));
    write_new(&path, &story_text(headline, date))?;
    Ok(path)
}

/// The text of a new story: front matter filled in, the other fields as hints.
pub fn story_text(headline: &str, date: Date) -> String {
    // TOML's own quoting, so a headline with quotes or backslashes stays one string.
    let title = toml::Value::String(headline.to_string()).to_string();
    format!(
        r#"+++
title = {title}
date = {date}
tags = []
# Optional; remove the `#` to use one:
# dek = "One sentence that sits under the headline."
# byline = "Your Name"                 # or several: bylines = ["Your Name", "Another Name"]
# bylines = [{{ name = "Your Name", url = "https://example.org/staff/you" }}]
# dateline = "LONDON"                  # shown before the first paragraph: LONDON —
# updated = 2026-11-27T15:30:00        # a date-time without an offset is in the site's timezone
# corrections = [{{ date = 2026-11-27, text = "An earlier version misspelled a name." }}]
# publish_at = 2026-11-28T06:00:00     # embargo: left out of every page until a build after this
# source = "Gazette Wire"
# source_url = "https://example.org/wire/123"
# slug = "a-shorter-address"
# lead = true        # the front page's lead story
# draft = true       # left out of the site unless --drafts
# pull_quotes = [{{ text = "A sentence from the story, word for word.", attribution = "Name, Role" }}]
# facts = [{{ label = "Deal value", value = "$38bn" }}]
#
# Below the closing +++ comes the story, in Markdown: paragraphs separated by blank
# lines, `## ` before a subheading. Quote people with their names ("…," said Jane Doe,
# the council leader) and give figures in full: the desk picks pull quotes and builds
# the fact box from them.
+++

"#
    )
}

/// Writes a new site into `dir`: `config.toml`, two example stories, and a `.gitignore`
/// for what builds make (kept as it is when the folder has one).
pub fn init_site(dir: &Path, force: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() && !force {
        let mut entries: Vec<String> = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        if !entries.is_empty() {
            entries.sort();
            if entries.len() > 5 {
                entries.truncate(5);
                entries.push("…".to_string());
            }
            return Err(ScaffoldError::NotEmpty {
                path: dir.to_path_buf(),
                entries,
            });
        }
    }
    let files = [
        ("config.toml", CONFIG),
        (
            "seeds/2026-03-14-riverside-market-reopens.txt",
            EXAMPLE_WIRE_STORY,
        ),
        ("seeds/volunteers-plant-trees.md", EXAMPLE_MARKDOWN_STORY),
    ];
    // Check first, so a refusal leaves nothing half-written.
    for (relative, _) in files {
        let path = dir.join(relative);
        if path.exists() {
            return Err(ScaffoldError::Exists { path });
        }
    }
    let mut written = Vec::new();
    for (relative, text) in files {
        let path = dir.join(relative);
        write_new(&path, text)?;
        written.push(path);
    }
    // A folder that is already a repository may have its own ignore list: it is the
    // user's, and left alone.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        write_new(&ignore, GITIGNORE)?;
        written.push(ignore);
    }
    Ok(written)
}

/// A new site's `.gitignore`: the built site and gazette's working folder beside it
/// (the spare tree and the last build's record), which a build makes again.
pub const GITIGNORE: &str = "# Made by `gazette build`: the site, and gazette's working folder beside it.\n/public/\n/.public.gazette/\n";

/// Creates `path` (and its folders) with `text`, failing if it exists.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    use std::io::Write;
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    // `create_new` refuses an existing file atomically: no check-then-write race.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists {
                path: path.to_path_buf(),
            },
            _ => io(source),
        })?;
    file.write_all(text.as_bytes()).map_err(io)
}

/// A new site's `config.toml`: every setting, commented out at its default. Lines
/// starting `#` straight before a name are settings; `# ` starts an explanation.
pub const CONFIG: &str = r##"# This site's settings. Every one is optional: each is shown at its default, commented
# out. Remove the `#` in front of a setting to change it. Unknown names are errors, so
# a typo is caught (except under [extra], which belongs to the theme).

# The site's name: masthead, page titles, feeds.
#title = "gazette"
# One line about the site: front page description, feed subtitle.
#description = "A news digest"
# The address the site is published at; feeds, sitemap and canonical links use it.
#base_url = "http://localhost/"
# The language of the stories, for <html lang> and the feeds.
#language = "en"
# The time zone the stories' dates are read and shown in: an IANA name such as
# "Europe/London" or "America/New_York". A date without an offset means this zone.
#timezone = "UTC"
# The look of the site. "broadsheet" is built into gazette, so this site needs no
# themes/ folder. To change one part of it, put a file of the same name in templates/
# (templates/partials/fact_box.html) or static/ (static/style.css). To make a theme of
# your own, copy gazette's themes/broadsheet/ folder to themes/<name>/ and name it here.
#theme = "broadsheet"
# Link to story/ instead of story/index.html (needs a server that resolves folders).
#pretty_links = false
# Keep raw HTML in Markdown stories as written, instead of removing scripts and the like.
#unsafe_html = false
# How many stories the Atom feed (feed.xml) carries, newest first; feed.json has all.
#feed_limit = 50
# What each topic's feeds (topics/<topic>/feed.xml …) carry: "summary" (headline, link,
# summary) or "full" (the whole story, as in the site's own feeds).
#topic_feeds = "summary"
# How many stories a list page shows (front page, topic pages, edition pages); more
# go on to page/2/, page/3/ … with links between them.
#paginate_by = 20

# The editorial desk: pull quotes and the fact box.
#[editorial]
# Most pull quotes in one story.
#max_pull_quotes = 3
# Most and fewest figures in a fact box.
#max_facts = 6
#min_facts = 3
# The fact box's heading.
#fact_box_title = "By the numbers"
# Reading speed, for "4 min read".
#words_per_minute = 230
# Most figures in "the day in numbers" on the front page and edition pages (0: none).
#day_in_numbers = 6

# Anything the theme reads. Broadsheet knows these:
#[extra]
# A line under the masthead (the description is shown when it is not set).
#masthead = "Independent. Concise."
# The accent colour of links and rules.
#accent = "#8b1a1a"
# Links in the footer.
#footer_links = [{ name = "About", url = "https://example.org/about/" }]
"##;

const EXAMPLE_WIRE_STORY: &str = "Riverside market returns after two-year closure
Forty stalls reopened on the restored quay on Saturday, selling everything from bread to bicycle repairs.
The riverside market reopened on Saturday after a two-year closure, with 40 stalls back on the restored quay and a queue for the first coffee before 7am.
The quay was shut in 2024 when engineers found the old timber piles had rotted. Replacing them cost £2.3m, shared between the town council and the harbour trust.
“People kept asking us when, not if, and today we finally had an answer for them,” said Rosa Lindgren, who chairs the traders’ association.
What comes next
The market will run every Saturday and, from May, on Wednesday evenings. Pitch fees are frozen at £35 a day for the first year.
Traders said about 3,000 people came through in the first morning, roughly twice a normal Saturday before the closure.
";

const EXAMPLE_MARKDOWN_STORY: &str = r#"+++
title = "Volunteers plant 5,000 trees along the old railway line"
dek = "The new woodland strip will link two nature reserves by the end of next winter."
date = 2026-03-12
byline = "Example Desk"
tags = ["Environment", "Volunteering"]
+++

More than 200 volunteers planted 5,000 young trees along the disused railway line east
of town over the weekend, the first half of a plan to join two nature reserves with a
continuous strip of woodland.

The trees, mostly oak, hazel and rowan, were grown from local seed by a community
nursery. The project has cost £48,000 so far, most of it raised by a village appeal.

"You plant a tree for people you will never meet, and that is exactly the point," said
Tomas Brennan, the nursery's founder.

## What happens next

A second planting of 5,000 trees is planned for November. Walkers can use the path
throughout; the new trees are fenced off from deer for the first three years.
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn settings_uncommented(config: &str) -> String {
        config
            .lines()
            .map(|line| match line.strip_prefix('#') {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase() || c == '[') => {
                    rest
                }
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_new_config_lists_every_setting_at_its_default() {
        let text = settings_uncommented(CONFIG);
        let mut parsed = Config::parse(&text, PathBuf::from("config.toml")).expect("valid");
        assert!(!parsed.extra.is_empty(), "the [extra] examples parse");
        parsed.extra.clear();
        assert_eq!(
            parsed,
            Config::default(),
            "every value shown is the default"
        );

        // Every setting gazette has is in the file (a new one must be added there too).
        let defaults: toml::Table =
            toml::from_str(&toml::to_string(&Config::default()).expect("serializes"))
                .expect("parses");
        let shown: toml::Table = toml::from_str(&text).expect("parses");
        for (key, value) in &defaults {
            assert!(
                shown.contains_key(key),
                "config.toml of `gazette init` lacks `{key}`"
            );
            if let toml::Value::Table(table) = value {
                for inner in table.keys() {
                    assert!(
                        shown[key].get(inner).is_some(),
                        "config.toml of `gazette init` lacks `{key}.{inner}`"
                    );
                }
            }
        }
        // As written, nothing is set.
        assert_eq!(
            Config::parse(CONFIG, PathBuf::from("config.toml")).expect("valid"),
            Config::default()
        );
    }

    #[test]
    fn a_new_story_is_named_by_date_and_headline_and_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("config.toml"), "").expect("config");
        let date = Date::new(2026, 11, 27).expect("date");
        let path = new_story(dir.path(), "Zürich “votes” on a \\ new tram", date).expect("new");
        assert!(path.ends_with("seeds/2026-11-27-zurich-votes-on-a-new-tram.md"));
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("date = 2026-11-27\ntags = []\n"));
        let err =
            new_story(dir.path(), "Zürich “votes” on a \\ new tram", date).expect_err("exists");
        assert!(matches!(err, ScaffoldError::Exists { .. }), "{err}");
        assert!(matches!(
            new_story(dir.path(), "  ", date),
            Err(ScaffoldError::EmptyHeadline)
        ));
    }

    #[test]
    fn the_new_story_parses_with_its_headline_and_date() {
        let text = story_text(
            "A \"quoted\" headline",
            Date::new(2026, 1, 2).expect("date"),
        );
        let seed = crate::seed::SeedFile {
            relative_path: "2026-01-02-a.md".to_string(),
            format: crate::seed::SeedFormat::Markdown,
            bytes: text.into_bytes(),
        };
        let parsed =
            crate::seed::parse_seed(&seed, &crate::seed::ParseOptions::default()).expect("parses");
        assert_eq!(parsed.story.meta.headline, "A \"quoted\" headline");
        assert_eq!(parsed.story.meta.date, Date::new(2026, 1, 2));
        assert!(parsed.story.meta.tags.is_empty());
        // A fresh story has no body yet, and the build says so until one is written.
        let messages: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the story has a headline but no body; it is published with the headline alone"]
        );
    }

    #[test]
    fn init_ignores_what_builds_make_and_keeps_an_ignore_list_it_finds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fresh = dir.path().join("fresh");
        let written = init_site(&fresh, false).expect("init");
        assert!(written.contains(&fresh.join(".gitignore")));
        let ignore = std::fs::read_to_string(fresh.join(".gitignore")).expect("read");
        let patterns: Vec<&str> = ignore.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(patterns, ["/public/", "/.public.gazette/"]);
        let output = crate::publish::working_folder(&fresh.join("public"));
        assert_eq!(
            output.file_name().and_then(|n| n.to_str()),
            Some(".public.gazette"),
            "the ignored working folder is the one builds use"
        );

        let repository = dir.path().join("repository");
        std::fs::create_dir(&repository).expect("mkdir");
        std::fs::write(repository.join(".gitignore"), "target/\n").expect("write");
        let written = init_site(&repository, true).expect("forced");
        assert!(!written.contains(&repository.join(".gitignore")));
        assert_eq!(
            std::fs::read_to_string(repository.join(".gitignore")).expect("read"),
            "target/\n"
        );
    }

    #[test]
    fn init_refuses_a_folder_with_files_unless_forced_and_never_overwrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
        let err = init_site(dir.path(), false).expect_err("not empty");
        assert!(err.to_string().contains("notes.txt"), "{err}");
        let written = init_site(dir.path(), true).expect("forced");
        assert_eq!(written.len(), 4);
        let err = init_site(dir.path(), true).expect_err("would overwrite");
        assert!(matches!(err, ScaffoldError::Exists { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).expect("read"),
            "mine"
        );
    }
}
