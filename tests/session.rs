//! The live session: an incremental update gives exactly the site a full build gives,
//! and a broken seed or template keeps the last good pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Site, snapshot};
use gazette::session::{Changes, Rendered, Session, SessionOptions};

/// A site holding a copy of the repository's sample digest.
fn sample_site() -> Site {
    let site = Site::new();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for (relative, bytes) in snapshot(&seeds) {
        site.write(&format!("seeds/{relative}"), bytes);
    }
    site.write(
        "config.toml",
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).expect("config"),
    );
    site
}

fn open(site: &Site) -> Session {
    let (session, result) = Session::open(SessionOptions {
        root: site.root().to_path_buf(),
        base_url: None,
        drafts: false,
        now: None,
    });
    result.expect("the site opens");
    session
}

fn session_pages(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .pages()
        .iter()
        .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
        .collect()
}

/// Builds the site from scratch and compares every file with the session's pages.
fn assert_same_as_full_build(site: &Site, session: &Session) {
    site.build().expect("full build");
    let built = snapshot(&site.public());
    let live = session_pages(session);
    let built_paths: Vec<&String> = built.keys().collect();
    let live_paths: Vec<&String> = live.keys().collect();
    assert_eq!(live_paths, built_paths, "same files");
    for (path, bytes) in &built {
        assert!(
            live[path] == *bytes,
            "{path} differs between the session and a full build"
        );
    }
}

fn update(session: &mut Session, changes: Changes) -> Vec<String> {
    let first = session.update(&changes).expect("update");
    let second = session.update_lists().expect("lists");
    let mut paths = Vec::new();
    for rendered in [first.rendered, second.rendered] {
        match rendered {
            Rendered::Paths(p) => paths.extend(p),
            Rendered::Everything => paths.push("*".to_string()),
        }
    }
    paths
}

#[test]
fn opening_gives_the_full_builds_files() {
    let site = sample_site();
    let session = open(&site);
    assert_same_as_full_build(&site, &session);
}

#[test]
fn a_changed_seed_renders_and_matches_a_full_build() {
    let site = sample_site();
    let mut session = open(&site);
    let path = "tech/northgate-rust-rewrite.md";
    let text = std::fs::read_to_string(site.root().join("seeds").join(path)).expect("read");
    site.write(
        &format!("seeds/{path}"),
        text.replace("Payments firm rewrites", "Card company rewrites"),
    );
    // The story's page and the story pages that list it as related, not the whole site;
    // then the list pages and feeds that show it.
    let first = session.update(&Changes::seed(path)).expect("update");
    let Rendered::Paths(stories) = first.rendered else {
        panic!("a seed change rendered the whole site");
    };
    assert!(stories.contains(&"northgate-rust-rewrite/index.html".to_string()));
    assert!(session.lists_pending());
    let page = String::from_utf8(session.pages()["northgate-rust-rewrite/index.html"].to_vec())
        .expect("utf-8");
    assert!(page.contains("Card company rewrites"));
    let lists = session.update_lists().expect("lists");
    let Rendered::Paths(lists) = lists.rendered else {
        panic!("the lists rendered the whole site");
    };
    assert!(lists.contains(&"index.html".to_string()), "{lists:?}");
    assert!(
        stories.len() + lists.len() < session.pages().len() / 2,
        "{} of {} pages rendered again",
        stories.len() + lists.len(),
        session.pages().len()
    );
    assert_same_as_full_build(&site, &session);
}

#[test]
fn added_removed_renamed_and_lead_stories_match_a_full_build() {
    let site = sample_site();
    let mut session = open(&site);

    site.write(
        "seeds/new/2026-12-01-late-extra.txt",
        "Late extra: harbour bridge reopens\nEngineers finished two days early.\nThe bridge reopened on Monday after repairs costing £4m, the council said.\n“We are very glad to have it back,” said Ada Marsh, who runs the ferry café.\n",
    );
    update(&mut session, Changes::seed("new/2026-12-01-late-extra.txt"));
    assert!(
        session
            .pages()
            .contains_key("late-extra-harbour-bridge-reopens/index.html")
    );
    // A story on a new day brings its edition, which now leads the front page.
    assert!(
        session
            .pages()
            .contains_key("editions/2026-12-01/index.html")
    );
    let front = String::from_utf8(session.pages()["index.html"].to_vec()).expect("utf-8");
    assert!(front.contains("editions/2026-12-01/index.html"));
    assert_same_as_full_build(&site, &session);

    // The same headline again: the later seed in path order gets `-2`.
    site.write(
        "seeds/new/2026-12-02-twin.txt",
        "Late extra: harbour bridge reopens\nA second telling.\nThe same story, filed twice by mistake, with £4m in it.\n",
    );
    update(&mut session, Changes::seed("new/2026-12-02-twin.txt"));
    assert!(
        session
            .pages()
            .contains_key("late-extra-harbour-bridge-reopens-2/index.html")
    );
    assert_same_as_full_build(&site, &session);

    // Marking a story as the lead moves the lead flag from another story.
    let md = "opinion/ai-boom-is-an-electricity-story.md";
    let text = std::fs::read_to_string(site.root().join("seeds").join(md)).expect("read");
    site.write(
        &format!("seeds/{md}"),
        text.replacen("+++\n", "+++\nlead = true\n", 1),
    );
    update(&mut session, Changes::seed(md));
    assert_same_as_full_build(&site, &session);

    // Removing the first of the twins gives the second its slug back.
    std::fs::remove_file(site.root().join("seeds/new/2026-12-01-late-extra.txt")).expect("rm");
    update(&mut session, Changes::seed("new/2026-12-01-late-extra.txt"));
    assert!(
        !session
            .pages()
            .contains_key("late-extra-harbour-bridge-reopens-2/index.html")
    );
    // Its day has no story left: the edition page goes with it.
    assert!(
        !session
            .pages()
            .contains_key("editions/2026-12-01/index.html")
    );
    assert!(
        session
            .pages()
            .contains_key("editions/2026-12-02/index.html")
    );
    assert_same_as_full_build(&site, &session);

    // A draft is held back; a file that is not a seed is ignored.
    site.write(
        "seeds/new/draft.md",
        "+++\ntitle = \"Not yet\"\ndraft = true\n+++\nBody.\n",
    );
    site.write("seeds/new/.swap.md", "junk");
    let mut changes = Changes::seed("new/draft.md");
    changes.seeds.insert("new/.swap.md".to_string());
    changes.seeds.insert("new/notes.rtf".to_string());
    let paths = update(&mut session, changes);
    // Nothing published changed; a seed change currently re-renders everything ("*").
    assert!(paths.is_empty() || paths == ["*"], "{paths:?}");
    assert_same_as_full_build(&site, &session);
}

#[test]
fn the_new_pages_match_a_full_build_after_a_pagination_change() {
    let site = sample_site();
    let mut session = open(&site);
    assert!(session.pages().contains_key("page/2/index.html"));
    // Two stories a page: more front pages, and long topics and editions paginate too.
    let config = std::fs::read_to_string(site.root().join("config.toml")).expect("read");
    site.write(
        "config.toml",
        config.replace("paginate_by = 4", "paginate_by = 1"),
    );
    let changes = Changes {
        config: true,
        ..Changes::default()
    };
    update(&mut session, changes);
    for page in [
        "page/9/index.html",
        "editions/2026-11-26/page/1/index.html",
        "editions/index.html",
    ] {
        let expected = !page.contains("/page/1/");
        assert_eq!(session.pages().contains_key(page), expected, "{page}");
    }
    assert_same_as_full_build(&site, &session);
}

#[test]
fn an_unchanged_seed_renders_nothing() {
    let site = sample_site();
    let mut session = open(&site);
    let paths = update(
        &mut session,
        Changes::seed("tech/northgate-rust-rewrite.md"),
    );
    assert!(paths.is_empty(), "{paths:?}");
}

#[test]
fn a_broken_seed_keeps_the_last_good_pages_until_fixed() {
    let site = sample_site();
    let mut session = open(&site);
    let before = session_pages(&session);
    let path = "tech/northgate-rust-rewrite.md";
    let good = std::fs::read_to_string(site.root().join("seeds").join(path)).expect("read");
    site.write(
        &format!("seeds/{path}"),
        "+++\ntitle = \"Oops\"\ndate = \"not a date\n+++\nBody.\n",
    );
    let err = session
        .update(&Changes::seed(path))
        .expect_err("broken seed");
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].file, format!("seeds/{path}"));
    assert_eq!(err.problems[0].line, Some(3), "{err}");
    assert_eq!(session_pages(&session), before, "last good pages kept");

    // Another change while broken still reports the broken seed.
    let err = session
        .update(&Changes::seed("opinion/ai-boom-is-an-electricity-story.md"))
        .expect_err("still broken");
    assert_eq!(err.problems[0].file, format!("seeds/{path}"));

    site.write(
        &format!("seeds/{path}"),
        good.replace("Payments firm", "Payments group"),
    );
    update(&mut session, Changes::seed(path));
    assert_same_as_full_build(&site, &session);
}

#[test]
fn a_broken_template_names_its_file_and_line_and_a_fix_renders_everything() {
    let site = sample_site();
    let mut session = open(&site);
    let before = session_pages(&session);
    site.write(
        "templates/partials/fact_box.html",
        "<aside class=\"fact-box\">\n{{ facts | nosuchfilter }}\n</aside>\n",
    );
    let theme = Changes {
        theme: true,
        ..Changes::default()
    };
    let err = session.update(&theme).expect_err("broken template");
    let problem = &err.problems[0];
    assert_eq!(problem.file, "templates/partials/fact_box.html", "{err}");
    assert_eq!(problem.line, Some(2), "{err}");
    assert!(problem.message.contains("nosuchfilter"), "{err}");
    assert_eq!(session_pages(&session), before);

    // A seed edit while the template is broken does not publish half a site.
    let path = "tech/northgate-rust-rewrite.md";
    let text = std::fs::read_to_string(site.root().join("seeds").join(path)).expect("read");
    site.write(
        &format!("seeds/{path}"),
        text.replace("Payments firm", "Payments house"),
    );
    assert!(session.update(&Changes::seed(path)).is_err());
    assert_eq!(session_pages(&session), before);

    site.write(
        "templates/partials/fact_box.html",
        "<aside class=\"fact-box\"><p>{{ fact_box_title }}</p></aside>\n",
    );
    let paths = update(&mut session, theme);
    assert_eq!(paths[0], "*", "a template change renders the whole site");
    assert_same_as_full_build(&site, &session);
}

#[test]
fn a_config_change_reads_everything_again() {
    let site = sample_site();
    let mut session = open(&site);
    let config = std::fs::read_to_string(site.root().join("config.toml")).expect("read");
    site.write(
        "config.toml",
        config.replace("pretty_links = false", "pretty_links = true"),
    );
    let changes = Changes {
        config: true,
        ..Changes::default()
    };
    update(&mut session, changes.clone());
    assert_same_as_full_build(&site, &session);

    site.write("config.toml", "titel = \"typo\"\n");
    let err = session.update(&changes).expect_err("unknown key");
    assert_eq!(err.problems[0].file, "config.toml");
    assert_eq!(err.problems[0].line, Some(1));
}

#[test]
fn a_body_edit_matches_a_full_build() {
    let site = sample_site();
    let mut session = open(&site);
    let path = "business/2026-11-23-openai-aws-38bn-compute-deal.txt";
    let text = std::fs::read_to_string(site.root().join("seeds").join(path)).expect("read");
    let edited = text.replace(
        "It can begin using the capacity immediately.",
        "It can begin using the capacity at once, the firms said.",
    );
    assert_ne!(edited, text, "the sentence is in the sample");
    site.write(&format!("seeds/{path}"), edited);
    update(&mut session, Changes::seed(path));
    let page = String::from_utf8(
        session.pages()["openai-signs-38bn-deal-to-run-its-ai-on-amazons-cloud/index.html"]
            .to_vec(),
    )
    .expect("utf-8");
    assert!(page.contains("at once, the firms said"));
    assert_same_as_full_build(&site, &session);
}
