//! `config.toml` → [`Config`]: the site's settings, with defaults for everything.
//!
//! This module only parses and validates text it is given; reading the file is the
//! discover stage's job. Unknown keys are errors here (a typo in a setting should not be
//! silently ignored), except under `[extra]`, which belongs to themes.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use thiserror::Error;

use crate::location::line_and_column;

/// The whole site configuration.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is served from; used for feeds, sitemap and canonical links.
    pub base_url: String,
    pub language: String,
    /// IANA time zone the site's dates are read and shown in (`Europe/London`).
    pub timezone: String,
    pub theme: String,
    /// Link to `story/` instead of `story/index.html` (needs a server that resolves folders).
    pub pretty_links: bool,
    /// Keep raw HTML from Markdown seeds as written, instead of sanitizing it.
    pub unsafe_html: bool,
    /// How many stories the Atom feed carries (newest first); `feed.json` carries all.
    pub feed_limit: usize,
    /// What each topic's feeds carry: every story's summary, or its whole text.
    pub topic_feeds: TopicFeeds,
    /// Stories per list page (front page, topic pages, edition pages); at least 1.
    pub paginate_by: usize,
    pub editorial: EditorialConfig,
    /// Free-form values for themes (masthead text, accent colour …).
    pub extra: toml::Table,
}

/// What a topic's feeds carry. The digest's own feeds always carry whole stories; a
/// story sits in several topics, so whole text there would repeat it in each one (at
/// 10,000 stories, a third of the site's bytes).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum TopicFeeds {
    /// Headline, link, summary and metadata: what a reader needs to choose a story.
    #[default]
    Summary,
    /// The whole story, as in the digest's feeds.
    Full,
}

/// The `[editorial]` table: limits for the desk.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EditorialConfig {
    pub max_pull_quotes: usize,
    pub max_facts: usize,
    pub min_facts: usize,
    pub fact_box_title: String,
    pub words_per_minute: usize,
    /// Most figures in "the day in numbers" (front page and edition pages); 0 hides it.
    pub day_in_numbers: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "gazette".to_string(),
            description: "A news digest".to_string(),
            base_url: "http://localhost/".to_string(),
            language: "en".to_string(),
            timezone: "UTC".to_string(),
            theme: "broadsheet".to_string(),
            pretty_links: false,
            unsafe_html: false,
            feed_limit: 50,
            topic_feeds: TopicFeeds::Summary,
            paginate_by: 20,
            editorial: EditorialConfig::default(),
            extra: toml::Table::new(),
        }
    }
}

impl Default for EditorialConfig {
    fn default() -> Self {
        EditorialConfig {
            max_pull_quotes: 3,
            max_facts: 6,
            min_facts: 3,
            fact_box_title: "By the numbers".to_string(),
            words_per_minute: 230,
            day_in_numbers: 6,
        }
    }
}

/// A `config.toml` that cannot be used, with where and why.
#[derive(Debug, Error)]
#[error("{}{}: {message}", path.display(), position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Config {
    /// Parses the text of `config.toml`; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: PathBuf) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|err| ConfigError {
            position: err.span().map(|span| line_and_column(text, span.start)),
            message: err.message().to_string(),
            path: path.clone(),
        })?;
        config.normalise();
        config.validate().map_err(|(key, message)| ConfigError {
            position: key.and_then(|key| key_position(text, key)),
            path,
            message,
        })?;
        Ok(config)
    }

    /// The site's time zone. `timezone` was checked when the config was parsed; a
    /// `Config` built by hand with an unknown name gets UTC.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        crate::date::time_zone(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// `base_url` always ends in exactly one `/`, so URLs join without doubling.
    fn normalise(&mut self) {
        let trimmed = self.base_url.trim().trim_end_matches('/');
        self.base_url = format!("{trimmed}/");
    }

    /// Checks values the types cannot: on failure, the top-level key at fault (to point
    /// at its line) and what is wrong.
    fn validate(&self) -> Result<(), (Option<&'static str>, String)> {
        if self.editorial.words_per_minute == 0 {
            return Err((
                None,
                "editorial.words_per_minute must be at least 1".to_string(),
            ));
        }
        if self.paginate_by == 0 {
            return Err((
                Some("paginate_by"),
                "paginate_by must be at least 1: it is how many stories a list page shows"
                    .to_string(),
            ));
        }
        if self.editorial.min_facts > self.editorial.max_facts {
            return Err((
                None,
                "editorial.min_facts must not exceed editorial.max_facts".to_string(),
            ));
        }
        if let Err(unknown) = crate::date::time_zone(&self.timezone) {
            return Err((Some("timezone"), format!("timezone: {unknown}")));
        }
        let is_safe_theme_name = !self.theme.is_empty()
            && self
                .theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !is_safe_theme_name {
            return Err((
                Some("theme"),
                format!(
                    "theme {:?} is not a theme name: use letters, digits, `-` and `_` (the folder under themes/)",
                    self.theme
                ),
            ));
        }
        Ok(())
    }
}

/// Where a top-level `key = …` line is, as (line, column), for errors about its value.
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut in_table = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_table = true;
        }
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if !in_table && is_key {
            return Some((index + 1, line.len() - trimmed.len() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_takes_every_default() {
        let config = Config::parse("", PathBuf::from("config.toml")).expect("valid");
        assert_eq!(config.theme, "broadsheet");
        assert_eq!(config.editorial.fact_box_title, "By the numbers");
    }

    #[test]
    fn base_url_gets_one_trailing_slash() {
        let config = Config::parse("base_url = \"https://x.org//\"", PathBuf::from("c.toml"))
            .expect("valid");
        assert_eq!(config.base_url, "https://x.org/");
    }

    #[test]
    fn unknown_key_is_an_error_with_a_position() {
        let err = Config::parse(
            "title = \"a\"\ntitel = \"b\"\n",
            PathBuf::from("config.toml"),
        )
        .expect_err("typo must fail");
        assert_eq!(err.position, Some((2, 1)));
        assert!(err.to_string().starts_with("config.toml:2:1: "), "{err}");
    }

    #[test]
    fn extra_accepts_anything() {
        let config = Config::parse(
            "[extra]\naccent = \"#123\"\nlinks = [1, 2]\n",
            PathBuf::from("c"),
        )
        .expect("valid");
        assert_eq!(config.extra["accent"].as_str(), Some("#123"));
    }

    #[test]
    fn timezone_defaults_to_utc_and_unknown_names_are_errors_on_their_line() {
        let config = Config::parse("", PathBuf::from("c.toml")).expect("valid");
        assert_eq!(config.timezone, "UTC");
        let config = Config::parse("timezone = \"America/New_York\"", PathBuf::from("c.toml"))
            .expect("valid");
        assert_eq!(config.time_zone().iana_name(), Some("America/New_York"));
        let err = Config::parse(
            "title = \"a\"\ntimezone = \"Mars/Olympus_Mons\"\n",
            PathBuf::from("config.toml"),
        )
        .expect_err("unknown zone");
        assert_eq!(err.position, Some((2, 1)));
        let message = err.to_string();
        assert!(
            message
                .starts_with("config.toml:2:1: timezone: \"Mars/Olympus_Mons\" is not a time zone"),
            "{message}"
        );
        assert!(Config::parse("timezone = \"\"", PathBuf::from("c")).is_err());
    }

    #[test]
    fn paginate_by_must_be_at_least_one() {
        let err = Config::parse("paginate_by = 0", PathBuf::from("config.toml"))
            .expect_err("zero stories a page");
        assert!(
            err.to_string()
                .starts_with("config.toml:1:1: paginate_by must be at least 1"),
            "{err}"
        );
        let config = Config::parse("paginate_by = 1", PathBuf::from("c")).expect("valid");
        assert_eq!(config.paginate_by, 1);
        assert_eq!(Config::default().paginate_by, 20);
    }

    #[test]
    fn theme_name_cannot_walk_out_of_themes() {
        assert!(Config::parse("theme = \"../x\"", PathBuf::from("c")).is_err());
    }
}
