//! `newsloc`: one command per step of making a story translation-ready.
//!
//! Exit codes: 0 on success, 1 when the input is rejected (the message on
//! stderr names the file and line), 2 on a usage error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use newsloc::{Article, WireReader};
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
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Wire copy.
    Wire,
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
            let article = reader.read_path(&story)?;
            emit(output.as_deref(), &article.to_json())
        }
        Command::Render {
            article,
            format,
            output,
        } => {
            let article = read_article(&article)?;
            let text = match format {
                Format::Wire => newsloc::render::to_wire(&article),
                Format::Json => article.to_json(),
            };
            emit(output.as_deref(), &text)
        }
    }
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
