//! Themes: finding `themes/<name>/`, reading its templates and static files, and laying
//! the site's own `templates/` and `static/` over them, file by file.
//!
//! The default theme, broadsheet, is embedded in the binary so a site without a
//! `themes/` folder still builds; a `themes/broadsheet/` on disk replaces it. This module
//! reads files (it belongs to the start of a build) but renders nothing.

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use thiserror::Error;
use walkdir::WalkDir;

static BUILT_IN_BROADSHEET: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/broadsheet");

/// The name of the theme used when `config.toml` names none.
pub const DEFAULT_THEME: &str = "broadsheet";

/// A theme with the site's overrides applied: everything rendering needs.
#[derive(Debug, Clone)]
pub struct Theme {
    pub info: ThemeInfo,
    /// `(name, source, origin)`: `name` as templates refer to it (`partials/fact_box.html`),
    /// `origin` as the user knows the file (`themes/broadsheet/templates/…`, or `built-in …`).
    pub templates: Vec<TemplateFile>,
    /// Files copied to the output as they are, by path relative to the output root.
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// One template's text and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub name: String,
    pub source: String,
    pub origin: String,
}

/// `theme.toml`: who made the theme and which `[extra]` values it expects.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct ThemeInfo {
    pub name: String,
    pub description: String,
    pub author: String,
    pub license: String,
    pub min_gazette_version: String,
    pub extra: toml::Table,
}

/// A theme that cannot be used.
#[derive(Debug, Error)]
pub enum ThemeError {
    #[error("unknown theme `{name}`: themes found: {}", available.join(", "))]
    Unknown {
        name: String,
        available: Vec<String>,
    },
    #[error("{path}: {message}")]
    BadFile { path: String, message: String },
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
        load_from_disk(&theme_dir, &format!("themes/{name}"))?
    } else if name == DEFAULT_THEME {
        load_built_in()?
    } else {
        return Err(ThemeError::Unknown {
            name: name.to_string(),
            available: available_themes(root),
        });
    };
    apply_site_overrides(&mut theme, root)?;
    Ok(theme)
}

/// Theme names a site can use: the built-in one and every folder under `themes/`.
pub fn available_themes(root: &Path) -> Vec<String> {
    let mut names = vec![DEFAULT_THEME.to_string()];
    if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
        names.extend(
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.')),
        );
    }
    names.sort();
    names.dedup();
    names
}

fn load_from_disk(dir: &Path, shown_as: &str) -> Result<Theme, ThemeError> {
    let info_path = dir.join("theme.toml");
    let info = match std::fs::read_to_string(&info_path) {
        Ok(text) => parse_info(&text, &format!("{shown_as}/theme.toml"))?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => ThemeInfo::default(),
        Err(source) => {
            return Err(ThemeError::Read {
                path: info_path,
                source,
            });
        }
    };
    let templates = read_templates(&dir.join("templates"), &format!("{shown_as}/templates"))?;
    let static_files = read_tree(&dir.join("static"))?;
    Ok(Theme {
        info,
        templates,
        static_files,
    })
}

fn load_built_in() -> Result<Theme, ThemeError> {
    let origin = "built-in broadsheet theme";
    let info = match BUILT_IN_BROADSHEET
        .get_file("theme.toml")
        .and_then(|f| f.contents_utf8())
    {
        Some(text) => parse_info(text, "built-in broadsheet theme.toml")?,
        None => ThemeInfo::default(),
    };
    let mut templates = Vec::new();
    let mut static_files = Vec::new();
    collect_embedded(&BUILT_IN_BROADSHEET, &mut |path, contents| {
        if let Some(name) = path.strip_prefix("templates/") {
            let source = String::from_utf8_lossy(contents).into_owned();
            templates.push(TemplateFile {
                name: name.to_string(),
                source,
                origin: format!("{origin}: templates/{name}"),
            });
        } else if let Some(name) = path.strip_prefix("static/") {
            static_files.push((name.to_string(), contents.to_vec()));
        }
    });
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    static_files.sort();
    Ok(Theme {
        info,
        templates,
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
    toml::from_str(text).map_err(|err| ThemeError::BadFile {
        path: shown_as.to_string(),
        message: err.message().to_string(),
    })
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

    #[test]
    fn the_built_in_theme_has_its_templates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let theme = load(dir.path(), DEFAULT_THEME).expect("built-in theme");
        let names: Vec<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
        for needed in [
            "base.html",
            "index.html",
            "story.html",
            "topic.html",
            "topics.html",
            "404.html",
        ] {
            assert!(names.contains(&needed), "{needed} missing from {names:?}");
        }
        assert!(theme.static_files.iter().any(|(p, _)| p == "style.css"));
    }

    #[test]
    fn unknown_theme_lists_what_exists() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("themes/wire")).expect("mkdir");
        let err = load(dir.path(), "nope").expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "unknown theme `nope`: themes found: broadsheet, wire"
        );
    }

    #[test]
    fn site_templates_override_the_theme_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("templates/partials")).expect("mkdir");
        std::fs::write(dir.path().join("templates/partials/fact_box.html"), "MINE").expect("write");
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
    }
}
