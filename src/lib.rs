//! gazette: a static site generator for a news digest.
//!
//! A build runs one pipeline, in one direction:
//! discover (read seeds, config, theme) → parse ([`seed`]) → gate ([`embargo`]: drafts
//! and embargoes) → edit ([`edit`], using the [`editorial`] desk) → assemble
//! ([`digest`]) → render ([`render`]) → publish ([`publish`]). Only the first stage
//! reads the file system and only the last writes it; everything between is a pure
//! function of its input and the build's clock, which only the gate reads.

pub mod check;
pub mod config;
pub mod date;
pub mod digest;
pub mod edit;
pub mod editions;
pub mod editorial;
pub mod embargo;
pub mod explain;
pub mod html;
pub mod last_build;
pub mod location;
pub mod lock;
pub mod publish;
pub mod related;
pub mod render;
pub mod scaffold;
pub mod scorecard;
pub mod seed;
pub mod serve;
pub mod session;
pub mod slug;
pub mod story;
pub mod topic_names;

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

use config::{Config, ConfigError};
use publish::PublishError;
use render::RenderError;
use render::theme::ThemeError;
use seed::{ParseOptions, SeedProblem};

/// A mutex whose holder panicked: what it guards is whole (each holder changes it in
/// one step), so keep using it rather than fail the build.
pub(crate) fn locked<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What `gazette build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder: holds `config.toml` and `seeds/`.
    pub root: PathBuf,
    /// Where the site goes; `root/public` when not given.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `config.toml`.
    pub base_url: Option<String>,
    /// Publish stories marked `draft = true`.
    pub drafts: bool,
    /// The clock embargoes are judged by (`--now`); the real time when `None`.
    pub now: Option<jiff::Timestamp>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub stories: usize,
    pub pages: usize,
    pub output: PathBuf,
    pub warnings: Vec<String>,
    /// Stories under embargo, left out of every page, feed and index, soonest first.
    pub held: Vec<embargo::HeldStory>,
    pub elapsed: Duration,
    /// Wall time of each pipeline stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The process's peak resident memory (KiB) at the end of each stage of `timings`
    /// (Linux only; empty elsewhere).
    pub peak_memory: Vec<u64>,
    /// Whether syntect's syntaxes were loaded (only a story with code needs them).
    pub syntaxes_loaded: bool,
    /// Files whose bytes this build wrote; unchanged files are not written again.
    pub written: usize,
    /// Nothing had changed since the last build of this output: nothing was parsed,
    /// rendered or written (see [`last_build`]).
    pub up_to_date: bool,
    /// Time spent writing files while rendering, summed over threads.
    pub writing: Duration,
}

/// Why a build failed. The previous output is untouched in every case.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error("{}: not found; a site needs a config.toml (see README.md, \"Configuration\")", path.display())]
    MissingConfig { path: PathBuf },
    #[error("{}: could not read: {source}", path.display())]
    ReadConfig {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{}: no seeds folder; put the stories (*.txt, *.md) there", path.display())]
    MissingSeeds { path: PathBuf },
    #[error("{} seed(s) could not be published:\n{}", .0.len(), list(.0))]
    Seeds(Vec<SeedProblem>),
    #[error(transparent)]
    Theme(#[from] ThemeError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error("{}: refusing to use as output: {reason}", path.display())]
    UnsafeOutput { path: PathBuf, reason: &'static str },
    #[error(transparent)]
    Locked(#[from] lock::LockError),
}

impl BuildError {
    /// The process exit code: 2 for a usage mistake (a bad `--output`), 1 for problems
    /// with the site's content or files.
    pub fn exit_code(&self) -> u8 {
        match self {
            BuildError::UnsafeOutput { .. } => 2,
            _ => 1,
        }
    }
}

/// Problems one per line, indented under the message that counts them.
pub(crate) fn list<T: std::fmt::Display>(problems: &[T]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Builds the site at `options.root` into its output folder.
///
/// Pages are written as they render, into a spare tree that is then swapped in whole
/// ([`publish`]); a build whose sources and output are as the last build left them does
/// nothing ([`last_build`]).
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_freeing(options, Freeing::Now)
}

/// [`build`] for a process that exits right after it (`gazette build`): the stories and
/// their summaries are left to the system, which takes a process's memory back at exit
/// in one go, instead of being freed one by one. Freeing them, and the allocator handing
/// the pages back, was about 140 ms of cpu at the end of a 10,000-story build.
pub fn build_then_exit(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_freeing(options, Freeing::AtExit)
}

/// When a build frees what it made.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Freeing {
    /// Before it returns (a library call, a live session).
    Now,
    /// Never: the process exits next.
    AtExit,
}

fn build_freeing(options: &BuildOptions, freeing: Freeing) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut clock = StageClock::new();
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    check_output(&options.root, &output)?;
    let _lock = lock::lock_output(&output)?;
    let sources = discover(options)?;
    let fingerprint = sources.problems.is_empty().then(|| {
        last_build::fingerprint(
            &sources.config,
            &sources.theme,
            &sources.seeds,
            options.drafts,
        )
    });
    clock.lap("discover");
    // Discovery's warnings (a symlink loop …) are about this run; the later stages'
    // follow from the fingerprinted sources, so the last build's still hold.
    let discovery_warnings = sources.warnings.len();
    if let Some(last) = fingerprint
        .as_deref()
        .and_then(|fingerprint| last_build::unchanged(&output, fingerprint))
    {
        clock.lap("check");
        let mut warnings = sources.warnings;
        warnings.extend(last.warnings);
        return Ok(BuildReport {
            stories: last.stories,
            pages: last.files,
            output,
            warnings,
            // A site with an embargo is never taken as up to date (see below).
            held: Vec::new(),
            elapsed: started.elapsed(),
            timings: clock.laps,
            peak_memory: clock.peaks,
            syntaxes_loaded: render::highlight::syntaxes_loaded(),
            written: 0,
            up_to_date: true,
            writing: Duration::ZERO,
        });
    }
    let site = assemble_site(sources, options, &mut clock)?;
    let staging = publish::Staging::open(&output)?;
    let (_, leftovers) = render::render_site_to(
        &site.digest,
        &site.config,
        &site.theme,
        &ToStaging(&staging),
    )?;
    clock.lap("render");
    last_build::forget(&output);
    let stories = site.digest.stories.len();
    // A site with an embargo depends on the clock as well as on its sources: a held
    // story comes out, or a `--now` in the past holds one again, with nothing changed.
    // Such a site is never taken as up to date.
    let on_the_clock = !site.held.is_empty()
        || site
            .digest
            .stories
            .iter()
            .any(|s| s.edited.story.meta.publish_at.is_some());
    let AssembledSite {
        digest,
        warnings,
        held,
        ..
    } = site;
    let published = match freeing {
        // The stories are let go while the spare is swapped in, not after: one thread
        // freeing 10,000 stories took 75–90 ms at the end of a build.
        Freeing::Now => {
            let (published, _) = rayon::join(
                || staging.finish(),
                || rayon::join(|| digest.let_go(), || leftovers.let_go()),
            );
            published
        }
        // The summaries are still let go: the memory they free is what the last steps
        // of publishing allocate, which would otherwise raise the peak by 4 MiB.
        Freeing::AtExit => {
            std::mem::forget(digest);
            let (published, ()) = rayon::join(|| staging.finish(), || leftovers.let_go());
            published
        }
    }?;
    clock.lap("publish");
    if let Some(fingerprint) = fingerprint.filter(|_| !on_the_clock) {
        let later_warnings = &warnings[discovery_warnings..];
        last_build::remember(
            &output,
            published.survey.as_deref(),
            fingerprint,
            stories,
            published.files,
            later_warnings,
        );
    }
    Ok(BuildReport {
        stories,
        pages: published.files,
        output,
        warnings,
        held,
        elapsed: started.elapsed(),
        timings: clock.laps,
        peak_memory: clock.peaks,
        syntaxes_loaded: render::highlight::syntaxes_loaded(),
        written: published.written,
        up_to_date: false,
        writing: published.writing,
    })
}

/// Rendering straight into the staging tree: each page is written as it is made.
struct ToStaging<'a>(&'a publish::Staging);

impl render::Sink for ToStaging<'_> {
    type Error = BuildError;

    fn page(&self, page: render::Page) -> Result<(), BuildError> {
        Ok(self.0.put(&page.path, &page.bytes)?)
    }

    fn stream(&self, path: &str, write: &render::WriteFn<'_>) -> Result<(), BuildError> {
        Ok(self.0.put_stream(path, write)?)
    }
}

/// The variables each page template of the site at `options.root` receives on a real
/// build (`site`, then one context per page), without rendering or writing anything.
/// The theme author's guide (docs/themes.md) is checked against this.
pub fn template_contexts(
    options: &BuildOptions,
) -> Result<(tera::Value, Vec<render::PageContext>), BuildError> {
    let site = assemble_site(discover(options)?, options, &mut StageClock::new())?;
    Ok(render::template_contexts(
        &site.digest,
        &site.config,
        &site.theme,
    )?)
}

/// What `gazette themes` shows: every theme the site at `root` can use, and the one its
/// `config.toml` picks (the default when it has none).
pub fn themes(root: &Path) -> Result<(Vec<render::theme::ThemeListing>, String), BuildError> {
    let chosen = match read_config(root) {
        Ok(config) => config.theme,
        Err(BuildError::MissingConfig { .. }) => render::theme::DEFAULT_THEME.to_string(),
        Err(err) => return Err(err),
    };
    Ok((render::theme::list(root), chosen))
}

/// A site read, parsed, edited and assembled: everything rendering needs.
struct AssembledSite {
    config: Config,
    theme: render::theme::Theme,
    digest: digest::Digest,
    warnings: Vec<String>,
    held: Vec<embargo::HeldStory>,
}

/// What a build reads: every read happens here, nothing is parsed or written.
struct Sources {
    config: Config,
    theme: render::theme::Theme,
    /// Listed, not read yet: each is read just before it is parsed.
    seeds: Vec<seed::ListedSeed>,
    /// Seeds that could not be listed or read: the build fails, after parsing the
    /// others, so that every problem is reported at once.
    problems: Vec<SeedProblem>,
    warnings: Vec<String>,
}

/// discover: the config, the theme, and the list of seeds.
fn discover(options: &BuildOptions) -> Result<Sources, BuildError> {
    let root = options.root.as_path();
    let mut config = read_config(root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = format!("{}/", base_url.trim().trim_end_matches('/'));
    }
    let seeds_dir = root.join("seeds");
    if !seeds_dir.is_dir() {
        return Err(BuildError::MissingSeeds { path: seeds_dir });
    }
    let seed::Listing {
        seeds,
        problems,
        warnings,
    } = seed::list(&seeds_dir);
    let theme = render::theme::load(root, &config.theme)?;
    Ok(Sources {
        config,
        theme,
        seeds,
        problems,
        warnings: warnings.iter().map(ToString::to_string).collect(),
    })
}

/// parse → edit → assemble: pure functions of the sources.
fn assemble_site(
    sources: Sources,
    options: &BuildOptions,
    clock: &mut StageClock,
) -> Result<AssembledSite, BuildError> {
    let Sources {
        config,
        theme,
        seeds: seed_files,
        mut problems,
        mut warnings,
    } = sources;

    // parse
    let parse_options = ParseOptions {
        unsafe_html: config.unsafe_html,
        time_zone: config.time_zone(),
    };
    // Each seed is read just before it is parsed and its bytes dropped right after, so
    // the digest's text is never held twice.
    let parsed: Vec<_> = seed_files
        .par_iter()
        .with_max_len(STORIES_PER_TASK)
        .map(|listed| match listed.read() {
            Ok(Some(file)) => Some(seed::parse_seed(&file, &parse_options)),
            Ok(None) => None,
            Err(problem) => Some(Err(problem)),
        })
        .collect();
    let mut stories = Vec::with_capacity(parsed.len());
    for (listed, result) in seed_files.iter().zip(parsed) {
        match result {
            Some(Ok(parsed)) => {
                warnings.extend(parsed.warnings.iter().map(ToString::to_string));
                stories.push(parsed.story);
            }
            Some(Err(problem)) => problems.push(problem),
            None => warnings.push(listed.vanished().to_string()),
        }
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(BuildError::Seeds(problems));
    }
    clock.lap("parse");

    // gate: drafts and embargoes leave here, before anything downstream sees them
    let (stories, held) = embargo::gate(stories, options.drafts, embargo::clock(options.now));

    // edit
    let limits = edit::limits(&config.editorial);
    // Each story is filed (its slug and topic links worked out) on the core that
    // edited it: filing 10,000 stories one after another took most of assembling.
    let filed: Vec<digest::FiledStory> = stories
        .into_par_iter()
        .with_max_len(STORIES_PER_TASK)
        .map(|story| digest::file_story(edit::edit_story(story, &limits)))
        .collect();
    for story in &filed {
        let path = &story.edited.story.source_path;
        warnings.extend(
            story
                .edited
                .warnings
                .iter()
                .map(|w| format!("seeds/{path}: {w}")),
        );
    }
    clock.lap("edit");

    // assemble
    let digest = digest::assemble_filed(filed);
    warnings.extend(digest.warnings.iter().cloned());
    clock.lap("assemble");
    Ok(AssembledSite {
        config,
        theme,
        digest,
        warnings,
        held,
    })
}

/// The most stories one parallel task of parsing or editing takes on. rayon otherwise
/// splits a stage into about as many pieces as there are cores and splits a piece again
/// only when another core steals it, so the last piece can leave one core idle at the end
/// of the stage: 45 ms of the desk's 800 at 10,000 stories on two cores. 32 stories are
/// about 5 ms of the desk.
const STORIES_PER_TASK: usize = 32;

/// Measures the pipeline stage by stage, for `gazette build --timings`.
struct StageClock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
    peaks: Vec<u64>,
}

impl StageClock {
    fn new() -> StageClock {
        StageClock {
            last: Instant::now(),
            laps: Vec::new(),
            peaks: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
        if let Some(peak) = peak_memory_kib() {
            self.peaks.push(peak);
        }
    }
}

/// The process's peak resident memory so far, where the system tells it.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn read_config(root: &Path) -> Result<Config, BuildError> {
    let path = root.join("config.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Config::parse(&text, path)?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            Err(BuildError::MissingConfig { path })
        }
        Err(source) => Err(BuildError::ReadConfig { path, source }),
    }
}

/// The output folder is replaced whole, so it must never hold the site's own sources.
fn check_output(root: &Path, output: &Path) -> Result<(), BuildError> {
    let refuse = |reason| {
        Err(BuildError::UnsafeOutput {
            path: output.to_path_buf(),
            reason,
        })
    };
    let root = absolute(root);
    let out = absolute(output);
    if root.starts_with(&out) {
        return refuse("it is the site folder or holds it, and would be replaced whole");
    }
    for source in ["seeds", "themes", "templates", "static", "config.toml"] {
        if out.starts_with(root.join(source)) {
            return refuse("it is inside the site's sources");
        }
    }
    if out.join("config.toml").exists() || out.join("seeds").is_dir() {
        return refuse("it looks like a site folder (it has config.toml or seeds/)");
    }
    Ok(())
}

/// An absolute, `..`-free path, resolving symlinks for the part that exists.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        if name == ".." {
            resolved.pop();
        } else if name != "." {
            resolved.push(name);
        }
    }
    resolved
}
