//! What can be wrong with a seed, said so a person can fix it.
//!
//! Every error names its line where there is one; [`SeedProblem`] adds the file. These
//! types only describe problems; collecting and printing them is the caller's job.

use thiserror::Error;

/// Why a seed could not become a story.
#[derive(Debug, Error)]
pub enum SeedError {
    #[error("could not read the file: {0}")]
    Read(#[from] std::io::Error),
    #[error("line {line}: not valid UTF-8 (byte offset {offset}); save the file as UTF-8")]
    NotUtf8 { offset: usize, line: usize },
    #[error(
        "line {line}: holds a NUL byte (byte offset {offset}); this looks like a binary file, not a story"
    )]
    Binary { offset: usize, line: usize },
    #[error("the seed is empty; write a headline on the first line")]
    Empty,
    #[error("no headline: give `title` in the front matter or start the body with a `# Headline`")]
    NoHeadline,
    #[error(
        "line {line}: the front matter opened with `+++` is never closed; add a `+++` line after it"
    )]
    UnclosedFrontMatter { line: usize },
    #[error("line {line}, column {column}: front matter: {message}")]
    FrontMatter {
        line: usize,
        column: usize,
        message: String,
    },
}

impl SeedError {
    /// The 1-based line the problem is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            SeedError::NotUtf8 { line, .. }
            | SeedError::Binary { line, .. }
            | SeedError::UnclosedFrontMatter { line }
            | SeedError::FrontMatter { line, .. } => Some(*line),
            SeedError::Read(_) | SeedError::Empty | SeedError::NoHeadline => None,
        }
    }
}

/// A [`SeedError`] together with the file it is about.
#[derive(Debug, Error)]
#[error("{path}: {error}")]
pub struct SeedProblem {
    /// The seed's path as the user sees it, e.g. `seeds/business/deal.txt`.
    pub path: String,
    #[source]
    pub error: SeedError,
}

/// Warnings found while parsing, before they are tied to a file: `(line, message)`.
pub type LineWarnings = Vec<(Option<usize>, String)>;

/// Something odd in a seed that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedWarning {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for SeedWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}: line {line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
