//! `newsloc`: one command per step of making a story translation-ready.
//!
//! Exit codes: 0 on success, 1 when the input is rejected (the message on
//! stderr names the file and line), 2 on a usage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use newsloc::xliff::{Document, State, Stats, Version};
use newsloc::{Article, Exporter, ImportOptions, Segmenter, Untranslated, WireReader};
use unic_langid::LanguageIdentifier;

#[derive(Parser)]
#[command(
    name = "newsloc",
    version,
    about = "Make news stories translation-ready"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a wire-copy story and write its JSON form.
    Wire {
        /// The story (plain-text wire copy, UTF-8).
        story: PathBuf,
        /// Write the JSON here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The story id (default: the file name without its extension).
        #[arg(long)]
        id: Option<String>,
        /// The story version (default: from the update tag, else 1).
        #[arg(long = "story-version", value_name = "N")]
        story_version: Option<u32>,
        /// The language the story is written in.
        #[arg(long, default_value = "en")]
        lang: LanguageIdentifier,
    },
    /// Render an article (JSON form or wire copy).
    Render {
        /// The article: its JSON form or a wire-copy story.
        article: PathBuf,
        /// Output format.
        #[arg(long = "as", value_enum, default_value_t = Format::Wire)]
        format: Format,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The language of the fixed parts (byline, dateline, tags, end
        /// mark); default: the article's language.
        #[arg(long, value_name = "LANG")]
        locale: Option<LanguageIdentifier>,
        /// Fluent files overriding the built-in ones: DIR/<lang>/*.ftl.
        #[arg(long, value_name = "DIR")]
        locales: Option<PathBuf>,
        /// The source of a translation: every credit and usage restriction
        /// of it must be carried verbatim, or nothing is rendered.
        #[arg(long, value_name = "ARTICLE")]
        source: Option<PathBuf>,
    },
    /// Read an IPTC ninjs text item and write the article's JSON form.
    Ninjs {
        /// The ninjs item (JSON).
        item: PathBuf,
        /// Write the article here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Export articles as XLIFF for translators: one file per article and
    /// target language, DIR/<id>.v<version>.<lang>.xlf; prints each path.
    Export {
        /// Articles: JSON form or wire copy.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Target languages, comma-separated (ko,ja,zh-Hant).
        #[arg(long, value_delimiter = ',', required = true)]
        to: Vec<LanguageIdentifier>,
        /// XLIFF version.
        #[arg(long, value_enum, default_value_t = XliffVersion::V2_0)]
        xliff: XliffVersion,
        /// Output directory.
        #[arg(short, long, default_value = ".")]
        output: PathBuf,
        /// One segment per unit instead of one per sentence.
        #[arg(long)]
        no_segment: bool,
        /// Sentence rules from an SRX 2.0 file instead of the built-in ones.
        #[arg(long, value_name = "FILE", conflicts_with = "no_segment")]
        srx: Option<PathBuf>,
        /// One unit per sentence (for tools without XLIFF 1.2 seg-source).
        #[arg(long)]
        unit_per_sentence: bool,
        /// Length limit for the headline, in characters.
        #[arg(long, value_name = "CHARS")]
        headline_limit: Option<usize>,
    },
    /// Fill every target of an XLIFF file with a pseudo-translation
    /// (longer, accented, inline codes kept) to test the whole pipeline.
    Pseudo {
        /// The XLIFF file (1.2 or 2.x).
        file: PathBuf,
        /// Write here instead of standard output (same XLIFF version).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Inspect XLIFF files.
    Xliff {
        #[command(subcommand)]
        command: XliffCommand,
    },
    /// Import a translated XLIFF file against its source article; prints the
    /// report, writes the translated article's JSON form.
    Import {
        /// The source article (JSON form or wire copy).
        article: PathBuf,
        /// The translated XLIFF file (1.2 or 2.x).
        xliff: PathBuf,
        /// Write the translated article here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// What to do with untranslated units.
        #[arg(long, value_enum, default_value_t = Policy::Error)]
        untranslated: Policy,
    },
}

#[derive(Subcommand)]
enum XliffCommand {
    /// Read and validate any XLIFF file (1.0 to 2.2); prints a one-line
    /// summary, or every problem with its position (exit 1).
    Check {
        /// The XLIFF files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Files, units, segments, source words, and words by state.
    Stats {
        /// The XLIFF files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum XliffVersion {
    #[value(name = "1.2")]
    V1_2,
    #[value(name = "2.0")]
    V2_0,
    #[value(name = "2.1")]
    V2_1,
    #[value(name = "2.2")]
    V2_2,
}

impl XliffVersion {
    fn version(self) -> Version {
        match self {
            XliffVersion::V1_2 => Version::V1_2,
            XliffVersion::V2_0 => Version::V2_0,
            XliffVersion::V2_1 => Version::V2_1,
            XliffVersion::V2_2 => Version::V2_2,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Policy {
    /// Reject the import, listing every untranslated unit.
    Error,
    /// Use the source text.
    Source,
    /// Leave the unit out.
    Omit,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Wire copy.
    Wire,
    /// An HTML document.
    Html,
    /// An IPTC ninjs 3.1 item.
    Ninjs,
    /// The article's JSON form.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsloc: error: {e}");
            let mut source = e.source();
            while let Some(s) = source {
                // the library's messages already include their causes
                if s.downcast_ref::<newsloc::Error>().is_none() {
                    eprintln!("  caused by: {s}");
                }
                source = s.source();
            }
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Wire {
            story,
            output,
            id,
            story_version,
            lang,
        } => {
            let mut reader = WireReader::new();
            reader.language(lang);
            if let Some(id) = id {
                reader.id(id);
            }
            if let Some(v) = story_version {
                reader.version(v);
            }
            let (article, warnings) = reader.read_path_with_warnings(&story)?;
            for w in &warnings {
                eprintln!("newsloc: warning: {w}");
            }
            emit(output.as_deref(), &article.to_json())
        }
        Command::Render {
            article,
            format,
            output,
            locale,
            locales,
            source,
        } => {
            let path = article;
            let article = read_article(&path)?;
            let source = source.as_deref().map(read_article).transpose()?;
            let locales = match locales {
                Some(dir) => newsloc::Locales::from_dir(&dir)?,
                None => newsloc::Locales::embedded(),
            };
            let localizer = locales.localizer(locale.as_ref().unwrap_or(&article.language));
            let format = match format {
                Format::Wire => newsloc::render::Format::Wire,
                Format::Html => newsloc::render::Format::Html,
                Format::Ninjs => newsloc::render::Format::Ninjs,
                Format::Json => newsloc::render::Format::Json,
            };
            let text = newsloc::render::render(&article, source.as_ref(), format, &localizer)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            emit(output.as_deref(), &text)
        }
        Command::Ninjs { item, output } => {
            let json = std::fs::read_to_string(&item)
                .with_context(|| format!("{}: cannot read", item.display()))?;
            let article = newsloc::ninjs::from_str(&json).map_err(|e| e.with_file(&item))?;
            emit(output.as_deref(), &article.to_json())
        }
        Command::Export {
            articles,
            to,
            xliff,
            output,
            no_segment,
            srx,
            unit_per_sentence,
            headline_limit,
        } => {
            let mut exporter = Exporter::new();
            exporter
                .version(xliff.version())
                .segmentation(!no_segment)
                .unit_per_sentence(unit_per_sentence);
            if let Some(n) = headline_limit {
                exporter.headline_limit(n);
            }
            if let Some(srx) = srx {
                // the rules apply to the source language; all articles of a
                // batch are read first to know it
                let first = read_article(&articles[0])?;
                exporter.segmenter(Segmenter::from_srx_file(&srx, &first.language)?);
            }
            export(&articles, &to, &exporter, xliff.version(), &output)
        }
        Command::Pseudo { file, output } => {
            let mut doc = Document::from_path(&file)?;
            newsloc::xliff::pseudo_translate(&mut doc);
            let version = doc.version;
            emit(output.as_deref(), &doc.to_string(version)?)
        }
        Command::Xliff { command } => match command {
            XliffCommand::Check { files } => check(&files),
            XliffCommand::Stats { files } => stats(&files),
        },
        Command::Import {
            article,
            xliff,
            output,
            untranslated,
        } => {
            let source = read_article(&article)?;
            let doc = Document::from_path(&xliff)?;
            let mut options = ImportOptions::new();
            options.untranslated(match untranslated {
                Policy::Error => Untranslated::Error,
                Policy::Source => Untranslated::Source,
                Policy::Omit => Untranslated::Omit,
            });
            let imported = newsloc::import(&doc, &source, &options)
                .map_err(|e| anyhow::anyhow!("{}: {}", xliff.display(), e.with_file(&xliff)))?;
            eprintln!("{}: {}", xliff.display(), imported.report);
            emit(output.as_deref(), &imported.article.to_json())
        }
    }
}

fn export(
    articles: &[PathBuf],
    targets: &[LanguageIdentifier],
    exporter: &Exporter,
    version: Version,
    dir: &Path,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let bar = progress(articles.len() * targets.len());
    for path in articles {
        let article = read_article(path)?;
        for lang in targets {
            bar.set_message(format!("{} → {lang}", article.id));
            let doc = exporter
                .export(&article, lang)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let out = dir.join(format!("{}.v{}.{lang}.xlf", article.id, article.version));
            let xml = doc.to_string(version)?;
            std::fs::write(&out, xml)
                .with_context(|| format!("{}: cannot write", out.display()))?;
            bar.suspend(|| println!("{}", out.display()));
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok(())
}

fn check(files: &[PathBuf]) -> Result<()> {
    let mut bad = 0;
    let bar = progress(files.len());
    for path in files {
        bar.set_message(path.display().to_string());
        let mut stats = Stats::default();
        match newsloc::xliff::visit_path(path, &mut stats) {
            Ok(()) => bar.suspend(|| {
                println!(
                    "{}: valid XLIFF, {} file(s), {} unit(s), {} segment(s)",
                    path.display(),
                    stats.files,
                    stats.units,
                    stats.segments
                )
            }),
            Err(e) => {
                bad += 1;
                let e = e.with_file(path);
                bar.suspend(|| match &e {
                    newsloc::Error::Rejected { problems } => {
                        eprintln!(
                            "{}: invalid, {} problem(s):",
                            path.display(),
                            problems.len()
                        );
                        for p in problems {
                            eprintln!("  {p}");
                        }
                    }
                    other => eprintln!("{other}"),
                });
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if bad > 0 {
        anyhow::bail!("{bad} of {} file(s) invalid", files.len());
    }
    Ok(())
}

fn stats(files: &[PathBuf]) -> Result<()> {
    for path in files {
        let mut stats = Stats::default();
        newsloc::xliff::visit_path(path, &mut stats)?;
        println!("{}", path.display());
        println!("  files     {}", stats.files);
        println!("  units     {}", stats.units);
        println!(
            "  segments  {} ({} with a target)",
            stats.segments, stats.segments_with_target
        );
        println!("  words     {}", stats.source_words);
        for state in [
            State::Initial,
            State::Translated,
            State::Reviewed,
            State::Final,
        ] {
            println!("    {:<10} {}", state.as_str(), stats.words_in(state));
        }
    }
    Ok(())
}

/// A progress bar on stderr for batches (hidden when stderr is not a
/// terminal, and for single items).
fn progress(len: usize) -> ProgressBar {
    if len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

fn read_article(path: &Path) -> Result<Article> {
    Ok(newsloc::read_article(path)?)
}

/// Writes `text` to `output`, or to standard output.
fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("{}: cannot write", path.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .context("cannot write to standard output")
        }
    }
}
