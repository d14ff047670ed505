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
use newsloc::{Article, Exporter, ImportOptions, Leverage, Segmenter, Untranslated, WireReader};
use unic_langid::LanguageIdentifier;

#[derive(Parser)]
#[command(
    name = "newsloc",
    version,
    about = "Make news stories translation-ready"
)]
struct Cli {
    /// The store: a SQLite file or a postgres:// URL (default: the
    /// environment variable NEWSLOC_STORE, else newsloc.db here).
    #[arg(long, global = true, value_name = "PATH_OR_URL")]
    store: Option<String>,
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
        /// The language the story is written in (default: from its script:
        /// Hangul Korean, kana Japanese, Han Chinese, Arabic, Cyrillic
        /// Russian; else English).
        #[arg(long)]
        lang: Option<LanguageIdentifier>,
    },
    /// Render an article (JSON form or wire copy).
    Render {
        /// The article: its JSON form or a wire-copy story.
        article: PathBuf,
        /// Output format: wire, html, ninjs or json.
        #[arg(long = "as", default_value = "wire")]
        format: newsloc::render::Format,
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
    /// target language, DIR/<id>.v<version>.<lang>.xlf (the id made safe as
    /// a file name: docs/cli.md); prints each path. A file there that holds
    /// translations the export would replace is refused (--force).
    /// An argument that is not an existing file is an article id in the
    /// store: its newest version goes out, re-using earlier translations
    /// and the translation memory, and the export is recorded.
    Export {
        /// Articles: JSON form or wire copy, or ids in the store.
        #[arg(required_unless_present = "stale", value_name = "ARTICLE|ID")]
        articles: Vec<PathBuf>,
        /// Export from the store every article whose translation into a
        /// target language is stale or missing (not current, not out).
        #[arg(long, conflicts_with = "articles")]
        stale: bool,
        /// Target languages, comma-separated (ko,ja,zh-Hant).
        #[arg(long, value_delimiter = ',', required = true)]
        to: Vec<LanguageIdentifier>,
        /// XLIFF version: 1.2, 2.0, 2.1 or 2.2.
        #[arg(long, default_value = "2.0")]
        xliff: Version,
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
        /// Length limit for the headline, in characters (1.2 maxwidth; 2.x
        /// the Size and Length Restriction module); checked at import.
        #[arg(long, value_name = "CHARS")]
        headline_limit: Option<usize>,
        /// Length limit for photo captions, in characters, as
        /// --headline-limit.
        #[arg(long, value_name = "CHARS")]
        caption_limit: Option<usize>,
        /// A translated file returned for an earlier version of the story
        /// (the file the import accepted); repeat for several, newest first.
        /// Unchanged sentences come filled in, changed ones with the old
        /// translation offered.
        #[arg(long, value_name = "PREVIOUS.xlf")]
        reuse: Vec<PathBuf>,
        /// Write the words per re-use category of every file as JSON here.
        #[arg(long, value_name = "FILE.json")]
        analysis: Option<PathBuf>,
        /// Write only the units that need a translator (fuzzy, new, or named
        /// by the editor's note); `import --reuse` completes the rest.
        #[arg(long)]
        only_changed: bool,
        /// The story id (default: the article's own, for wire copy the file
        /// name without its extension); one article only.
        #[arg(long)]
        id: Option<String>,
        /// Prefill targets: `source` writes each empty target as a copy of
        /// its source, in state initial (1.2 needs-translation), for tools
        /// that only offer segments with a target (OmegaT); the import
        /// treats a target still equal to its source as untranslated.
        #[arg(long, value_enum, value_name = "WHAT")]
        prefill: Option<Prefill>,
        /// Replace files in the output directory that hold translations
        /// (a returned file left there).
        #[arg(long)]
        force: bool,
    },
    /// Fill every target of an XLIFF file with a pseudo-translation
    /// (longer, accented, inline codes kept) to test the whole pipeline.
    Pseudo {
        /// The XLIFF file (1.2 or 2.x); `-` reads standard input.
        file: PathBuf,
        /// Write here instead of standard output (same XLIFF version).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace translations the file (or the output file) holds.
        #[arg(long)]
        force: bool,
    },
    /// Inspect XLIFF files.
    Xliff {
        #[command(subcommand)]
        command: XliffCommand,
    },
    /// Import a translated XLIFF file against its source article; prints the
    /// report, writes the translated article's JSON form. Given only XLIFF
    /// files (or directories of them), imports each into the store: the
    /// story and version come from the file.
    Import {
        /// ARTICLE FILE.xlf, or FILE.xlf... / DIR... for the store.
        #[arg(required = true, value_name = "ARTICLE FILE.xlf | FILE.xlf...")]
        files: Vec<PathBuf>,
        /// Write the translated article here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// What to do with untranslated units: error (refuse the import,
        /// listing every one), source (use the source text) or omit (leave
        /// the unit out; a photo keeps its credit and restrictions).
        #[arg(long, default_value = "error")]
        untranslated: Untranslated,
        /// Refuse the file when a translated target is below this state
        /// (no state, a fuzzy match or machine suggestion, a stale
        /// pre-translation count as below translated).
        #[arg(long, value_enum, value_name = "STATE")]
        require_state: Option<RequiredState>,
        /// A translated file returned for an earlier version: units the
        /// imported file leaves out are completed from it; repeat for
        /// several, newest first.
        #[arg(long, value_name = "PREVIOUS.xlf")]
        reuse: Vec<PathBuf>,
        /// The story id (default: the article's own, for wire copy the file
        /// name without its extension).
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        qa: QaArgs,
    },
    /// Compare two versions of a story: each unit unchanged, moved,
    /// changed (with its similarity), added or removed; the editor's note
    /// of NEW read as claims, and where note and text disagree.
    Diff {
        /// The earlier version (JSON form or wire copy).
        old: PathBuf,
        /// The later version (JSON form or wire copy).
        new: PathBuf,
        /// Print JSON (docs/versions.md) instead of a table.
        #[arg(long)]
        json: bool,
        /// The story id of wire-copy input, whose file names differ from
        /// version to version (default: the file name without its
        /// extension); a JSON form keeps its own id.
        #[arg(long)]
        id: Option<String>,
    },
    /// Add stories to the store (files or directories): a new article, or
    /// a new version of one; the same version with other content is
    /// refused. All or nothing.
    Add {
        /// Stories: wire copy or JSON form, or directories of them.
        #[arg(required = true)]
        stories: Vec<PathBuf>,
        /// The story id for wire copy (default: the file name without its
        /// extension).
        #[arg(long)]
        id: Option<String>,
    },
    /// Translation status per article and language: current, stale (with
    /// the units that changed), missing, out (exported, not returned).
    Status {
        /// Articles (default: all).
        ids: Vec<String>,
        /// Languages, comma-separated (default: every language the store
        /// has exported to or imported from).
        #[arg(long, value_delimiter = ',')]
        to: Vec<LanguageIdentifier>,
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// An article's versions, exports and translations.
    History {
        /// The article id.
        id: String,
    },
    /// Render a stored article version or translation.
    Show {
        /// The article id.
        id: String,
        /// The version (default: the newest).
        #[arg(long = "version", value_name = "N")]
        story_version: Option<u32>,
        /// Show the translation into this language.
        #[arg(long)]
        lang: Option<LanguageIdentifier>,
        /// Output format: wire, html, ninjs or json.
        #[arg(long = "as", default_value = "wire")]
        format: newsloc::render::Format,
    },
    /// Check or back up the store.
    #[command(name = "store")]
    StoreCmd {
        #[command(subcommand)]
        command: StoreCommand,
    },
    /// The translation memory: TMX in and out, lookups.
    Tm {
        #[command(subcommand)]
        command: TmCommand,
    },
    /// Check the text of a translated XLIFF file (ours or another tool's):
    /// figures, names, quotes, untranslated text, hygiene. Prints every
    /// finding; exit 1 when one refuses the translation under the policy.
    Qa {
        /// The translated XLIFF files (1.2 or 2.x).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        qa: QaArgs,
    },
    /// Write a bilingual review page: source and target side by side per
    /// unit, findings highlighted at their place.
    Review {
        /// The source article (JSON form or wire copy).
        source: PathBuf,
        /// The translation: a returned XLIFF file, the JSON form of the
        /// translated article, or a JSON map of unit id to translation.
        translation: PathBuf,
        /// Write the page here.
        #[arg(short, long, required = true)]
        output: PathBuf,
        /// The target language, for a map of translations (default: from
        /// the file name, NAME.LANG.json).
        #[arg(long)]
        lang: Option<LanguageIdentifier>,
        #[command(flatten)]
        qa: QaArgs,
    },
}

#[derive(Subcommand)]
enum StoreCommand {
    /// Verify integrity: the database's own check, foreign keys, the text
    /// index, every translation's source version.
    Check,
    /// Write a consistent copy of the store to a new file while others
    /// write.
    Backup {
        /// The new file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum TmCommand {
    /// Import TMX files (1.1 to 1.4b, read tolerantly) into the memory.
    Import {
        /// The TMX files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write one language pair of the memory as TMX 1.4b.
    Export {
        /// Source language.
        #[arg(long)]
        from: LanguageIdentifier,
        /// Target language.
        #[arg(long)]
        to: LanguageIdentifier,
        /// The TMX file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Candidates for a text, with scores.
    Lookup {
        /// The source text.
        text: String,
        /// Source language.
        #[arg(long)]
        from: LanguageIdentifier,
        /// Target language.
        #[arg(long)]
        to: LanguageIdentifier,
    },
}

/// The text checks' policy, shared by `import`, `qa` and `review`.
#[derive(clap::Args)]
struct QaArgs {
    /// Which findings refuse: errors (default), errors and warnings
    /// (strict), none and no checks at all (off).
    #[arg(long = "qa", value_enum, default_value_t = QaMode::Default)]
    qa_mode: QaMode,
    /// Set one check's level: ID=error|warning|info|off (repeatable).
    #[arg(long = "check", value_name = "ID=LEVEL")]
    checks: Vec<String>,
    /// A glossary to enforce: CSV (header of language tags) or TBX.
    #[arg(long, value_name = "FILE")]
    glossary: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum QaMode {
    /// Errors and warnings refuse.
    Strict,
    /// Errors refuse.
    Default,
    /// No checks.
    Off,
}

impl QaArgs {
    fn checker(&self) -> Result<newsloc::qa::Checker> {
        let mut c = newsloc::qa::Checker::new();
        c.mode(match self.qa_mode {
            QaMode::Strict => newsloc::qa::Mode::Strict,
            QaMode::Default => newsloc::qa::Mode::Default,
            QaMode::Off => newsloc::qa::Mode::Off,
        });
        for spec in &self.checks {
            c.set_str(spec)?;
        }
        if let Some(path) = &self.glossary {
            c.glossary(newsloc::qa::Glossary::from_path(path)?);
        }
        Ok(c)
    }
}

fn qa_files(files: &[PathBuf], json: bool, args: &QaArgs) -> Result<()> {
    let checker = args.checker()?;
    let mut refused = 0;
    let mut all = Vec::new();
    for path in files {
        let doc = read_xliff(path)?;
        for story in newsloc::qa::Story::from_document(&doc) {
            for f in checker.check(&story) {
                let refuses = checker.refuses(&f);
                refused += usize::from(refuses);
                if json {
                    all.push(serde_json::json!({
                        "file": path.display().to_string(),
                        "target_language": story.target_lang,
                        "refuses": refuses,
                        "finding": f,
                    }));
                } else {
                    println!("{}: {f}", path.display());
                }
            }
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&all)?;
        println!("{text}");
    }
    if refused > 0 {
        anyhow::bail!("{refused} finding(s) refuse the translation");
    }
    Ok(())
}

#[derive(Subcommand)]
enum XliffCommand {
    /// Read and validate any XLIFF file (1.0 to 2.2); prints a one-line
    /// summary, or the problems with their positions (the first 50, then a
    /// count; exit 1).
    Check {
        /// The XLIFF files; a directory is every file in it, in name order;
        /// `-` is standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The lenient read: exit 0 when every file could be read, rule
        /// violations printed as warnings.
        #[arg(long)]
        lenient: bool,
    },
    /// Files, units, segments, source words, and words by state.
    Stats {
        /// The XLIFF files; a directory is every file in it, in name order;
        /// `-` is standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write an XLIFF file as another version. What the other version has
    /// no place for is recorded so that converting back restores it; a
    /// newsloc export stays importable.
    Convert {
        /// The XLIFF file (1.0 to 2.2); `-` reads standard input.
        file: PathBuf,
        /// The version to write: 1.2, 2.0, 2.1 or 2.2.
        #[arg(long)]
        to: Version,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Prefill {
    /// Each target a copy of its source.
    Source,
}

#[derive(Clone, Copy, ValueEnum)]
enum RequiredState {
    /// Translated, reviewed or final.
    Translated,
    /// Reviewed or final.
    Reviewed,
    /// Final.
    Final,
}

impl RequiredState {
    fn state(self) -> State {
        match self {
            RequiredState::Translated => State::Translated,
            RequiredState::Reviewed => State::Reviewed,
            RequiredState::Final => State::Final,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let message = e.to_string();
            eprintln!("newsloc: error: {message}");
            let mut source = e.source();
            while let Some(s) = source {
                // The library's messages, and most I/O ones, already say
                // their cause: a cause is printed only when it adds words.
                let cause = s.to_string();
                if s.downcast_ref::<newsloc::Error>().is_none() && !message.contains(&cause) {
                    eprintln!("  caused by: {cause}");
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
            let lang = lang.or_else(|| {
                std::fs::read(&story)
                    .ok()
                    .and_then(|b| WireReader::language_of(&String::from_utf8_lossy(&b)))
            });
            if let Some(lang) = lang {
                reader.language(lang);
            }
            if let Some(id) = id {
                reader.id(id);
            }
            if let Some(v) = story_version {
                reader.version(v);
            }
            let (article, warnings) = if is_stdin(&story) {
                let bytes = read_input(&story)?;
                let text = String::from_utf8(bytes).context("standard input: not UTF-8")?;
                reader
                    .read_str_with_warnings(&text)
                    .map_err(|e| e.with_file(&story))?
            } else {
                reader.read_path_with_warnings(&story)?
            };
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
            let text = newsloc::render::render(&article, source.as_ref(), format, &localizer)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            emit(output.as_deref(), &text)
        }
        Command::Ninjs { item, output } => {
            let json = String::from_utf8(read_input(&item)?)
                .with_context(|| format!("{}: not UTF-8", item.display()))?;
            let article = newsloc::ninjs::from_str(&json).map_err(|e| e.with_file(&item))?;
            emit(output.as_deref(), &article.to_json())
        }
        Command::Export {
            articles,
            stale,
            to,
            xliff,
            output,
            no_segment,
            srx,
            unit_per_sentence,
            headline_limit,
            caption_limit,
            reuse,
            analysis,
            only_changed,
            id,
            prefill,
            force,
        } => {
            if id.is_some() && articles.len() > 1 {
                clap::Command::new("newsloc")
                    .error(
                        clap::error::ErrorKind::ArgumentConflict,
                        "--id names one story: give one article",
                    )
                    .exit();
            }
            let mut exporter = Exporter::new();
            exporter
                .version(xliff)
                .segmentation(!no_segment)
                .unit_per_sentence(unit_per_sentence)
                .only_changed(only_changed)
                .prefill_source(matches!(prefill, Some(Prefill::Source)));
            if let Some(n) = headline_limit {
                exporter.headline_limit(n);
            }
            if let Some(n) = caption_limit {
                exporter.caption_limit(n);
            }
            if let Some(srx) = srx {
                // the rules apply to the source language; all articles of a
                // batch are read first to know it
                let first = read_article(&articles[0])?;
                exporter.segmenter(Segmenter::from_srx_file(&srx, &first.language)?);
            }
            let (files, ids): (Vec<PathBuf>, Vec<PathBuf>) = articles
                .into_iter()
                .partition(|p| p.is_file() || is_stdin(p));
            if !files.is_empty() {
                let reuse = read_reused(&reuse)?;
                export(
                    &files,
                    &to,
                    &exporter,
                    &output,
                    &reuse,
                    analysis.as_deref(),
                    id.as_deref(),
                    force,
                )?;
            }
            if !ids.is_empty() || stale {
                store_export(
                    cli.store.as_deref(),
                    stale,
                    &ids,
                    &to,
                    &exporter,
                    &output,
                    analysis.as_deref(),
                    force,
                )?;
            }
            Ok(())
        }
        Command::Pseudo {
            file,
            output,
            force,
        } => {
            let mut doc = read_xliff(&file)?;
            if !force && newsloc::xliff::has_translations(&doc) {
                anyhow::bail!(
                    "{}: holds translations, which pseudo would replace; nothing written \
                     (--force replaces them)",
                    file.display()
                );
            }
            newsloc::xliff::pseudo_translate(&mut doc);
            if let (Some(out), false) = (&output, force) {
                newsloc::store::check_overwrite(out, &doc)?;
            }
            emit(output.as_deref(), &doc.to_xml()?)
        }
        Command::Xliff { command } => match command {
            XliffCommand::Check { files, lenient } => check(&expand_all(&files)?, lenient),
            XliffCommand::Stats { files } => stats(&expand_all(&files)?),
            XliffCommand::Convert { file, to, output } => {
                let mut doc = if is_stdin(&file) {
                    read_xliff(&file)?
                } else {
                    // The head is looked at first, for the plain "not XML"
                    // messages; the library then reads the file into the
                    // buffer the document's strings share.
                    not_xml_head(&file, &mut open_input(&file)?)?;
                    Document::from_path(&file)?
                };
                doc.convert(to);
                let written = match output {
                    // Streamed to the file as it is written, replacing it
                    // in one step.
                    Some(out) => Ok(doc.to_path(&out)?),
                    None => emit(None, &doc.to_xml()?),
                };
                // The process ends here: freeing a large document's many
                // small allocations one by one would only delay it (0.18 s
                // of 1.36 s for a 105 MB file).
                std::mem::forget(doc);
                written
            }
        },
        Command::Qa { files, json, qa } => qa_files(&expand_all(&files)?, json, &qa),
        Command::Review {
            source,
            translation,
            output,
            lang,
            qa,
        } => {
            let checker = qa.checker()?;
            let source = read_article(&source)?;
            let page =
                newsloc::qa::Review::from_path(&source, &translation, lang.as_ref(), &checker)?;
            emit(Some(&output), &page.to_html())
        }
        Command::Import {
            files,
            output,
            untranslated,
            require_state,
            reuse,
            id,
            qa,
        } => {
            let require_state = require_state.map(RequiredState::state);
            if files.len() != 2 || looks_like_xliff(&files[0]) {
                return store_import(cli.store.as_deref(), &files, untranslated, require_state);
            }
            let (article, xliff) = (files[0].clone(), files[1].clone());
            let mut source = read_article(&article)?;
            if let Some(id) = id {
                source.id = id;
            }
            let bytes = read_input(&xliff)?;
            not_xml(&xliff, &bytes)?;
            // the lenient read: what a tool bent without changing the
            // meaning is reported, the rest refused
            let (doc, tool_findings) = newsloc::read_returned(&bytes)
                .map_err(|e| anyhow::anyhow!("{}", e.with_file(&xliff)))?;
            let reuse = read_reused(&reuse)?;
            let mut leverage = Leverage::new();
            for (_, d) in &reuse {
                leverage.previous(d);
            }
            let mut options = ImportOptions::new();
            options.untranslated(untranslated);
            options.qa(qa.checker()?);
            options.require_state(require_state);
            let mut imported =
                newsloc::import_with(&doc, &source, &options, &leverage).map_err(|e| {
                    let e = newsloc::locate_units(e, &bytes).with_file(&xliff);
                    anyhow::anyhow!("{}: {e}", xliff.display())
                })?;
            imported.report.findings.splice(0..0, tool_findings);
            eprintln!("{}: {}", xliff.display(), imported.report);
            emit(output.as_deref(), &imported.article.to_json())
        }
        Command::Add { stories, id } => store_add(cli.store.as_deref(), &stories, id.as_deref()),
        Command::Status { ids, to, json } => store_status(cli.store.as_deref(), &ids, &to, json),
        Command::History { id } => store_history(cli.store.as_deref(), &id),
        Command::Show {
            id,
            story_version,
            lang,
            format,
        } => store_show(
            cli.store.as_deref(),
            &id,
            story_version,
            lang.as_ref(),
            format,
        ),
        Command::StoreCmd { command } => match command {
            StoreCommand::Check => store_check(cli.store.as_deref()),
            StoreCommand::Backup { file } => store_backup(cli.store.as_deref(), &file),
        },
        Command::Tm { command } => match command {
            TmCommand::Import { files } => tm_import(cli.store.as_deref(), &files),
            TmCommand::Export { from, to, output } => {
                tm_export(cli.store.as_deref(), &from, &to, &output)
            }
            TmCommand::Lookup { text, from, to } => {
                tm_lookup(cli.store.as_deref(), &text, &from, &to)
            }
        },
        Command::Diff { old, new, json, id } => diff(&old, &new, json, id.as_deref()),
    }
}

#[allow(clippy::too_many_arguments)]
fn export(
    articles: &[PathBuf],
    targets: &[LanguageIdentifier],
    exporter: &Exporter,
    dir: &Path,
    reuse: &[(PathBuf, Document)],
    analysis_out: Option<&Path>,
    id: Option<&str>,
    force: bool,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let read: Vec<(&PathBuf, Article)> = articles
        .iter()
        .map(|p| {
            let mut a = read_article(p)?;
            if let Some(id) = id {
                a.id = id.to_string();
            }
            Ok((p, a))
        })
        .collect::<Result<_>>()?;
    let fits = |doc: &Document, article: &Article, lang: &LanguageIdentifier| {
        newsloc::identify(doc).iter().any(|f| {
            f.article == article.id
                && f.target
                    .as_deref()
                    .and_then(|t| t.parse::<LanguageIdentifier>().ok())
                    .as_ref()
                    == Some(lang)
        })
    };
    // every file given for re-use belongs to a story and language exported
    // here (checked before anything is written)
    for (p, doc) in reuse {
        let used = read
            .iter()
            .any(|(_, a)| targets.iter().any(|l| fits(doc, a, l)));
        if !used {
            anyhow::bail!(
                "{}: not a returned file of any story and language exported here",
                p.display()
            );
        }
    }
    let bar = progress(articles.len() * targets.len());
    let mut analyses = Vec::new();
    // every file is made and checked before the first is written: all or
    // nothing
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for (path, article) in &read {
        for lang in targets {
            bar.set_message(format!("{} → {lang}", article.id));
            // the returned files of this story in this language, in the
            // order given (newest first)
            let mut leverage = Leverage::new();
            for (_, doc) in reuse {
                if fits(doc, article, lang) {
                    leverage.previous(doc);
                }
            }
            let export = exporter
                .export_with(article, lang, &leverage)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let out = dir.join(newsloc::store::output_name(
                &article.id,
                article.version,
                lang,
            ));
            let mut analysis = export.analysis;
            analysis.file = out.display().to_string();
            if export.document.units().next().is_none() {
                bar.suspend(|| {
                    eprintln!(
                        "{}: nothing needs a translator; no file written",
                        out.display()
                    )
                });
            } else {
                if !force {
                    newsloc::store::check_overwrite(&out, &export.document)?;
                }
                if writes.iter().any(|(p, _)| *p == out) {
                    anyhow::bail!(
                        "{}: two articles of this export map to this file; nothing written",
                        out.display()
                    );
                }
                writes.push((out, export.document.to_xml()?));
            }
            analyses.push(analysis);
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    for (out, xml) in &writes {
        std::fs::write(out, xml).with_context(|| format!("{}: cannot write", out.display()))?;
        println!("{}", out.display());
    }
    for analysis in &analyses {
        eprintln!("{analysis}");
    }
    if let Some(path) = analysis_out {
        std::fs::write(path, newsloc::Analysis::to_json(&analyses) + "\n")
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}

fn diff(old_path: &Path, new_path: &Path, json: bool, id: Option<&str>) -> Result<()> {
    // wire copy takes the id given; the JSON form (first non-blank byte
    // `{`, as read_article decides) has its own
    let read = |path: &Path| -> Result<Article> {
        let bytes = std::fs::read(path).unwrap_or_default();
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let is_json = body.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{');
        match id {
            Some(id) if !is_json => Ok(WireReader::new().id(id).read_path(path)?),
            _ => read_article(path),
        }
    };
    let old = read(old_path)?;
    let new = read(new_path)?;
    if old.id != new.id {
        anyhow::bail!(
            "{} is story {:?} but {} is story {:?}: diff compares two versions of one story \
             (for wire copy, give the id with --id)",
            old_path.display(),
            old.id,
            new_path.display(),
            new.id
        );
    }
    let diff = newsloc::versions::Diff::between(&old, &new);
    if json {
        let mut text = serde_json::to_string_pretty(&diff)?;
        text.push('\n');
        emit(None, &text)
    } else {
        emit(None, &diff.to_string())
    }
}

/// Reads the files given to `--reuse`.
fn read_reused(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Document)>> {
    paths
        .iter()
        .map(|p| Ok((p.clone(), read_xliff(p)?)))
        .collect()
}

/// `xliff check`: the strict read of each file (exit 1 when any has an
/// error), or with `lenient` the lenient read (exit 1 only when a file
/// cannot be read at all; rule violations are printed as warnings).
fn check(files: &[PathBuf], lenient: bool) -> Result<()> {
    use newsloc::xliff::Severity;
    let mut bad = 0;
    let bar = progress(files.len());
    for path in files {
        bar.set_message(path.display().to_string());
        let mut stats = Counts::default();
        let read = open_input(path).and_then(|mut b| {
            not_xml_head(path, &mut b)?;
            Ok(b)
        });
        let input = match read {
            Ok(b) => b,
            Err(e) => {
                bad += 1;
                bar.suspend(|| eprintln!("{e:#}"));
                bar.inc(1);
                continue;
            }
        };
        match visit_input(path, input, &mut stats) {
            Ok(mut problems) => {
                for p in &mut problems {
                    p.location.file.get_or_insert_with(|| path.clone());
                }
                let errors = problems.iter().filter(|p| p.is_error()).count();
                let warnings = problems.len() - errors;
                let valid = errors == 0;
                if !valid && !lenient {
                    bad += 1;
                }
                bar.suspend(|| {
                    let verdict = match (valid, lenient) {
                        (true, _) => "valid XLIFF".to_string(),
                        (false, true) => format!("read, not valid XLIFF ({errors} error(s))"),
                        (false, false) => format!("invalid, {errors} error(s)"),
                    };
                    let out = format!(
                        "{}: {verdict}, {} file(s), {} unit(s), {} segment(s){}",
                        path.display(),
                        stats.files,
                        stats.units,
                        stats.segments,
                        if warnings > 0 {
                            format!(", {warnings} warning(s)")
                        } else {
                            String::new()
                        }
                    );
                    if valid || lenient {
                        println!("{out}");
                    } else {
                        eprintln!("{out}:");
                    }
                    for (n, p) in problems.iter().enumerate() {
                        if n == MAX_PROBLEMS {
                            eprintln!("  ... and {} more problem(s)", problems.len() - n);
                            break;
                        }
                        let severity = if lenient || p.severity == Severity::Warning {
                            "warning"
                        } else {
                            "error"
                        };
                        eprintln!("  {severity}: {p}");
                    }
                });
            }
            Err(e) => {
                bad += 1;
                let e = e.with_file(path);
                bar.suspend(|| eprintln!("{e}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if bad > 0 {
        anyhow::bail!(
            "{bad} of {} file(s) {}",
            files.len(),
            if lenient { "unreadable" } else { "invalid" }
        );
    }
    Ok(())
}

/// What `xliff check` reports of a file: its files, units and segments
/// (not the words [`Stats`] counts, which `check` does not print).
#[derive(Default)]
struct Counts {
    files: usize,
    units: usize,
    segments: usize,
}

impl newsloc::xliff::Visitor for Counts {
    fn file(&mut self, _file: newsloc::xliff::File) {
        self.files += 1;
    }
    fn unit(&mut self, unit: newsloc::xliff::Unit) {
        self.units += 1;
        self.segments += unit.segments().count();
    }
}

/// At most this many problems are printed per file, then a count.
const MAX_PROBLEMS: usize = 50;

fn stats(files: &[PathBuf]) -> Result<()> {
    for path in files {
        let mut stats = Stats::default();
        let mut input = open_input(path)?;
        not_xml_head(path, &mut input)?;
        let problems = visit_input(path, input, &mut stats).map_err(|e| e.with_file(path))?;
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
        let errors = problems.iter().filter(|p| p.is_error()).count();
        if !problems.is_empty() {
            println!(
                "  problems  {errors} error(s), {} warning(s) (see xliff check)",
                problems.len() - errors
            );
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
    if !is_stdin(path) {
        return Ok(newsloc::read_article(path)?);
    }
    let bytes = read_input(path)?;
    let text = String::from_utf8(bytes).context("standard input: not UTF-8")?;
    let body = text.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('{') {
        Ok(Article::from_json(body).map_err(|e| e.with_file(path))?)
    } else {
        Ok(WireReader::new()
            .read_str(body)
            .map_err(|e| e.with_file(path))?)
    }
}

/// `-`, standard input, where a file is expected.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of a file named on the command line (`-`: standard input).
fn read_input(path: &Path) -> Result<Vec<u8>> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .context("standard input: cannot read")?;
        return Ok(bytes);
    }
    if path.is_dir() {
        anyhow::bail!("{}: cannot read: it is a directory", path.display());
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// How much of a file `xliff check` and `xliff stats` read at a time
/// (they read through a window of the text, not the whole file).
const READ_BUFFER: usize = 64 * 1024;

/// A buffered reader of a file named on the command line (`-`: standard
/// input).
fn open_input(path: &Path) -> Result<Box<dyn std::io::BufRead>> {
    if is_stdin(path) {
        return Ok(Box::new(std::io::BufReader::with_capacity(
            READ_BUFFER,
            std::io::stdin(),
        )));
    }
    if path.is_dir() {
        anyhow::bail!("{}: cannot read: it is a directory", path.display());
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(Box::new(std::io::BufReader::with_capacity(
        READ_BUFFER,
        file,
    )))
}

/// Streams the XLIFF file `path` (read by `input`, standard input for
/// `-`) to `visitor`: a file through `visit_path`, which names it in the
/// error and the problems.
fn visit_input(
    path: &Path,
    input: Box<dyn std::io::BufRead>,
    visitor: &mut impl newsloc::xliff::Visitor,
) -> std::result::Result<Vec<newsloc::xliff::Problem>, newsloc::xliff::Error> {
    if is_stdin(path) {
        newsloc::xliff::visit_reader(input, visitor)
    } else {
        drop(input);
        newsloc::xliff::visit_path(path, visitor)
    }
}

/// [`not_xml`] on the start of `input` (left unread): a start of only
/// white space as long as the buffer is left to the XML reader.
fn not_xml_head(path: &Path, input: &mut Box<dyn std::io::BufRead>) -> Result<()> {
    let head = input
        .fill_buf()
        .with_context(|| format!("{}: cannot read", path.display()))?;
    if head.len() >= READ_BUFFER && head.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    not_xml(path, head)
}

/// Refuses bytes that cannot be XML: XML starts with `<` (after a byte
/// order mark and white space), or is UTF-16.
fn not_xml(path: &Path, bytes: &[u8]) -> Result<()> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Ok(());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Ok(()),
        None => anyhow::bail!("{}: not XML: the file is empty", path.display()),
        Some(b'{' | b'[') => anyhow::bail!(
            "{}: not XML: it is JSON (an article's JSON form?), not an XLIFF file",
            path.display()
        ),
        Some(_) => anyhow::bail!("{}: not XML: an XLIFF file starts with `<`", path.display()),
    }
}

/// Reads an XLIFF document from a file named on the command line (`-`:
/// standard input).
fn read_xliff(path: &Path) -> Result<Document> {
    let bytes = read_input(path)?;
    xliff_from_bytes(path, &bytes)
}

fn xliff_from_bytes(path: &Path, bytes: &[u8]) -> Result<Document> {
    not_xml(path, bytes)?;
    Ok(Document::from_slice(bytes).map_err(|e| e.with_file(path))?)
}

/// Files given, with each directory replaced by every file in it (not
/// hidden ones, not subdirectories), in name order.
fn expand_all(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("{}: cannot read the directory", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && !f
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with('.'))
                })
                .collect();
            found.sort();
            if found.is_empty() {
                anyhow::bail!("{}: no files in the directory", p.display());
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
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

// ------------------------------------------------------------------ store
// The store subcommands: argument handling and printing; the work is in
// `newsloc::store`.

fn open_store(location: Option<&str>) -> Result<Box<dyn newsloc::Store>> {
    let location = match location {
        Some(l) => l.to_string(),
        None => std::env::var("NEWSLOC_STORE").unwrap_or_else(|_| "newsloc.db".into()),
    };
    Ok(newsloc::store::open(&location)?)
}

/// Whether a file is XLIFF rather than an article: it starts with `<` (after
/// a BOM and white space) or is UTF-16.
fn looks_like_xliff(path: &Path) -> bool {
    if path.is_dir() {
        return true;
    }
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut buf = [0u8; 512];
    let n = std::io::Read::read(&mut f, &mut buf).unwrap_or(0);
    let head = &buf[..n];
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Files given, with directories replaced by their files whose extension is
/// one of `exts`, sorted.
fn expand(paths: &[PathBuf], exts: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("{}: cannot read the directory", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| exts.contains(&e))
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn store_add(location: Option<&str>, stories: &[PathBuf], id: Option<&str>) -> Result<()> {
    use rayon::prelude::*;
    let files = expand(stories, &["txt", "json"])?;
    let bar = progress(files.len());
    bar.set_message("reading");
    let read: Vec<(PathBuf, newsloc::Result<Article>)> = files
        .par_iter()
        .map(|path| {
            let a = newsloc::read_article(path).map(|mut a| {
                if let Some(id) = id {
                    a.id = id.to_string();
                }
                a
            });
            bar.inc(1);
            (path.clone(), a)
        })
        .collect();
    bar.finish_and_clear();
    let mut articles = Vec::new();
    let mut bad = 0;
    for (path, a) in read {
        match a {
            Ok(a) => articles.push(a),
            Err(e) => {
                bad += 1;
                eprintln!("{}", e.with_file(&path));
            }
        }
    }
    if bad > 0 {
        anyhow::bail!(
            "{bad} of {} stories could not be read; nothing added",
            files.len()
        );
    }
    let store = open_store(location)?;
    let added = store.add(&articles)?;
    for (a, what) in articles.iter().zip(added) {
        let what = match what {
            newsloc::store::Added::New => "new article".to_string(),
            newsloc::store::Added::Version { previous } => {
                format!("new version (newest was v{previous})")
            }
            newsloc::store::Added::Unchanged => "already in the store, unchanged".to_string(),
            _ => "added".to_string(),
        };
        println!("{} v{}: {what}", a.id, a.version);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn store_export(
    location: Option<&str>,
    stale: bool,
    ids: &[PathBuf],
    targets: &[LanguageIdentifier],
    exporter: &Exporter,
    dir: &Path,
    analysis_out: Option<&Path>,
    force: bool,
) -> Result<()> {
    use newsloc::store::StatusKind;
    use rayon::prelude::*;
    let store = open_store(location)?;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let jobs: Vec<(String, LanguageIdentifier)> = if stale {
        store
            .status(&[], targets)?
            .into_iter()
            .filter(|s| matches!(s.kind, StatusKind::Stale | StatusKind::Missing))
            .map(|s| (s.article, s.language))
            .collect()
    } else {
        ids.iter()
            .flat_map(|id| {
                let id = id.to_string_lossy().into_owned();
                targets.iter().map(move |l| (id.clone(), l.clone()))
            })
            .collect()
    };
    if stale && jobs.is_empty() {
        eprintln!("nothing is stale or missing");
    }
    let bar = progress(jobs.len());
    // re-use and segmentation on all cores; the store serialises its reads
    // and writes
    let results: Vec<Result<newsloc::store::Exported>> = jobs
        .par_iter()
        .map(|(id, lang)| {
            let r = newsloc::store::export_to_dir(&*store, exporter, id, lang, dir, force).map_err(
                |e| match e {
                    newsloc::Error::Store { message } if message.ends_with("not in the store") => {
                        anyhow::anyhow!("{id}: no such file, and {message}")
                    }
                    e => e.into(),
                },
            );
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut analyses = Vec::new();
    for r in results {
        let out = r?;
        match &out.path {
            Some(path) => println!("{}", path.display()),
            None => eprintln!(
                "{}: nothing needs a translator; no file written",
                out.analysis.file
            ),
        }
        eprintln!("{}", out.analysis);
        analyses.push(out.analysis);
    }
    if let Some(path) = analysis_out {
        std::fs::write(path, newsloc::Analysis::to_json(&analyses) + "\n")
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}

fn store_import(
    location: Option<&str>,
    files: &[PathBuf],
    policy: Untranslated,
    require_state: Option<State>,
) -> Result<()> {
    use rayon::prelude::*;
    let files = expand(files, &["xlf", "xliff", "xml"])?;
    let store = open_store(location)?;
    let mut options = ImportOptions::new();
    options.untranslated(policy);
    options.require_state(require_state);
    let bar = progress(files.len());
    // reading, parsing and checking run on all cores; the store serialises
    // the writes, each file its own transaction
    let stdin = match files.iter().any(|p| is_stdin(p)) {
        true => read_input(Path::new("-"))?,
        false => Vec::new(),
    };
    let results: Vec<(PathBuf, newsloc::Result<newsloc::store::ImportResult>)> = files
        .par_iter()
        .map(|path| {
            let r = if is_stdin(path) {
                newsloc::store::import_bytes(&*store, &stdin, &options)
                    .map_err(|e| e.with_file(path))
            } else {
                newsloc::store::import_file(&*store, path, &options)
            };
            bar.inc(1);
            (path.clone(), r)
        })
        .collect();
    bar.finish_and_clear();
    let mut bad = 0;
    for (path, r) in &results {
        match r {
            Ok(r) => {
                let rec = &r.recorded;
                if rec.already {
                    println!(
                        "{}: {} v{} {}: already imported, nothing changed",
                        path.display(),
                        r.article,
                        r.version,
                        r.language
                    );
                    continue;
                }
                let stale = if rec.latest_version > r.version {
                    format!(
                        "; stale: the newest version is v{} (the translation is kept)",
                        rec.latest_version
                    )
                } else {
                    String::new()
                };
                println!(
                    "{}: {} v{} {}: imported, {}; translation memory: {} new pair(s), {} use(s){stale}",
                    path.display(),
                    r.article,
                    r.version,
                    r.language,
                    r.report,
                    rec.tm_new,
                    rec.tm_uses
                );
            }
            Err(e) => {
                bad += 1;
                eprintln!("{e}");
            }
        }
    }
    if bad > 0 {
        anyhow::bail!(
            "{bad} of {} file(s) rejected; nothing written for them",
            results.len()
        );
    }
    Ok(())
}

/// "3 min ago", from seconds since the epoch.
fn ago(when: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let s = (now - when).max(0);
    match s {
        0..60 => format!("{s} s ago"),
        60..3600 => format!("{} min ago", s / 60),
        3600..86400 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86400),
    }
}

fn store_status(
    location: Option<&str>,
    ids: &[String],
    langs: &[LanguageIdentifier],
    json: bool,
) -> Result<()> {
    let store = open_store(location)?;
    let status = store.status(ids, langs)?;
    if json {
        return emit(None, &(serde_json::to_string_pretty(&status)? + "\n"));
    }
    if status.is_empty() {
        println!("no translations or exports yet (name languages with --to)");
    }
    for st in &status {
        let mut detail = match st.translated_version {
            Some(v) => format!("translation of v{v} (newest v{})", st.latest_version),
            None => format!("no translation (newest v{})", st.latest_version),
        };
        if let (Some(v), Some(at)) = (st.exported_version, st.exported_at) {
            detail.push_str(&format!("; v{v} exported {}", ago(at)));
        }
        if !st.changed_units.is_empty() {
            detail.push_str(&format!("; changed: {}", st.changed_units.join(", ")));
        }
        println!(
            "{}\t{}\t{}\t{detail}",
            st.article,
            st.language,
            st.kind.as_str()
        );
    }
    Ok(())
}

fn store_history(location: Option<&str>, id: &str) -> Result<()> {
    let store = open_store(location)?;
    let h = store.history(id)?;
    println!("{}", h.article);
    for v in &h.versions {
        println!(
            "  v{}  added {}  {} unit(s){}{}",
            v.version,
            ago(v.added),
            v.units,
            v.update_tag
                .as_ref()
                .map(|t| format!("  {t}"))
                .unwrap_or_default(),
            v.note
                .as_ref()
                .map(|n| format!("  ({n})"))
                .unwrap_or_default()
        );
    }
    for e in &h.exports {
        println!(
            "  exported v{} → {}  {}  file {}",
            e.version,
            e.language,
            ago(e.exported),
            &e.file_hash[..16.min(e.file_hash.len())]
        );
    }
    for t in &h.translations {
        println!(
            "  imported {} of v{}  {}  file {}",
            t.language,
            t.version,
            ago(t.imported),
            &t.file_hash[..16.min(t.file_hash.len())]
        );
    }
    Ok(())
}

fn store_show(
    location: Option<&str>,
    id: &str,
    version: Option<u32>,
    lang: Option<&LanguageIdentifier>,
    format: newsloc::render::Format,
) -> Result<()> {
    let store = open_store(location)?;
    let (article, source) = match lang {
        None => (store.article(id, version)?, None),
        Some(lang) => {
            let t = store.translation(id, lang, version)?.ok_or_else(|| {
                anyhow::anyhow!(
                    "no {lang} translation of {id}{} in the store",
                    version.map(|v| format!(" version {v}")).unwrap_or_default()
                )
            })?;
            let latest = store.article(id, None)?.version;
            if t.version < latest {
                eprintln!(
                    "newsloc: note: this {lang} translation is of v{}; the newest version is v{latest} (stale)",
                    t.version
                );
            }
            (t.article, Some(store.article(id, Some(t.version))?))
        }
    };
    let locales = newsloc::Locales::embedded();
    let localizer = locales.localizer(&article.language);
    let text = newsloc::render::render(&article, source.as_ref(), format, &localizer)?;
    emit(None, &text)
}

fn store_check(location: Option<&str>) -> Result<()> {
    let store = open_store(location)?;
    let problems = store.check()?;
    if problems.is_empty() {
        println!("{}: ok", store.location());
        return Ok(());
    }
    for p in &problems {
        eprintln!("{}: {p}", store.location());
    }
    anyhow::bail!("{} problem(s) found", problems.len())
}

fn store_backup(location: Option<&str>, file: &Path) -> Result<()> {
    let store = open_store(location)?;
    store.backup(file)?;
    println!("{} → {}", store.location(), file.display());
    Ok(())
}

fn tm_lookup(
    location: Option<&str>,
    text: &str,
    from: &LanguageIdentifier,
    to: &LanguageIdentifier,
) -> Result<()> {
    let store = open_store(location)?;
    let hits = store.tm_lookup(&newsloc::Text::plain(text), from, to)?;
    if hits.is_empty() {
        println!("no candidates");
    }
    for h in &hits {
        println!(
            "{:>3}%{}\t{}\t{}\t({})",
            h.score,
            if h.figures_differ {
                " (figures differ)"
            } else {
                ""
            },
            h.source.to_plain_string(),
            h.target.to_plain_string(),
            h.origin
        );
    }
    Ok(())
}

fn tm_import(location: Option<&str>, files: &[PathBuf]) -> Result<()> {
    let store = open_store(location)?;
    let mut bad = 0;
    for path in files {
        match newsloc::store::import_tmx(&*store, path) {
            Ok(r) => {
                println!(
                    "{}: {} unit(s), {} pair(s) new, {} use(s), {} left out, {} warning(s)",
                    path.display(),
                    r.units,
                    r.added.new,
                    r.added.uses,
                    r.left_out + r.added.skipped,
                    r.warnings.len()
                );
                for w in &r.warnings {
                    eprintln!("{}: warning: {w}", path.display());
                }
            }
            Err(e) => {
                bad += 1;
                eprintln!("{e}");
            }
        }
    }
    if bad > 0 {
        anyhow::bail!(
            "{bad} of {} file(s) rejected; nothing written for them",
            files.len()
        );
    }
    Ok(())
}

fn tm_export(
    location: Option<&str>,
    from: &LanguageIdentifier,
    to: &LanguageIdentifier,
    output: &Path,
) -> Result<()> {
    let store = open_store(location)?;
    let n = newsloc::store::export_tmx_file(&*store, from, to, output)?;
    println!("{}: {n} unit(s) {from} → {to}", output.display());
    Ok(())
}
