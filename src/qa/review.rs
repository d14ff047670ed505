//! The bilingual review page: one self-contained HTML file (inline CSS and
//! script, no network, no fonts of its own).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use unic_langid::LanguageIdentifier;

use super::story::primary;
use super::{Checker, Finding, Severity, Story};
use crate::error::{Error, Location, Result};
use crate::html::write::escape;
use crate::model::{Article, Block, UnitKind};
use crate::xliff::Document;

/// A review page: the source article, the translation as a [`Story`], the
/// findings of a [`Checker`], and where re-used units came from.
///
/// # Examples
///
/// ```
/// use newsloc::qa::{Checker, Review, Story};
/// use newsloc::WireReader;
///
/// let story = "Ferries run again\n\nBUSAN, March 4 (Yonhap) -- 14 ships sailed.\n";
/// let article = WireReader::new().id("ferry").read_str(story)?;
/// let json = r#"{"headline": "여객선 운항 재개", "dateline-place": "부산", "p1": "선박 15척이 출항했다."}"#;
/// let story = Story::from_unit_map(&article, "ko", json)?;
/// let page = Review::new(&article, story, &Checker::new()).to_html();
/// assert!(page.contains(r#"data-check="number-changed""#));
/// assert!(page.contains(r#"<div class="trg" lang="ko" dir="ltr""#));
/// # Ok::<(), newsloc::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Review {
    source: Article,
    story: Story,
    findings: Vec<(Finding, bool)>,
    provenance: HashMap<String, String>,
}

impl Review {
    /// Runs `checker` on `story` and keeps what the page shows.
    pub fn new(source: &Article, story: Story, checker: &Checker) -> Review {
        let findings = checker
            .check(&story)
            .into_iter()
            .map(|f| {
                let r = checker.refuses(&f);
                (f, r)
            })
            .collect();
        let provenance = story
            .units
            .iter()
            .filter_map(|u| u.reused_from.clone().map(|r| (u.id.clone(), r)))
            .collect();
        Review {
            source: source.clone(),
            story,
            findings,
            provenance,
        }
    }

    /// Reads a translation of `source` from a file: a returned XLIFF file
    /// (re-used units marked as the import reports them), the JSON form of
    /// the translated article, or a JSON map of unit id to translation (the
    /// language from `lang`, else from a file name `NAME.LANG.json`).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read; the reading errors of
    /// the format, with the file name; [`Error::Model`] when the language
    /// of a map is unknown or the file has no translation of this article.
    pub fn from_path(
        source: &Article,
        path: &Path,
        lang: Option<&LanguageIdentifier>,
        checker: &Checker,
    ) -> Result<Review> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('<') {
            let doc = text.parse::<Document>().map_err(|e| e.with_file(path))?;
            return Review::from_document(source, &doc, checker).map_err(|e| e.with_file(path));
        }
        let value: serde_json::Value = serde_json::from_str(body).map_err(|e| Error::Json {
            location: Location {
                file: Some(path.to_path_buf()),
                position: Some(crate::error::Position {
                    byte: 0,
                    line: e.line() as u64,
                    column: e.column() as u64,
                }),
                unit: None,
            },
            message: e.to_string(),
        })?;
        let story = if value.get("format").is_some() || value.get("body").is_some() {
            let translation = Article::from_json(body).map_err(|e| e.with_file(path))?;
            Story::from_articles(source, &translation)?
        } else {
            let lang = match lang {
                Some(l) => l.to_string(),
                None => path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(|s| s.rsplit_once('.'))
                    .map(|(_, l)| l.to_string())
                    .filter(|l| l.parse::<LanguageIdentifier>().is_ok())
                    .ok_or_else(|| Error::Model {
                        unit: None,
                        message: format!(
                            "{}: which language is this translation in? name the file NAME.LANG.json or give --lang",
                            path.display()
                        ),
                    })?,
            };
            Story::from_unit_map(source, &lang, body).map_err(|e| e.with_file(path))?
        };
        Ok(Review::new(source, story, checker))
    }

    /// A review of a returned XLIFF file: the file for this article (or the
    /// only file), its units in story order; re-use provenance from the
    /// import report when the file imports.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when the document has no file for the article.
    pub fn from_document(source: &Article, doc: &Document, checker: &Checker) -> Result<Review> {
        let stories = Story::from_document(doc);
        let ours = doc.files.iter().position(|f| {
            f.metadata.as_ref().is_some_and(|m| {
                m.groups
                    .iter()
                    .any(|g| g.get("article") == Some(source.id.as_str()))
            }) || crate::xliff::attr_value(&f.attrs, "nl:article") == Some(source.id.as_str())
        });
        let index = match (ours, stories.len()) {
            (Some(i), _) => i,
            (None, 1) => 0,
            _ => {
                return Err(Error::Model {
                    unit: None,
                    message: format!("the file has no translation of article {}", source.id),
                });
            }
        };
        let mut story = stories.into_iter().nth(index).unwrap_or_default();
        // story order: the article's units first, in order, then the rest
        let order: Vec<String> = source.units().into_iter().map(|u| u.id).collect();
        story
            .units
            .sort_by_key(|u| order.iter().position(|o| *o == u.id).unwrap_or(usize::MAX));
        let mut review = Review::new(source, story, checker);
        let mut options = crate::ImportOptions::new();
        let mut off = Checker::new();
        off.mode(super::Mode::Off);
        options.qa(off).untranslated(crate::Untranslated::Source);
        if let Ok(imported) = crate::import(doc, source, &options) {
            for p in imported.report.provenance {
                if let Some(from) = p.reused_from {
                    review.provenance.insert(p.unit, from);
                }
            }
        }
        Ok(review)
    }

    /// Marks a unit as re-used from `from` (`port-reopens v1`), for data
    /// that comes from elsewhere (a store).
    pub fn provenance(&mut self, unit: &str, from: &str) -> &mut Review {
        self.provenance.insert(unit.to_string(), from.to_string());
        self
    }

    /// The findings shown, each with whether it refuses the translation.
    pub fn findings(&self) -> &[(Finding, bool)] {
        &self.findings
    }

    /// The page.
    pub fn to_html(&self) -> String {
        page(self)
    }
}

const CSS: &str = r#"
:root { --err: #b3261e; --warn: #8a5a00; --info: #3b5b8c; --line: #d6d6d6; --fixed: #f3f1ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR", "WenQuanYi Micro Hei", "DejaVu Sans", sans-serif; color: #1b1b1b; background: #fff; }
header.top { position: sticky; top: 0; z-index: 2; background: #fafafa; border-bottom: 1px solid var(--line); padding: .6rem 1rem; }
h1 { font-size: 1.15rem; margin: 0 0 .2rem; }
.summary { margin: 0; font-size: .95rem; }
.verdict { font-weight: 600; padding: 0 .4rem; border-radius: 3px; }
.verdict.refused { color: #fff; background: var(--err); }
.verdict.ok { color: #fff; background: #2e6b30; }
.keys { font-size: .85rem; color: #555; margin: .2rem 0 0; }
kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 .3rem; font-size: .8rem; background: #fff; }
main, section.fixed-parts { max-width: 78rem; margin: 0 auto; padding: 0 1rem; }
section.fixed-parts { margin-top: 1rem; background: var(--fixed); border: 1px dashed #b9b39c; border-radius: 4px; padding: .5rem 1rem; }
section.fixed-parts h2 { font-size: 1rem; margin: .2rem 0; }
dl.fixed { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .3rem 0; font-size: .92rem; }
dl.fixed dt { color: #555; }
dl.fixed dd { margin: 0; }
article.unit { border-bottom: 1px solid var(--line); padding: .8rem 0; }
article.unit h2 { font-size: .85rem; font-weight: 600; color: #555; margin: 0 0 .3rem; letter-spacing: .02em; }
.kind { font-weight: 400; }
.reused { display: inline-block; margin-left: .5rem; padding: 0 .4rem; border-radius: 3px; background: #e4eefc; color: #1f4f91; font-weight: 600; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.src, .trg { min-width: 0; overflow-wrap: anywhere; }
.src { color: #333; }
.trg[dir="rtl"] { text-align: right; font-size: 1.05rem; }
.missing { color: var(--err); font-style: italic; }
mark { background: #fff3b0; border-bottom: 2px solid var(--warn); padding: 0 1px; cursor: pointer; color: inherit; }
mark.sev-error { background: #fde0dc; border-bottom-color: var(--err); }
mark.sev-info { background: #e6eefa; border-bottom-color: var(--info); }
mark.current, li.current { outline: 3px solid #1a73e8; outline-offset: 1px; }
ol.findings { margin: .5rem 0 0; padding-left: 1.4rem; font-size: .92rem; }
ol.findings li { margin: .15rem 0; }
.sev { display: inline-block; min-width: 4.2rem; font-size: .78rem; font-weight: 700; text-transform: uppercase; }
li.sev-error .sev { color: var(--err); }
li.sev-warning .sev { color: var(--warn); }
li.sev-info .sev { color: var(--info); }
code.check { font-size: .85rem; background: #f1f1f1; padding: 0 .25rem; border-radius: 3px; }
.refuses { color: var(--err); font-weight: 600; }
footer { max-width: 78rem; margin: 1rem auto 2rem; padding: 0 1rem; color: #666; font-size: .85rem; }
@media (max-width: 720px) {
  body { font-size: 15px; }
  .pair { grid-template-columns: 1fr; gap: .4rem; }
  .src { padding-bottom: .3rem; border-bottom: 1px dotted var(--line); }
  .src::before, .trg::before { display: block; font-size: .75rem; color: #777; content: attr(data-label); }
  header.top { position: static; }
  .keys { display: none; }
}
@media print {
  header.top { position: static; background: none; border: 0; }
  .keys, footer .hint { display: none; }
  body { font-size: 11pt; }
  article.unit { break-inside: avoid; }
  mark { background: none !important; border-bottom: 1.5pt solid #000; }
  mark.sev-error { border-bottom-style: double; }
  mark.current, li.current { outline: none; }
  .verdict { border: 1pt solid #000; color: #000 !important; background: none !important; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var at = -1;
  function marks(li) { return document.querySelectorAll('mark[data-f="' + li.dataset.f + '"]'); }
  function show(i) {
    if (!items.length) return;
    if (at >= 0) {
      items[at].classList.remove("current");
      Array.prototype.forEach.call(marks(items[at]), function (m) { m.classList.remove("current"); });
    }
    at = (i + items.length) % items.length;
    var li = items[at], ms = marks(li);
    li.classList.add("current");
    Array.prototype.forEach.call(ms, function (m) { m.classList.add("current"); });
    var el = ms.length ? ms[ms.length - 1] : li;
    el.scrollIntoView({ block: "center" });
    li.focus({ preventScroll: true });
    document.getElementById("position").textContent = "finding " + (at + 1) + " of " + items.length;
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "j" || e.key === "n") { show(at + 1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { show(at - 1); e.preventDefault(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("mark[data-f]"), function (m) {
    m.addEventListener("click", function () {
      for (var i = 0; i < items.length; i++) if (items[i].dataset.f === m.dataset.f) { show(i); return; }
    });
  });
  document.body.setAttribute("data-ready", String(items.length));
  document.getElementById("position").textContent = items.length ? "press j for the first finding" : "";
})();
"#;

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// A segment's text with its findings' spans marked; overlapping spans
/// after the first are left to the list.
fn marked(text: &str, spans: &mut [(usize, usize, usize, Severity, String)]) -> String {
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, f, sev, title) in spans.iter() {
        let (start, end) = (*start, *end);
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        let _ = write!(
            out,
            "<mark class=\"f {}\" data-f=\"{f}\" title=\"{}\">{}</mark>",
            sev_class(*sev),
            escape(title),
            if start == end {
                "⁁".to_string()
            } else {
                escape(&text[start..end])
            }
        );
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

fn page(r: &Review) -> String {
    let src = &r.story.source_lang;
    let trg = &r.story.target_lang;
    let trg_id: Option<LanguageIdentifier> = trg.parse().ok();
    let dir = if matches!(
        primary(trg),
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "sd" | "ug"
    ) || trg_id
        .as_ref()
        .is_some_and(|l| l.character_direction() == unic_langid::CharacterDirection::RTL)
    {
        "rtl"
    } else {
        "ltr"
    };
    let src_dir = if matches!(primary(src), "ar" | "he" | "fa" | "ur") {
        "rtl"
    } else {
        "ltr"
    };
    let joiner = if matches!(primary(trg), "ja" | "zh" | "th") {
        ""
    } else {
        " "
    };
    let (mut errors, mut warnings, mut infos, mut refusing) = (0, 0, 0, 0);
    for (f, refuses) in &r.findings {
        match f.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => infos += 1,
        }
        refusing += usize::from(*refuses);
    }
    let mut out = String::with_capacity(16 * 1024);
    let title = format!(
        "Review: {} v{} · {} → {}",
        r.source.id, r.source.version, src, trg
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body data-findings=\"{}\">\n",
        escape(&title),
        r.findings.len()
    );
    let verdict = if refusing > 0 {
        let (n, verb) = if refusing == 1 {
            ("finding", "refuses")
        } else {
            ("findings", "refuse")
        };
        format!("<span class=\"verdict refused\">{refusing} {n} {verb} this translation</span>")
    } else {
        "<span class=\"verdict ok\">nothing refuses this translation</span>".to_string()
    };
    let _ = write!(
        out,
        "<header class=\"top\">\n<h1>{}</h1>\n<p class=\"summary\">{}: {} · {verdict}</p>\n\
         <p class=\"keys\"><kbd>j</kbd>/<kbd>n</kbd> next finding · <kbd>k</kbd>/<kbd>p</kbd> previous · <span id=\"position\"></span></p>\n</header>\n",
        escape(&title),
        plural(r.findings.len(), "finding"),
        [
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "note")
        ]
        .join(", ")
    );
    fixed_parts(&r.source, &mut out);
    out.push_str("<main>\n");
    // findings by unit
    let mut by_unit: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (f, _)) in r.findings.iter().enumerate() {
        by_unit.entry(f.unit.as_str()).or_default().push(i);
    }
    let kinds: HashMap<String, UnitKind> = r
        .source
        .units()
        .into_iter()
        .map(|u| (u.id, u.kind))
        .collect();
    for unit in &r.story.units {
        let ids = by_unit.get(unit.id.as_str()).cloned().unwrap_or_default();
        let kind = kinds.get(&unit.id).map(|k| k.describe()).unwrap_or("unit");
        let _ = write!(
            out,
            "<article class=\"unit\" id=\"u-{}\" data-unit=\"{}\">\n<h2>{} <span class=\"kind\">· {}</span>",
            escape(&unit.id),
            escape(&unit.id),
            escape(&unit.id),
            escape(kind)
        );
        if let Some(from) = r.provenance.get(&unit.id) {
            let _ = write!(
                out,
                "<span class=\"reused\" data-reused-from=\"{0}\">re-used from {0}</span>",
                escape(from)
            );
        }
        out.push_str("</h2>\n<div class=\"pair\">\n");
        for side in [true, false] {
            let (lang, d, class, label) = if side {
                (src, src_dir, "src", "source")
            } else {
                (trg, dir, "trg", "translation")
            };
            let _ = write!(
                out,
                "<div class=\"{class}\" lang=\"{}\" dir=\"{d}\" data-label=\"{label}\">",
                escape(lang)
            );
            for (n, seg) in unit.segments.iter().enumerate() {
                let text = if side {
                    Some(seg.source.as_str())
                } else {
                    seg.target.as_deref()
                };
                if n > 0 {
                    out.push_str(if side { " " } else { joiner });
                }
                let Some(text) = text else {
                    let _ = write!(
                        out,
                        "<span class=\"seg missing\" data-seg=\"{}\">(no translation)</span>",
                        escape(&seg.id)
                    );
                    continue;
                };
                let mut spans: Vec<(usize, usize, usize, Severity, String)> = ids
                    .iter()
                    .filter_map(|&i| {
                        let f = &r.findings[i].0;
                        let span = if side {
                            f.source.as_ref()
                        } else {
                            f.target.as_ref()
                        }?;
                        (span.segment == seg.id).then(|| {
                            (
                                span.start,
                                span.end,
                                i,
                                f.severity,
                                format!("{}: {}", f.check, f.message),
                            )
                        })
                    })
                    .collect();
                let _ = write!(
                    out,
                    "<span class=\"seg\" data-seg=\"{}\">{}</span>",
                    escape(&seg.id),
                    marked(text, &mut spans)
                );
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
        if let Some(UnitKind::Caption(n)) = kinds.get(&unit.id)
            && let Some(photo) = r.source.photos().nth(n.saturating_sub(1))
        {
            out.push_str("<dl class=\"fixed\">");
            for res in &photo.restrictions {
                let _ = write!(
                    out,
                    "<dt class=\"lock\">restriction</dt><dd>{}</dd>",
                    escape(res.as_str())
                );
            }
            if let Some(c) = &photo.copyright {
                let _ = write!(
                    out,
                    "<dt class=\"lock\">copyright</dt><dd>{}</dd>",
                    escape(c.as_str())
                );
            }
            let _ = writeln!(
                out,
                "<dt class=\"lock\">credit</dt><dd>{}</dd></dl>",
                escape(photo.credit.as_str())
            );
        }
        if !ids.is_empty() {
            out.push_str("<ol class=\"findings\">\n");
            for &i in &ids {
                let (f, refuses) = &r.findings[i];
                let _ = writeln!(
                    out,
                    "<li class=\"finding {}\" id=\"f{i}\" data-f=\"{i}\" data-check=\"{}\" tabindex=\"-1\"><span class=\"sev\">{}</span> <code class=\"check\">{}</code>{} {}{}</li>",
                    sev_class(f.severity),
                    f.check,
                    f.severity,
                    f.check,
                    f.segment
                        .as_ref()
                        .filter(|_| unit.segments.len() > 1)
                        .map(|s| format!(" <small>segment {}</small>", escape(s)))
                        .unwrap_or_default(),
                    escape(&f.message),
                    if *refuses {
                        " <span class=\"refuses\">· refuses the translation</span>"
                    } else {
                        ""
                    }
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</main>\n<footer>Written by newsloc review. Marks: red, figures that refuse the translation; amber, warnings; blue, notes. <span class=\"hint\">Click a mark or press <kbd>j</kbd> to step through the findings.</span></footer>\n");
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn fixed_parts(a: &Article, out: &mut String) {
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(n) = &a.editor_note {
        rows.push(("editor's note", n.text().to_string()));
    }
    if let Some(tag) = a.headline.as_ref().and_then(|h| h.tag.as_ref()) {
        rows.push(("update tag", tag.to_string()));
    }
    for b in &a.byline {
        rows.push(("byline", b.clone()));
    }
    if let Some(d) = &a.dateline {
        if let Some(date) = &d.date {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let month = MONTHS
                .get(usize::from(date.month()).wrapping_sub(1))
                .unwrap_or(&"?");
            rows.push(("dateline date", format!("{month} {}", date.day())));
        }
        if let Some(agency) = &d.agency {
            rows.push(("dateline agency", agency.to_string()));
        }
    }
    if let Some(date) = &a.date {
        rows.push(("story date", date.to_string()));
    }
    for c in &a.credits {
        rows.push(("credit", c.to_string()));
    }
    if let Some(c) = &a.copyright {
        rows.push(("copyright", c.to_string()));
    }
    let photos = a
        .body
        .iter()
        .filter(|b| matches!(b, Block::Photo(_)))
        .count();
    if photos > 0 {
        rows.push((
            "photos",
            format!("{photos}: credits and restrictions beside their captions below"),
        ));
    }
    if a.end_mark {
        rows.push(("end mark", "(END)".into()));
    }
    out.push_str("<section class=\"fixed-parts\" aria-label=\"Fixed parts\">\n<h2 class=\"lock\">Fixed parts: carried over verbatim, never translated</h2>\n<dl class=\"fixed\">");
    for (k, v) in rows {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    }
    out.push_str("</dl>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_marked_and_everything_escaped() {
        let mut spans = vec![
            (4, 7, 0, Severity::Error, "a <b>".to_string()),
            (5, 6, 1, Severity::Info, "inside".to_string()),
        ];
        let html = marked("1 < 234 & \"x\"", &mut spans);
        assert_eq!(
            html,
            "1 &lt; <mark class=\"f sev-error\" data-f=\"0\" title=\"a &lt;b&gt;\">234</mark> &amp; &quot;x&quot;"
        );
    }
}
