//! Pseudo-translation: fills targets with a recognisable, longer, accented
//! form of the source so the whole pipeline (export, CAT tool, import,
//! render) can be tested without translators.

use super::document::{Content, Document, Inline, Part, State};

/// The opening and closing marks around each pseudo-translated segment, so
/// truncation and concatenation show at a glance.
const OPEN: char = '⟦';
const CLOSE: char = '⟧';

/// Fills every segment target of `doc` with a pseudo-translation of its
/// source, and sets the segment state to translated. Each target gets its
/// source's `xml:space`. Targets that hold a translation already are
/// replaced too: see [`has_translations`] to refuse such a document first.
///
/// The pseudo-translation is recognisable (wrapped in `⟦…⟧`), about 30%
/// longer (padding with `·` at the end, at least one character), and
/// accented (`Hello` → `Ĥéļļö`). Inline codes stay where they are and keep
/// their ids; annotations marked `translate="no"`, units with
/// `translate="no"`, and placeholders such as `{name}`, `%s`, `%1$d` and
/// `{{x}}` are copied unchanged. Ignorables get their source as target. A
/// document without a target language gets `qps-ploc` (the pseudo-locale).
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{pseudo_translate, Code, Content, Document, File, Inline, Segment, State, Unit, Version};
/// let mut doc = Document::new(Version::V2_0, "en", None);
/// let mut src = Content::text("Hello ");
/// src.push(Inline::Code(Code::standalone("1").into()));
/// src.push_text("{name}");
/// let mut unit = Unit::new("u1");
/// unit.push_segment(Segment::new(None, src));
/// let mut file = File::new("f");
/// file.items.push(unit.into());
/// doc.files.push(file);
///
/// pseudo_translate(&mut doc);
/// let seg = doc.units().next().unwrap().segments().next().unwrap();
/// let target = seg.target.as_ref().unwrap();
/// assert_eq!(target.plain_text(), "⟦Ĥéļļö {name}····⟧");
/// assert_eq!(target.codes().count(), 1);
/// assert_eq!(seg.state, Some(State::Translated));
/// assert_eq!(doc.trg_lang.as_deref(), Some("qps-ploc"));
/// ```
pub fn pseudo_translate(doc: &mut Document) {
    if doc.trg_lang.is_none() {
        doc.trg_lang = Some("qps-ploc".into());
    }
    for f in &mut doc.files {
        if f.src_lang.is_some() && f.trg_lang.is_none() {
            f.trg_lang = doc.trg_lang.clone();
        }
    }
    for unit in doc.units_mut() {
        let copy_only = unit.translate == Some(false);
        for part in &mut unit.parts {
            match part {
                Part::Segment(s) => {
                    s.target = Some(if copy_only {
                        s.source.clone()
                    } else {
                        pseudo_segment(&s.source)
                    });
                    s.state = Some(State::Translated);
                    // the target keeps the source's white-space handling
                    // (2.x requires the same xml:space on both)
                    if s.target_space() != s.source_space() {
                        s.extra_mut().target_space = s.source_space();
                    }
                }
                Part::Ignorable(i) => i.target = Some(i.source.clone()),
            }
        }
    }
}

/// Whether any segment of `doc` has a target that is a translation: not
/// empty and not its source again (white space folded), so that a tool
/// about to fill targets can refuse to throw translations away.
///
/// # Examples
///
/// ```
/// use newsloc_xliff::{has_translations, pseudo_translate, Content, Document, File, Segment, Unit, Version};
/// let mut doc = Document::new(Version::V2_0, "en", Some("de"));
/// let mut unit = Unit::new("u1");
/// let mut seg = Segment::new(None, Content::text("Hello"));
/// seg.target = Some(Content::text(" Hello"));
/// unit.push_segment(seg);
/// let mut file = File::new("f");
/// file.items.push(unit.into());
/// doc.files.push(file);
/// assert!(!has_translations(&doc));
/// pseudo_translate(&mut doc);
/// assert!(has_translations(&doc));
/// ```
pub fn has_translations(doc: &Document) -> bool {
    let fold = |c: &Content| {
        c.plain_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    doc.units().flat_map(|u| u.segments()).any(|s| {
        s.target.as_ref().is_some_and(|t| {
            let t = fold(t);
            !t.is_empty() && t != fold(&s.source)
        })
    })
}

/// The pseudo-translation of one segment's content.
fn pseudo_segment(source: &Content) -> Content {
    let len = source.plain_text().chars().count();
    let mut out = Content::text(&OPEN.to_string());
    pseudo_content(source, &mut out);
    let pad = (len * 3).div_ceil(10).max(1);
    let mut tail = String::with_capacity(pad * 2 + 3);
    for _ in 0..pad {
        tail.push('·');
    }
    tail.push(CLOSE);
    out.push_text(&tail);
    out
}

fn pseudo_content(source: &Content, out: &mut Content) {
    for inline in &source.0 {
        match inline {
            Inline::Text(t) => out.push_text(&accent(t)),
            Inline::Paired(code, inner) => {
                let mut c = Content::new();
                pseudo_content(inner, &mut c);
                out.push(Inline::Paired(code.clone(), c));
            }
            Inline::Marker(m, inner) => {
                let c = if m.translate == Some(false) || m.kind.as_deref() == Some("protected") {
                    inner.clone()
                } else {
                    let mut c = Content::new();
                    pseudo_content(inner, &mut c);
                    c
                };
                out.push(Inline::Marker(m.clone(), c));
            }
            other => out.push(other.clone()),
        }
    }
}

/// Accents letters, leaving placeholders (`{…}`, `{{…}}`, `%s`, `%1$d`,
/// `%%`) and everything else unchanged.
fn accent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '{'
            && let Some(end) = s.get(i..).and_then(|rest| rest.find('}'))
        {
            let mut end = i + end + 1;
            if s.get(end..).is_some_and(|r| r.starts_with('}')) {
                end += 1;
            }
            out.push_str(s.get(i..end).unwrap_or(""));
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            continue;
        }
        if c == '%' {
            // printf-style: %%, %s, %d, %1$s, %.2f ...
            let rest = s.get(i + 1..).unwrap_or("");
            let spec_len = rest
                .char_indices()
                .find(|&(_, ch)| ch.is_ascii_alphabetic() || ch == '%')
                .filter(|&(j, _)| {
                    rest.get(..j).is_some_and(|p| {
                        p.chars()
                            .all(|ch| ch.is_ascii_digit() || matches!(ch, '$' | '.' | '-' | '+'))
                    })
                })
                .map(|(j, ch)| j + ch.len_utf8());
            if let Some(n) = spec_len {
                let end = i + 1 + n;
                out.push_str(s.get(i..end).unwrap_or(""));
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
                continue;
            }
        }
        out.push(accented(c));
    }
    out
}

fn accented(c: char) -> char {
    match c {
        'a' => 'á',
        'b' => 'ƀ',
        'c' => 'ç',
        'd' => 'ð',
        'e' => 'é',
        'g' => 'ĝ',
        'h' => 'ĥ',
        'i' => 'í',
        'j' => 'ĵ',
        'k' => 'ķ',
        'l' => 'ļ',
        'n' => 'ñ',
        'o' => 'ö',
        'r' => 'ŕ',
        's' => 'š',
        't' => 'ţ',
        'u' => 'ü',
        'w' => 'ŵ',
        'y' => 'ý',
        'z' => 'ž',
        'A' => 'Å',
        'B' => 'Ɓ',
        'C' => 'Ç',
        'D' => 'Ð',
        'E' => 'É',
        'G' => 'Ĝ',
        'H' => 'Ĥ',
        'I' => 'Î',
        'J' => 'Ĵ',
        'K' => 'Ķ',
        'L' => 'Ļ',
        'N' => 'Ñ',
        'O' => 'Ö',
        'R' => 'Ŕ',
        'S' => 'Ŝ',
        'T' => 'Ţ',
        'U' => 'Û',
        'W' => 'Ŵ',
        'Y' => 'Ý',
        'Z' => 'Ž',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Code, Marker, Segment, Unit};

    #[test]
    fn accents_letters_and_keeps_placeholders() {
        assert_eq!(accent("Seoul, Sept. 12"), "Ŝéöüļ, Ŝépţ. 12");
        assert_eq!(
            accent("Hi {name}, {{count}} %s %1$d 100%"),
            "Ĥí {name}, {{count}} %s %1$d 100%"
        );
        assert_eq!(accent("서울 {unclosed"), "서울 {üñçļöšéð");
    }

    #[test]
    fn segments_grow_about_thirty_percent_and_keep_codes() {
        let mut src = Content::text("Kim met ");
        let mut inner = Content::text("Putin");
        inner.push(Inline::Code(Code::standalone("2").into()));
        src.push(Inline::Paired(Code::paired("1").into(), inner));
        src.push(Inline::Marker(
            Marker::protected("m").into(),
            Content::text("Yonhap"),
        ));
        let out = pseudo_segment(&src);
        let text = out.plain_text();
        // 19 source characters -> 6 padding characters plus the two marks
        assert_eq!(text, "⟦Ķím méţ PüţíñYonhap······⟧");
        let ids: Vec<_> = out.codes().map(|c| c.id.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("2")]);
        assert!(matches!(out.0.get(1), Some(Inline::Paired(..))));
    }

    #[test]
    fn untranslatable_units_are_copied() {
        let mut doc = Document::default();
        let mut u = Unit::new("u");
        u.translate = Some(false);
        u.push_segment(Segment::new(None, Content::text("AP-NY-0912")));
        u.push_ignorable(Content::text(" "));
        let mut f = crate::document::File::new("f");
        f.items.push(u.into());
        doc.files.push(f);
        pseudo_translate(&mut doc);
        let u = doc.units().next().unwrap();
        assert_eq!(u.parts[0].target(), Some(&Content::text("AP-NY-0912")));
        assert_eq!(u.parts[1].target(), Some(&Content::text(" ")));
    }
}
