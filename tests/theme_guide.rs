//! Keeps docs/themes.md honest, both ways.
//!
//! The guide's tables are read as a schema (templates → variables, variable and field
//! types) and checked against the template data of a real build of the sample digest
//! (`gazette::template_contexts`, the same values the renderer hands tera): every
//! variable and field the guide lists must occur in the real data, with the type it
//! says, and everything in the real data must be in the guide. The guide's template
//! lists and `[extra]` keys are checked against the built-in themes' files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value as Json;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn guide_text() -> String {
    std::fs::read_to_string(repo().join("docs/themes.md")).expect("docs/themes.md")
}

/// A type as the guide writes it: `string`, `integer?`, `[Summary]`, `Story` …
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    String,
    Integer,
    Bool,
    Table,
    Named(String),
    List(Box<Ty>),
    Optional(Box<Ty>),
}

fn parse_ty(text: &str) -> Result<Ty, String> {
    let text = text.trim().trim_matches('`');
    if let Some(inner) = text.strip_suffix('?') {
        return Ok(Ty::Optional(Box::new(parse_ty(inner)?)));
    }
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return Ok(Ty::List(Box::new(parse_ty(inner)?)));
    }
    match text {
        "string" => Ok(Ty::String),
        "integer" => Ok(Ty::Integer),
        "bool" => Ok(Ty::Bool),
        "table" => Ok(Ty::Table),
        name if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Ok(Ty::Named(name.to_string()))
        }
        other => Err(format!("not a type: {other:?}")),
    }
}

/// What the guide says, read from its tables.
#[derive(Debug, Default)]
struct Guide {
    /// Page template → the variables it receives.
    page_templates: BTreeMap<String, BTreeSet<String>>,
    /// Layouts and partials → the built-in themes that have them.
    theme_templates: BTreeMap<String, BTreeSet<String>>,
    variables: BTreeMap<String, Ty>,
    types: BTreeMap<String, BTreeMap<String, Ty>>,
    /// `site.extra` key → the built-in themes that declare it.
    extra: BTreeMap<String, BTreeSet<String>>,
}

/// Backticked words in a table cell.
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn words(cell: &str) -> BTreeSet<String> {
    cell.split(',')
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_guide(text: &str) -> Result<Guide, String> {
    let mut guide = Guide::default();
    let mut heading = String::new();
    let mut table_index_in_section = 0;
    let mut in_table = false;
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_string();
            table_index_in_section = 0;
            in_table = false;
            continue;
        }
        if let Some((owner, base, left_out)) = includes(line) {
            let mut base_fields = guide
                .types
                .get(&base)
                .cloned()
                .ok_or(format!("`{owner}` includes unknown `{base}`"))?;
            for field in &left_out {
                base_fields.remove(field).ok_or(format!(
                    "`{owner}` leaves out `{field}`, not a field of `{base}`"
                ))?;
            }
            guide.types.entry(owner).or_default().extend(base_fields);
            continue;
        }
        if !line.starts_with('|') {
            if in_table {
                table_index_in_section += 1;
            }
            in_table = false;
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let is_header_or_rule = !in_table || cells.iter().all(|c| c.chars().all(|ch| ch == '-'));
        in_table = true;
        if is_header_or_rule {
            continue;
        }
        let first = code_spans(cells[0]).into_iter().next().unwrap_or_default();
        match (heading.as_str(), table_index_in_section) {
            ("Templates", 0) => {
                guide.page_templates.insert(
                    first,
                    code_spans(cells.get(2).ok_or("short row")?)
                        .into_iter()
                        .collect(),
                );
            }
            ("Templates", 1) => {
                guide
                    .theme_templates
                    .insert(first, words(cells.get(1).ok_or("short row")?));
            }
            ("Variables", 0) => {
                guide
                    .variables
                    .insert(first, parse_ty(cells.get(1).ok_or("short row")?)?);
            }
            ("`site.extra` in the built-in themes", 0) => {
                guide
                    .extra
                    .insert(first, words(cells.get(1).ok_or("short row")?));
            }
            (section, 0) if section.starts_with('`') && section.ends_with('`') => {
                let type_name = section.trim_matches('`').to_string();
                guide
                    .types
                    .entry(type_name)
                    .or_default()
                    .insert(first, parse_ty(cells.get(1).ok_or("short row")?)?);
            }
            _ => {}
        }
    }
    Ok(guide)
}

/// "`Story` has every field of `Summary` but `card`" → (Story, Summary, [card]).
fn includes(line: &str) -> Option<(String, String, Vec<String>)> {
    let spans = code_spans(line);
    if line.contains(" has every field of ") && spans.len() >= 2 {
        let left_out = if line.contains(" but ") {
            spans[2..].to_vec()
        } else {
            Vec::new()
        };
        Some((spans[0].clone(), spans[1].clone(), left_out))
    } else {
        None
    }
}

/// Walks real data against the guide's types.
struct Checker<'a> {
    guide: &'a Guide,
    /// (type, field) pairs met in the real data.
    seen: BTreeSet<(String, String)>,
    errors: BTreeSet<String>,
}

impl Checker<'_> {
    fn check(&mut self, value: &Json, ty: &Ty, at: &str) {
        let matches = match ty {
            Ty::Optional(inner) => {
                if !value.is_null() {
                    self.check(value, inner, at);
                }
                true
            }
            Ty::String => value.is_string(),
            Ty::Integer => value.is_u64() || value.is_i64(),
            Ty::Bool => value.is_boolean(),
            Ty::Table => value.is_object(),
            Ty::List(inner) => match value.as_array() {
                Some(items) => {
                    for item in items {
                        self.check(item, inner, &format!("{at}[]"));
                    }
                    true
                }
                None => false,
            },
            Ty::Named(name) => match (value.as_object(), self.guide.types.get(name)) {
                (Some(object), Some(fields)) => {
                    for (key, field_value) in object {
                        match fields.get(key) {
                            Some(field_ty) => {
                                self.seen.insert((name.clone(), key.clone()));
                                self.check(field_value, field_ty, &format!("{at}.{key}"));
                            }
                            None => {
                                self.errors.insert(format!(
                                    "{at}.{key} is in the real context but not in the guide's `{name}`"
                                ));
                            }
                        }
                    }
                    true
                }
                (_, None) => {
                    self.errors
                        .insert(format!("{at}: the guide has no section for type `{name}`"));
                    true
                }
                (None, _) => false,
            },
        };
        if !matches {
            self.errors.insert(format!(
                "{at}: the guide says {ty:?}, a real context has {value}"
            ));
        }
    }
}

/// Every way the guide and the real contexts disagree.
fn disagreements(guide: &Guide) -> Vec<String> {
    let options = gazette::BuildOptions {
        root: repo().to_path_buf(),
        output: None,
        base_url: None,
        drafts: true,
        now: None,
    };
    let (site, pages) = gazette::template_contexts(&options).expect("sample site assembles");
    let mut checker = Checker {
        guide,
        seen: BTreeSet::new(),
        errors: BTreeSet::new(),
    };

    let documented: BTreeSet<&str> = guide.page_templates.keys().map(String::as_str).collect();
    let rendered: BTreeSet<&str> = gazette::render::PAGE_TEMPLATES.into_iter().collect();
    if documented != rendered {
        checker.errors.insert(format!(
            "page templates: the guide lists {documented:?}, gazette renders {rendered:?}"
        ));
    }
    let site = serde_json::to_value(&site).expect("site serializes");
    match guide.variables.get("site") {
        Some(ty) => checker.check(&site, ty, "site"),
        None => {
            checker
                .errors
                .insert("`site` is not in the guide's variables".to_string());
        }
    }
    for page in &pages {
        let mut received: BTreeSet<String> =
            page.variables.iter().map(|(n, _)| n.to_string()).collect();
        received.insert("site".to_string());
        let listed = guide
            .page_templates
            .get(page.template)
            .cloned()
            .unwrap_or_default();
        if received != listed {
            checker.errors.insert(format!(
                "{}: receives {received:?}, the guide lists {listed:?}",
                page.template
            ));
        }
        for (name, value) in &page.variables {
            let value = serde_json::to_value(value).expect("serializes");
            match guide.variables.get(*name) {
                Some(ty) => checker.check(&value, ty, name),
                None => {
                    checker.errors.insert(format!(
                        "`{name}` is in a real context but not in the guide"
                    ));
                }
            }
        }
    }
    for (type_name, fields) in &guide.types {
        for field in fields.keys() {
            if !checker.seen.contains(&(type_name.clone(), field.clone())) {
                checker.errors.insert(format!(
                    "the guide lists `{type_name}.{field}`, which no real context has"
                ));
            }
        }
    }
    for name in guide.variables.keys() {
        let used = name == "site" || pages.iter().any(|p| p.variable(name).is_some());
        if !used {
            checker.errors.insert(format!(
                "the guide lists variable `{name}`, which no page receives"
            ));
        }
    }
    checker.errors.into_iter().collect()
}

/// The guide's template and `[extra]` tables against the built-in themes' files.
fn theme_disagreements(guide: &Guide) -> Vec<String> {
    let mut errors = Vec::new();
    let empty_site = tempfile::tempdir().expect("tempdir");
    for theme_name in ["broadsheet", "wire"] {
        let theme =
            gazette::render::theme::load(empty_site.path(), theme_name).expect("built-in theme");
        let files: BTreeSet<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
        for file in &files {
            let is_listed = guide.page_templates.contains_key(*file)
                || guide
                    .theme_templates
                    .get(*file)
                    .is_some_and(|themes| themes.contains(theme_name));
            if !is_listed {
                errors.push(format!("{theme_name}: template {file} is not in the guide"));
            }
        }
        for page_template in guide.page_templates.keys() {
            if !files.contains(page_template.as_str()) {
                errors.push(format!("{theme_name}: has no {page_template}"));
            }
        }
        for (file, themes) in &guide.theme_templates {
            if themes.contains(theme_name) && !files.contains(file.as_str()) {
                errors.push(format!(
                    "the guide says {theme_name} has {file}; it does not"
                ));
            }
        }
        let declared: BTreeSet<&str> = theme.info.extra.keys().map(String::as_str).collect();
        let listed: BTreeSet<&str> = guide
            .extra
            .iter()
            .filter(|(_, themes)| themes.contains(theme_name))
            .map(|(key, _)| key.as_str())
            .collect();
        if declared != listed {
            errors.push(format!(
                "{theme_name}: theme.toml's [extra] has {declared:?}, the guide lists {listed:?}"
            ));
        }
    }
    errors
}

#[test]
fn the_theme_guide_lists_exactly_what_templates_receive() {
    let guide = parse_guide(&guide_text()).expect("the guide parses");
    assert!(
        guide.types.len() >= 8,
        "types found: {:?}",
        guide.types.keys()
    );
    let errors = disagreements(&guide);
    assert!(
        errors.is_empty(),
        "docs/themes.md and the real template contexts disagree:\n  {}",
        errors.join("\n  ")
    );
}

#[test]
fn the_theme_guide_lists_every_template_and_extra_of_the_built_in_themes() {
    let guide = parse_guide(&guide_text()).expect("the guide parses");
    let errors = theme_disagreements(&guide);
    assert!(
        errors.is_empty(),
        "docs/themes.md and the built-in themes disagree:\n  {}",
        errors.join("\n  ")
    );
}

#[test]
fn the_check_catches_a_missing_field_a_made_up_one_and_a_wrong_type() {
    let text = guide_text();
    let tampered = text
        .replace(
            "| `word_count` | `integer` | words in the body |\n",
            "| `made_up` | `string` | not a real field |\n",
        )
        .replace(
            "| `count` | `integer` | how many stories it has |",
            "| `count` | `string` | how many stories it has |",
        )
        .replace(
            "| `story.html` | one page per story, `<slug>/index.html` | `site`, `page`, `story`, `related` |",
            "| `story.html` | one page per story, `<slug>/index.html` | `site`, `page`, `related` |",
        );
    assert_ne!(text, tampered, "the replaced lines exist in the guide");
    let errors = disagreements(&parse_guide(&tampered).expect("parses")).join("\n");
    for expected in [
        "word_count is in the real context but not in the guide's `Summary`",
        "the guide lists `Summary.made_up`, which no real context has",
        "topics[].count: the guide says String",
        "story.html: receives",
    ] {
        assert!(errors.contains(expected), "{expected:?} not in:\n{errors}");
    }
}
