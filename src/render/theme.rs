//! Themes: finding `themes/<name>/`, reading its `theme.toml`, templates and static
//! files, and laying the site's own `templates/` and `static/` over them, file by file.
//!
//! Both of gazette's themes, broadsheet and wire, are embedded in the binary so a site
//! without a `themes/` folder can use either; a `themes/<name>/` on disk replaces the
//! embedded copy of the same name. This module reads files (it belongs to the start of a
//! build) and checks that the running gazette is new enough for the theme; it renders
//! nothing.

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use thiserror::Error;
use walkdir::WalkDir;

/// The themes compiled into gazette, by name.
static BUILT_IN_THEMES: &[(&str, Dir<'static>)] = &[
    (
        "broadsheet",
        include_dir!("$CARGO_MANIFEST_DIR/themes/broadsheet"),
    ),
    ("wire", include_dir!("$CARGO_MANIFEST_DIR/themes/wire")),
];

/// The name of the theme used when `config.toml` names none.
pub const DEFAULT_THEME: &str = "broadsheet";

/// The version of the running gazette, compared with a theme's `min_gazette_version`.
pub const GAZETTE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A theme with the site's overrides applied: everything rendering needs.
#[derive(Debug, Clone)]
pub struct Theme {
    /// The name `config.toml` used for it (its folder under `themes/`).
    pub name: String,
    pub info: ThemeInfo,
    /// Templates as pages see them: the theme's, with the site's laid over by name.
    pub templates: Vec<TemplateFile>,
    /// The theme's own templates again, under `<theme>/templates/<name>`, so a site
    /// template can `{% extends "broadsheet/templates/story.html" %}` and change one block
    /// (Zola's convention).
    pub parent_templates: Vec<TemplateFile>,
    /// Files copied to the output as they are, by path relative to the output root.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// Where the template tera knows as `name` came from, as the user knows the file.
    pub fn origin_of(&self, name: &str) -> Option<&str> {
        self.template(name).map(|t| t.origin.as_str())
    }

    /// The text of the template tera knows as `name`.
    pub fn source_of(&self, name: &str) -> Option<&str> {
        self.template(name).map(|t| t.source.as_str())
    }

    /// The template tera knows as `name`: the theme's own, else its parent's.
    fn template(&self, name: &str) -> Option<&TemplateFile> {
        self.templates
            .iter()
            .chain(&self.parent_templates)
            .find(|t| t.name == name)
    }
}

/// One template's text and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The name templates use for it (`partials/fact_box.html`).
    pub name: String,
    pub source: String,
    /// The file as the user knows it (`themes/wire/templates/…`, `built-in wire theme: …`).
    pub origin: String,
}

/// `theme.toml`: who made the theme, what it needs, and which `[extra]` values it expects.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ThemeInfo {
    pub name: String,
    pub description: String,
    pub author: String,
    pub license: String,
    /// The oldest gazette the theme works with (`"0.1.0"`); empty means any.
    pub min_gazette_version: String,
    /// Defaults for the site's `[extra]`; `config.toml` overrides them key by key.
    pub extra: toml::Table,
}

/// Where a theme a site can use comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeSource {
    /// Compiled into gazette.
    BuiltIn,
    /// A folder under the site's `themes/`; `replaces_built_in` when it shadows one.
    Local { replaces_built_in: bool },
}

/// One line of `gazette themes`.
#[derive(Debug, Clone)]
pub struct ThemeListing {
    pub name: String,
    pub source: ThemeSource,
    /// `theme.toml`, or why it could not be used.
    pub info: Result<ThemeInfo, String>,
}

/// A theme that cannot be used.
#[derive(Debug, Error)]
pub enum ThemeError {
    #[error("unknown theme `{name}`: themes found: {}", available.join(", "))]
    Unknown {
        name: String,
        available: Vec<String>,
    },
    #[error(
        "{path}: not found; every theme needs a theme.toml (name, description, author, license, min_gazette_version, [extra])"
    )]
    MissingInfo { path: String },
    #[error("{path}: {message}")]
    BadFile { path: String, message: String },
    #[error(
        "{path}: theme `{theme}` needs gazette {needs} or newer, and this is gazette {running}: upgrade gazette, or pick another theme in config.toml"
    )]
    NeedsNewerGazette {
        theme: String,
        path: String,
        needs: String,
        running: String,
    },
    #[error("{}: could not read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Loads theme `name` for the site at `root`, with the site's overrides.
pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
    let theme_dir = root.join("themes").join(name);
    let mut theme = if theme_dir.is_dir() {
        load_from_disk(name, &theme_dir)?
    } else if let Some(dir) = built_in(name) {
        load_built_in(name, dir)?
    } else {
        return Err(ThemeError::Unknown {
            name: name.to_string(),
            available: available_themes(root),
        });
    };
    theme.parent_templates = theme
        .templates
        .iter()
        .map(|t| TemplateFile {
            name: format!("{name}/templates/{}", t.name),
            source: t.source.clone(),
            origin: t.origin.clone(),
        })
        .collect();
    apply_site_overrides(&mut theme, root)?;
    Ok(theme)
}

/// Theme names a site can use: the built-in ones and every folder under `themes/`.
pub fn available_themes(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = BUILT_IN_THEMES
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    names.extend(local_theme_names(root));
    names.sort();
    names.dedup();
    names
}

/// Every theme a site can use, with its `theme.toml` (or why it is unusable), by name.
pub fn list(root: &Path) -> Vec<ThemeListing> {
    let local = local_theme_names(root);
    available_themes(root)
        .into_iter()
        .map(|name| {
            let is_built_in = built_in(&name).is_some();
            if local.contains(&name) {
                let dir = root.join("themes").join(&name);
                ThemeListing {
                    info: read_info_from_disk(&name, &dir)
                        .and_then(|info| check_version(&name, &shown_path(&name), info))
                        .map_err(|err| err.to_string()),
                    source: ThemeSource::Local {
                        replaces_built_in: is_built_in,
                    },
                    name,
                }
            } else {
                ThemeListing {
                    info: built_in(&name)
                        .ok_or_else(|| format!("built-in theme `{name}` is missing"))
                        .and_then(|dir| built_in_info(&name, dir).map_err(|e| e.to_string())),
                    source: ThemeSource::BuiltIn,
                    name,
                }
            }
        })
        .collect()
}

/// The text of `gazette themes`: one entry per theme, the chosen one starred.
pub fn describe(listing: &[ThemeListing], chosen: &str) -> String {
    let width = listing.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let mut text = format!("Themes this site can use (config.toml picks `{chosen}`):\n\n");
    for theme in listing {
        let marker = if theme.name == chosen { '*' } else { ' ' };
        let source = match theme.source {
            ThemeSource::BuiltIn => "built-in".to_string(),
            ThemeSource::Local {
                replaces_built_in: false,
            } => format!("themes/{}", theme.name),
            ThemeSource::Local {
                replaces_built_in: true,
            } => format!("themes/{} (replaces the built-in one)", theme.name),
        };
        text.push_str(&format!("{marker} {:<width$}  {source}\n", theme.name));
        match &theme.info {
            Ok(info) => {
                if !info.description.is_empty() {
                    text.push_str(&format!("    {}\n", info.description));
                }
                let mut credits = Vec::new();
                if !info.author.is_empty() {
                    credits.push(format!("by {}", info.author));
                }
                if !info.license.is_empty() {
                    credits.push(info.license.clone());
                }
                if !info.min_gazette_version.is_empty() {
                    credits.push(format!("needs gazette {}+", info.min_gazette_version));
                }
                if !credits.is_empty() {
                    text.push_str(&format!("    {}\n", credits.join(" · ")));
                }
            }
            Err(problem) => text.push_str(&format!("    cannot be used: {problem}\n")),
        }
    }
    text.push_str("\nPick one with `theme = \"name\"` in config.toml; see docs/themes.md.\n");
    text
}

fn local_theme_names(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("themes")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn built_in(name: &str) -> Option<&'static Dir<'static>> {
    BUILT_IN_THEMES
        .iter()
        .find(|(built_in_name, _)| *built_in_name == name)
        .map(|(_, dir)| dir)
}

/// How error messages name a local theme's `theme.toml`.
fn shown_path(name: &str) -> String {
    format!("themes/{name}/theme.toml")
}

fn load_from_disk(name: &str, dir: &Path) -> Result<Theme, ThemeError> {
    let info = check_version(name, &shown_path(name), read_info_from_disk(name, dir)?)?;
    let templates = read_templates(&dir.join("templates"), &format!("themes/{name}/templates"))?;
    let static_files = read_tree(&dir.join("static"))?;
    Ok(Theme {
        name: name.to_string(),
        info,
        templates,
        parent_templates: Vec::new(),
        static_files,
    })
}

fn read_info_from_disk(name: &str, dir: &Path) -> Result<ThemeInfo, ThemeError> {
    let info_path = dir.join("theme.toml");
    match std::fs::read_to_string(&info_path) {
        Ok(text) => parse_info(&text, &shown_path(name)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(ThemeError::MissingInfo {
            path: shown_path(name),
        }),
        Err(source) => Err(ThemeError::Read {
            path: info_path,
            source,
        }),
    }
}

fn built_in_info(name: &str, dir: &Dir<'_>) -> Result<ThemeInfo, ThemeError> {
    let shown_as = format!("built-in {name} theme: theme.toml");
    let text = dir
        .get_file("theme.toml")
        .and_then(|f| f.contents_utf8())
        .ok_or(ThemeError::MissingInfo {
            path: shown_as.clone(),
        })?;
    check_version(name, &shown_as, parse_info(text, &shown_as)?)
}

fn load_built_in(name: &str, dir: &Dir<'_>) -> Result<Theme, ThemeError> {
    let info = built_in_info(name, dir)?;
    let origin = format!("built-in {name} theme");
    let mut templates = Vec::new();
    let mut static_files = Vec::new();
    collect_embedded(dir, &mut |path, contents| {
        if let Some(template) = path.strip_prefix("templates/") {
            templates.push(TemplateFile {
                name: template.to_string(),
                source: String::from_utf8_lossy(contents).into_owned(),
                origin: format!("{origin}: templates/{template}"),
            });
        } else if let Some(file) = path.strip_prefix("static/") {
            static_files.push((file.to_string(), contents.to_vec()));
        }
    });
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    static_files.sort();
    Ok(Theme {
        name: name.to_string(),
        info,
        templates,
        parent_templates: Vec::new(),
        static_files,
    })
}

fn collect_embedded(dir: &Dir<'_>, visit: &mut dyn FnMut(&str, &[u8])) {
    for file in dir.files() {
        visit(
            &file.path().to_string_lossy().replace('\\', "/"),
            file.contents(),
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, visit);
    }
}

fn parse_info(text: &str, shown_as: &str) -> Result<ThemeInfo, ThemeError> {
    toml::from_str(text).map_err(|err| {
        let position = err
            .span()
            .map(|span| crate::location::line_and_column(text, span.start))
            .map(|(line, column)| format!(":{line}:{column}"))
            .unwrap_or_default();
        ThemeError::BadFile {
            path: format!("{shown_as}{position}"),
            message: err.message().to_string(),
        }
    })
}

/// Refuses a theme that needs a newer gazette than the one running.
fn check_version(name: &str, shown_as: &str, info: ThemeInfo) -> Result<ThemeInfo, ThemeError> {
    let wanted = info.min_gazette_version.trim();
    if wanted.is_empty() {
        return Ok(info);
    }
    let needs = semver::Version::parse(wanted).map_err(|err| ThemeError::BadFile {
        path: shown_as.to_string(),
        message: format!("min_gazette_version {wanted:?} is not a version like \"0.1.0\": {err}"),
    })?;
    // Why no fallback: CARGO_PKG_VERSION is checked by cargo to be valid semver.
    let running = semver::Version::parse(GAZETTE_VERSION).expect("cargo checks the version");
    if needs > running {
        return Err(ThemeError::NeedsNewerGazette {
            theme: name.to_string(),
            path: shown_as.to_string(),
            needs: needs.to_string(),
            running: running.to_string(),
        });
    }
    Ok(info)
}

/// Site `templates/` and `static/` replace the theme's files of the same name.
fn apply_site_overrides(theme: &mut Theme, root: &Path) -> Result<(), ThemeError> {
    for template in read_templates(&root.join("templates"), "templates")? {
        theme.templates.retain(|t| t.name != template.name);
        theme.templates.push(template);
    }
    for (path, bytes) in read_tree(&root.join("static"))? {
        theme.static_files.retain(|(p, _)| *p != path);
        theme.static_files.push((path, bytes));
    }
    theme.templates.sort_by(|a, b| a.name.cmp(&b.name));
    theme.static_files.sort();
    Ok(())
}

fn read_templates(dir: &Path, shown_as: &str) -> Result<Vec<TemplateFile>, ThemeError> {
    read_tree(dir)?
        .into_iter()
        .map(|(name, bytes)| {
            let origin = format!("{shown_as}/{name}");
            let source = String::from_utf8(bytes).map_err(|err| ThemeError::BadFile {
                path: origin.clone(),
                message: format!(
                    "not valid UTF-8 (byte offset {})",
                    err.utf8_error().valid_up_to()
                ),
            })?;
            Ok(TemplateFile {
                name,
                source,
                origin,
            })
        })
        .collect()
}

/// Every non-hidden file under `dir` (none if it does not exist), by relative path.
fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|err| ThemeError::Read {
            path: err.path().unwrap_or(dir).to_path_buf(),
            source: std::io::Error::other(err.to_string()),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(entry.path()).map_err(|source| ThemeError::Read {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.push((relative, bytes));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE_TEMPLATES: [&str; 8] = [
        "base.html",
        "index.html",
        "story.html",
        "topic.html",
        "topics.html",
        "edition.html",
        "editions.html",
        "404.html",
    ];

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    #[test]
    fn both_built_in_themes_have_every_page_template_and_a_stylesheet() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["broadsheet", "wire"] {
            let theme = load(dir.path(), name).expect("built-in theme");
            let names: Vec<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
            for needed in PAGE_TEMPLATES {
                assert!(
                    names.contains(&needed),
                    "{name}: {needed} missing: {names:?}"
                );
            }
            assert!(theme.static_files.iter().any(|(p, _)| p == "style.css"));
            assert_eq!(theme.info.name, name);
            assert!(!theme.info.description.is_empty());
        }
    }

    #[test]
    fn unknown_theme_lists_what_exists() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("themes/mine")).expect("mkdir");
        let err = load(dir.path(), "nope").expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "unknown theme `nope`: themes found: broadsheet, mine, wire"
        );
    }

    #[test]
    fn site_templates_override_the_theme_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "templates/partials/fact_box.html", "MINE");
        let theme = load(dir.path(), DEFAULT_THEME).expect("theme");
        let fact_box = theme
            .templates
            .iter()
            .find(|t| t.name == "partials/fact_box.html")
            .expect("found");
        assert_eq!(fact_box.source, "MINE");
        assert_eq!(fact_box.origin, "templates/partials/fact_box.html");
        assert_eq!(
            theme
                .templates
                .iter()
                .filter(|t| t.name == "partials/fact_box.html")
                .count(),
            1
        );
        // The theme's own copy stays reachable for `extends`.
        assert_eq!(
            theme.origin_of("broadsheet/templates/partials/fact_box.html"),
            Some("built-in broadsheet theme: templates/partials/fact_box.html")
        );
    }

    #[test]
    fn a_local_theme_needs_a_theme_toml() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "themes/bare/templates/index.html", "x");
        let err = load(dir.path(), "bare").expect_err("no theme.toml");
        assert!(
            err.to_string()
                .starts_with("themes/bare/theme.toml: not found"),
            "{err}"
        );
    }

    #[test]
    fn a_theme_for_a_newer_gazette_is_refused_with_both_versions() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "themes/future/theme.toml",
            "name = \"future\"\nmin_gazette_version = \"99.0.0\"\n",
        );
        let err = load(dir.path(), "future").expect_err("too new");
        assert_eq!(
            err.to_string(),
            format!(
                "themes/future/theme.toml: theme `future` needs gazette 99.0.0 or newer, and this is gazette {GAZETTE_VERSION}: upgrade gazette, or pick another theme in config.toml"
            )
        );
        write(
            dir.path(),
            "themes/future/theme.toml",
            "min_gazette_version = \"soon\"\n",
        );
        let err = load(dir.path(), "future").expect_err("not a version");
        assert!(
            err.to_string().contains("\"soon\" is not a version"),
            "{err}"
        );
        write(
            dir.path(),
            "themes/future/theme.toml",
            &format!("min_gazette_version = \"{GAZETTE_VERSION}\"\n"),
        );
        load(dir.path(), "future").expect("the running version is enough");
    }

    #[test]
    fn a_bad_theme_toml_names_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "themes/odd/theme.toml",
            "name = \"odd\"\ndescription = \n",
        );
        let err = load(dir.path(), "odd").expect_err("bad toml");
        assert!(
            err.to_string().starts_with("themes/odd/theme.toml:2:"),
            "{err}"
        );
    }

    #[test]
    fn the_listing_shows_built_in_and_local_themes() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "themes/mine/theme.toml",
            "name = \"mine\"\ndescription = \"My own.\"\n",
        );
        write(
            dir.path(),
            "themes/wire/theme.toml",
            "name = \"wire\"\ndescription = \"A local wire.\"\n",
        );
        std::fs::create_dir_all(dir.path().join("themes/broken")).expect("mkdir");
        let listing = list(dir.path());
        let names: Vec<&str> = listing.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["broadsheet", "broken", "mine", "wire"]);
        assert_eq!(listing[0].source, ThemeSource::BuiltIn);
        assert!(listing[1].info.is_err());
        assert_eq!(
            listing[2].info.as_ref().expect("mine").description,
            "My own."
        );
        assert_eq!(
            listing[3].source,
            ThemeSource::Local {
                replaces_built_in: true
            }
        );
    }
}
