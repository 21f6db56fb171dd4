//! What a site author can rely on: escaping, link styles, overrides, slugs, topics.

mod common;

use common::{Site, snapshot};

#[test]
fn seed_text_is_escaped_everywhere() {
    let site = Site::new();
    site.write(
        "seeds/evil.txt",
        "<script>alert('head')</script> & \"friends\"\n<img src=x onerror=alert(1)> dek.\n\nBody with <script>alert(2)</script> and “quotes” said Jane Doe.\n",
    );
    site.write(
        "seeds/evil.md",
        "+++\ntitle = \"</title><script>alert(3)</script>\"\ntags = [\"<b>tag</b>\"]\nsource_url = \"javascript:alert(4)\"\n+++\nText <script>alert(5)</script> [x](javascript:alert(6)).\n",
    );
    site.build().expect("builds");
    for (path, bytes) in snapshot(&site.public()) {
        if path == "feed.json" {
            continue; // JSON holds plain text as data; its HTML field is checked below
        }
        let text = String::from_utf8_lossy(&bytes);
        for bad in [
            "<script>alert",
            "<img src=x",
            "javascript:alert",
            "<b>tag</b>",
        ] {
            assert!(!text.contains(bad), "{path} contains {bad}");
        }
    }
    let feed = site.feed_json();
    for item in feed["items"].as_array().expect("items") {
        let html = item["content_html"].as_str().expect("content_html");
        assert!(
            !html.contains("<script>") && !html.contains("javascript:"),
            "{html}"
        );
    }
    // JSON keeps the text, as data: `<` goes out as `\u003c`, which parsers read back.
    assert!(
        feed["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|item| item["title"]
                .as_str()
                .is_some_and(|t| t.contains("<script>alert('head')</script>"))),
        "JSON keeps the text, as data"
    );
}

#[test]
fn unsafe_html_keeps_raw_html_when_the_site_opts_in() {
    let site = Site::new();
    site.write("config.toml", "unsafe_html = true\n");
    site.write(
        "seeds/raw.md",
        "# Raw\n\n<span class=\"kept\" onclick=\"go()\">raw</span> text.\n",
    );
    site.build().expect("builds");
    let page = site.read("raw/index.html");
    assert!(page.contains("onclick=\"go()\""), "opted in: raw HTML kept");
}

#[test]
fn links_name_files_by_default_and_folders_when_pretty() {
    let site = Site::new();
    site.write(
        "seeds/one.md",
        "+++\ntitle = \"One\"\ntags = [\"Cloud\"]\n+++\nBody one.\n",
    );
    site.build().expect("builds");
    let index = site.read("index.html");
    assert!(index.contains("href=\"one/index.html\""), "{index}");
    assert!(
        site.read("one/index.html")
            .contains("href=\"../topics/cloud/index.html\"")
    );
    assert!(
        site.read("topics/cloud/index.html")
            .contains("href=\"../../one/index.html\"")
    );

    site.write(
        "config.toml",
        "pretty_links = true\nbase_url = \"https://news.example/digest\"\n",
    );
    site.build().expect("builds");
    let index = site.read("index.html");
    assert!(index.contains("href=\"one/\""), "{index}");
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://news.example/digest/\""),
        "{index}"
    );
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://news.example/digest/one/</loc>")
    );
    assert!(site.read("404.html").contains("href=\"/digest/style.css\""));
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = Site::new();
    site.write("seeds/one.txt", "One\n\nBody.\n");
    let mut options = site.options();
    options.base_url = Some("https://cdn.example/x/".to_string());
    gazette::build(&options).expect("builds");
    assert!(
        site.read("feed.json")
            .contains("\"url\": \"https://cdn.example/x/one/\"")
    );
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = Site::new();
    site.write(
        "config.toml",
        "[extra]\nmasthead = \"Masthead from config\"\n",
    );
    site.write(
        "seeds/one.txt",
        "One\n\nThe deal is worth $38bn and covers 500,000 chips.\n\nProfit rose 12% to £600m, and 4,000 staff will join by March 2027.\n",
    );
    site.write(
        "templates/partials/fact_box.html",
        "<aside class=\"fact-box\">MY BOX {{ facts | length }}</aside>",
    );
    site.write("static/style.css", "/* mine */");
    site.build().expect("builds");
    assert!(site.read("one/index.html").contains("MY BOX"));
    assert_eq!(site.read("style.css"), "/* mine */");
    assert!(site.read("index.html").contains("Masthead from config"));
}

#[test]
fn clashing_slugs_are_both_published_with_a_warning() {
    let site = Site::new();
    site.write("seeds/a.txt", "Same headline\n\nFirst story.\n");
    site.write("seeds/b.txt", "Same headline\n\nSecond story.\n");
    site.write(
        "seeds/c.md",
        "+++\ntitle = \"Escape\"\nslug = \"../../etc/passwd\"\n+++\nBody.\n",
    );
    site.write(
        "seeds/d.md",
        "+++\ntitle = \"Reserved\"\nslug = \"topics\"\n+++\nBody.\n",
    );
    let report = site.build().expect("builds");
    assert!(
        site.read("same-headline/index.html")
            .contains("First story.")
    );
    assert!(
        site.read("same-headline-2/index.html")
            .contains("Second story.")
    );
    assert!(site.read("etc-passwd/index.html").contains("Escape"));
    assert!(site.read("topics-2/index.html").contains("Reserved"));
    assert!(site.read("topics/index.html").contains("Topics"));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("seeds/b.txt") && w.contains("same-headline-2")),
        "{:?}",
        report.warnings
    );
    assert!(!site.root().join("etc").exists());
}

#[test]
fn undated_and_dated_stories_order_the_front_page() {
    let site = Site::new();
    site.write("seeds/2026-11-01-old.txt", "Old news\n\nBody.\n");
    site.write("seeds/2026-11-20-new.txt", "New news\n\nBody.\n");
    site.write("seeds/zz-undated.txt", "Undated news\n\nBody.\n");
    site.build().expect("builds");
    let titles: Vec<String> = site.feed_json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().expect("title").to_string())
        .collect();
    assert_eq!(titles, ["New news", "Old news", "Undated news"]);
    let index = site.read("index.html");
    assert!(index.find("New news") < index.find("Old news"));
}

#[test]
fn a_site_without_code_blocks_never_loads_syntaxes() {
    // Run in a child process: the syntax set is per process and other tests load it.
    let site = Site::new();
    site.write("seeds/plain.md", "# Plain\n\nNo code here.\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--timings", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("syntax highlighting: not loaded"),
        "{stdout}"
    );
    site.write("seeds/code.md", "# Code\n\n```rust\nfn main() {}\n```\n");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["build", "--timings", "--root"])
        .arg(site.root())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("syntax highlighting: loaded"), "{stdout}");
}

#[test]
fn output_does_not_depend_on_the_order_files_were_created() {
    let seeds = [
        (
            "seeds/b/2026-11-02-two.txt",
            "Second story\n\nIt cost £5m, said Ann Lee.\n",
        ),
        (
            "seeds/a.md",
            "+++\ntitle = \"First\"\ntags = [\"Cloud\"]\n+++\nBody with 3.5% growth.\n",
        ),
        (
            "seeds/b/one.txt",
            "Third story\n\nSome 500,000 chips shipped.\n",
        ),
        ("seeds/c/deep/x.txt", "Fourth story\n\nA quiet day.\n"),
    ];
    let forwards = Site::new();
    let backwards = Site::new();
    for (path, text) in seeds {
        forwards.write(path, text);
    }
    for (path, text) in seeds.iter().rev() {
        backwards.write(path, text);
    }
    forwards.build().expect("builds");
    backwards.build().expect("builds");
    assert_eq!(snapshot(&forwards.public()), snapshot(&backwards.public()));
}
