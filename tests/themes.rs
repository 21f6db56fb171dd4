//! The theme system as a user meets it: switching themes with one line, overriding one
//! partial with one file, extending a theme's template, `[extra]` defaults, version
//! checks, template errors, and `gazette themes`.

mod common;

use common::Site;

const STORY: &str = "Council approves £600m plan\n\nThe council voted 31 to 20 on Tuesday for a £600m plan that will build 4,000 homes by March 2027.\n\nRents will rise 12% for 1,200 households, officials said.\n";

fn site_with_story(config: &str) -> Site {
    let site = Site::new();
    site.write("config.toml", config);
    site.write("seeds/2026-11-20-plan.txt", STORY);
    site
}

#[test]
fn one_line_in_config_switches_to_the_built_in_wire_theme() {
    let broadsheet = site_with_story("title = \"T\"\n");
    broadsheet.build().expect("broadsheet builds");
    let wire = site_with_story("title = \"T\"\ntheme = \"wire\"\n");
    wire.build().expect("wire builds without a themes/ folder");
    assert!(!wire.root().join("themes").exists());
    let (b, w) = (broadsheet.read("style.css"), wire.read("style.css"));
    assert!(b.starts_with("/* broadsheet"), "{}", &b[..40]);
    assert!(w.starts_with("/* wire"), "{}", &w[..40]);
    assert!(wire.read("index.html").contains("class=\"wire"));
    for page in ["index.html", "council-approves-600m-plan/index.html"] {
        assert_ne!(broadsheet.read(page), wire.read(page), "{page}");
    }
}

#[test]
fn one_file_overrides_the_fact_box_in_either_theme() {
    for theme in ["broadsheet", "wire"] {
        let site = site_with_story(&format!("theme = \"{theme}\"\n"));
        site.write(
            "templates/partials/fact_box.html",
            "<aside class=\"fact-box mine\"><h2>{{ fact_box_title }}</h2>{% for f in facts %}<p>{{ f.label }} = {{ f.value }}</p>{% endfor %}</aside>",
        );
        site.build().expect("builds");
        let story = site.read("council-approves-600m-plan/index.html");
        assert!(story.contains("<aside class=\"fact-box mine\">"), "{theme}");
        assert!(story.contains(" = £600m</p>"), "{theme}: {story}");
        // Everything else is still the theme's.
        assert!(story.contains("<article class=\"story"), "{theme}");
    }
}

#[test]
fn a_site_template_can_extend_the_themes_own_and_change_one_block() {
    let site = site_with_story("theme = \"wire\"\n");
    site.write(
        "templates/story.html",
        "{% extends \"wire/templates/story.html\" %}{% block head %}<meta name=\"x-slug\" content=\"{{ story.slug }}\">{% endblock head %}",
    );
    site.build().expect("builds");
    let story = site.read("council-approves-600m-plan/index.html");
    assert!(story.contains("<meta name=\"x-slug\" content=\"council-approves-600m-plan\">"));
    assert!(story.contains("Council approves £600m plan</h1>"));
}

#[test]
fn a_site_base_template_is_used_by_the_themes_pages() {
    let site = site_with_story("\n");
    site.write(
        "templates/base.html",
        "{% extends \"broadsheet/templates/base.html\" %}{% block head %}<meta name=\"x-mine\" content=\"1\">{% endblock head %}",
    );
    site.build().expect("builds");
    for page in ["index.html", "topics/index.html", "404.html"] {
        assert!(
            site.read(page)
                .contains("<meta name=\"x-mine\" content=\"1\">"),
            "{page}"
        );
    }
}

#[test]
fn extra_merges_the_sites_values_over_the_themes_defaults() {
    let site = site_with_story("theme = \"mine\"\n[extra]\nmasthead = \"From config\"\n");
    site.write(
        "themes/mine/theme.toml",
        "name = \"mine\"\nmin_gazette_version = \"0.1.0\"\n[extra]\nmasthead = \"Default\"\nkicker = \"Theme kicker\"\n",
    );
    site.write(
        "themes/mine/templates/index.html",
        "{{ site.extra.masthead }}|{{ site.extra.kicker }}",
    );
    for name in ["story.html", "topics.html", "topic.html", "404.html"] {
        site.write(&format!("themes/mine/templates/{name}"), "x");
    }
    site.build().expect("builds");
    assert_eq!(site.read("index.html"), "From config|Theme kicker");
}

#[test]
fn a_theme_needing_a_newer_gazette_is_refused() {
    let site = site_with_story("theme = \"future\"\n");
    site.write(
        "themes/future/theme.toml",
        "name = \"future\"\nmin_gazette_version = \"99.1.0\"\n",
    );
    let err = site.build().expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("themes/future/theme.toml"), "{message}");
    assert!(
        message.contains("needs gazette 99.1.0 or newer"),
        "{message}"
    );
    assert!(
        message.contains(&format!("this is gazette {}", env!("CARGO_PKG_VERSION"))),
        "{message}"
    );
}

#[test]
fn an_undefined_variable_names_template_line_variable_and_file() {
    let site = site_with_story("\n");
    site.write(
        "templates/partials/fact_box.html",
        "<aside>\n{{ facts | length }}\n{{ fact_title }}\n</aside>\n",
    );
    let err = site.build().expect_err("undefined variable");
    let message = err.to_string();
    assert!(
        message.contains("Variable `fact_title` is not defined"),
        "{message}"
    );
    assert!(message.contains("partials/fact_box.html:3:"), "{message}");
    assert!(message.contains("called from story.html:"), "{message}");
    assert!(
        message.contains("partials/fact_box.html is templates/partials/fact_box.html"),
        "{message}"
    );
    assert!(
        message.contains("story.html is built-in broadsheet theme: templates/story.html"),
        "{message}"
    );
}

#[test]
fn an_undefined_field_lists_the_fields_there_are() {
    let site = site_with_story("theme = \"wire\"\n");
    site.write("templates/topics.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nope }}\n{% endblock content %}\n");
    let message = site.build().expect_err("undefined field").to_string();
    assert!(message.contains("rendering topics/index.html"), "{message}");
    assert!(message.contains("Field `nope` is not defined"), "{message}");
    assert!(message.contains("canonical_url"), "{message}");
    assert!(message.contains("topics.html:3:"), "{message}");
}

#[test]
fn gazette_themes_lists_built_in_and_local_themes() {
    let site = Site::new();
    site.write("config.toml", "theme = \"mine\"\n");
    site.write(
        "themes/mine/theme.toml",
        "name = \"mine\"\ndescription = \"My own paper.\"\nauthor = \"Me\"\nlicense = \"MIT\"\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["themes", "--root"])
        .arg(site.root())
        .output()
        .expect("runs gazette");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("config.toml picks `mine`"), "{text}");
    assert!(text.contains("  broadsheet  built-in\n"), "{text}");
    assert!(text.contains("  wire        built-in\n"), "{text}");
    assert!(text.contains("* mine        themes/mine\n"), "{text}");
    assert!(
        text.contains("    My own paper.\n    by Me · MIT\n"),
        "{text}"
    );
    assert!(text.contains("dense"), "wire's description: {text}");
}

/// The guide's worked example, taken from docs/themes.md as written, works in both themes.
#[test]
fn the_guides_fact_box_example_works_as_written() {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/themes.md"),
    )
    .expect("docs/themes.md");
    let after = guide
        .split("Create `templates/partials/fact_box.html`")
        .nth(1)
        .expect("the worked example");
    let example = after
        .split("```jinja\n")
        .nth(1)
        .and_then(|block| block.split("```").next())
        .expect("its code block");
    assert!(example.contains("my-facts"), "{example}");
    for theme in ["broadsheet", "wire"] {
        let site = site_with_story(&format!("theme = \"{theme}\"\n"));
        site.write("templates/partials/fact_box.html", example);
        site.build().expect("builds with the example");
        let story = site.read("council-approves-600m-plan/index.html");
        assert!(
            story.contains("<ul class=\"my-facts\">"),
            "{theme}: {story}"
        );
        assert!(
            story.contains("<li><strong>£600m</strong> "),
            "{theme}: {story}"
        );
        assert!(
            story.contains("<h2 id=\"fact-box-title\">By the numbers</h2>"),
            "{theme}"
        );
    }
}

#[test]
fn one_file_overrides_the_story_card_on_every_list_page() {
    for theme in ["broadsheet", "wire"] {
        let site = site_with_story(&format!("title = \"T\"\ntheme = \"{theme}\"\n"));
        site.write(
            "templates/partials/story_card.html",
            "<div class=\"my-card\" data-site=\"{{ site.title }}\" data-kind=\"{{ list_kind }}\"><a href=\"{{ page.root }}{{ s.path }}\">{{ s.headline }}</a>{% if lead_card %} (lead){% endif %}</div>",
        );
        site.build().expect("builds");
        let front = site.read("index.html");
        assert!(
            front.contains("<div class=\"my-card\" data-site=\"T\" data-kind=\"index\"><a href=\"council-approves-600m-plan/index.html\">Council approves £600m plan</a> (lead)</div>"),
            "{theme}: {front}"
        );
        let edition = site.read("editions/2026-11-20/index.html");
        assert!(
            edition.contains(
                "data-kind=\"edition\"><a href=\"../../council-approves-600m-plan/index.html\">"
            ),
            "{theme}: {edition}"
        );
        let topic_page = std::fs::read_dir(site.public().join("topics"))
            .expect("topics folder")
            .filter_map(Result::ok)
            .map(|entry| entry.path().join("index.html"))
            .find(|page| page.is_file())
            .expect("a topic page");
        let topic = std::fs::read_to_string(topic_page).expect("topic page reads");
        assert!(
            topic.contains("data-kind=\"topic\"><a href=\"../../council-approves-600m-plan/index.html\">Council approves £600m plan</a></div>"),
            "{theme}: {topic}"
        );
    }
}

/// Themes written before gazette rendered cards include the partial from their list
/// templates; their pages come out as before.
#[test]
fn a_list_template_that_includes_the_card_itself_renders_the_same_pages() {
    let two_stories = || {
        let site = site_with_story("title = \"T\"\n");
        site.write(
            "seeds/2026-11-21-second.txt",
            "Second story on the plan\n\nThe council met again on Wednesday, officials said.\n",
        );
        site
    };
    let dealt = two_stories();
    dealt.build().expect("builds");
    let included = two_stories();
    let topic = include_str!("../themes/broadsheet/templates/topic.html")
        .replace("{{ s.card }}", "{% include \"partials/story_card.html\" %}");
    assert!(topic.contains("{% include \"partials/story_card.html\" %}"));
    included.write("templates/topic.html", &topic);
    included.build().expect("builds");
    let pages = common::snapshot(&dealt.public());
    assert_eq!(pages, common::snapshot(&included.public()));
    assert!(pages.keys().any(|path| path.starts_with("topics/")));
}
