//! A loader and engine for SRX 2.0 segmentation rules files.
//!
//! Semantics (SRX 2.0, section 2.5): at every position between two
//! characters the rules of the selected language rules are tried in order;
//! the first rule whose `<beforebreak>` expression matches text ending
//! exactly at the position and whose `<afterbreak>` expression matches text
//! starting exactly there decides: `break="yes"` (the default) breaks,
//! `break="no"` does not. No matching rule means no break. With
//! `cascade="yes"` the rules of every matching `<languagemap>` are used in
//! map order; otherwise only those of the first.
//!
//! The break position is exactly between the two matches, so capture groups
//! inside an expression change nothing (the `srx` crate's bug of taking
//! group 1 as the break position is not reproduced; see the tests).

use quick_xml::Reader;
use quick_xml::events::Event;
use regex::Regex;

use crate::error::{Error, Location, Position, Result};

/// One rule: break or not, and the expressions around the break position.
#[derive(Debug)]
struct Rule {
    brk: bool,
    /// `(?:before)\z`, matched against the text before the position;
    /// `None` for an empty or absent `<beforebreak>` (matches everywhere).
    before: Option<Regex>,
    /// `\A(?:after)`, matched against the text after the position.
    after: Option<Regex>,
}

/// The rules selected for one language.
#[derive(Debug)]
pub(crate) struct SrxRules {
    /// The names of the `<languagerule>`s used, in order.
    pub(crate) names: Vec<String>,
    rules: Vec<Rule>,
}

impl SrxRules {
    /// Break positions in `text`, sorted (byte offsets, char boundaries,
    /// never 0 or `text.len()`).
    pub(crate) fn breaks(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, _) in text.char_indices().skip(1) {
            let (head, tail) = (text.get(..i).unwrap_or(""), text.get(i..).unwrap_or(""));
            for rule in &self.rules {
                let after = rule.after.as_ref().is_none_or(|r| r.is_match(tail));
                if after && rule.before.as_ref().is_none_or(|r| r.is_match(head)) {
                    if rule.brk {
                        out.push(i);
                    }
                    break;
                }
            }
        }
        out
    }
}

/// A `<languagerule>` while it is read.
struct LanguageRule {
    name: String,
    rules: Vec<(usize, Rule)>,
}

/// A `<rule>` while it is read: break, its position, and the text and
/// position of its `<beforebreak>` and `<afterbreak>`.
type PendingRule = (
    bool,
    usize,
    Option<(String, usize)>,
    Option<(String, usize)>,
);

/// Builds the positioned error for byte `at` of `xml`.
fn err(xml: &str, at: usize, message: impl Into<String>) -> Error {
    Error::Xml {
        location: Location {
            file: None,
            position: Some(Position::from_offset(xml, at)),
            unit: None,
        },
        message: message.into(),
    }
}

/// Compiles one SRX expression, wrapped so that it matches only at the end
/// (`before`) or at the start (`after`) of the text it is given.
fn compile(xml: &str, at: usize, element: &str, pattern: &str) -> Result<Option<Regex>> {
    if pattern.is_empty() {
        return Ok(None);
    }
    // Compile the expression on its own first, so that an unbalanced
    // parenthesis cannot combine with the wrapper into something else, and
    // so that the message shows the user's expression.
    if let Err(e) = Regex::new(pattern) {
        return Err(err(
            xml,
            at,
            format!("<{element}>: invalid regular expression `{pattern}`: {e}"),
        ));
    }
    let wrapped = if element == "beforebreak" {
        format!(r"(?:{pattern})\z")
    } else {
        format!(r"\A(?:{pattern})")
    };
    Regex::new(&wrapped)
        .map(Some)
        .map_err(|e| err(xml, at, format!("<{element}>: {e}")))
}

/// Reads an SRX document and selects the rules for `lang` (a language tag
/// such as `en-GB`, matched against each `languagepattern`).
pub(crate) fn load(xml: &str, lang: &str) -> Result<SrxRules> {
    // quick-xml's positions do not count a leading BOM.
    let bom = if xml.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = xml.get(bom..).unwrap_or("");
    let mut reader = Reader::from_str(body);
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut cascade = false;
    let mut seen_root = false;
    let mut language_rules: Vec<LanguageRule> = Vec::new();
    // (pattern, rule name, position)
    let mut maps: Vec<(Regex, String, usize)> = Vec::new();
    let mut maprules_at = None;
    // The rule being read: break, position, before text, after text.
    let mut rule: Option<PendingRule> = None;
    // Text of the `<beforebreak>` / `<afterbreak>` being read.
    let mut text: Option<String> = None;

    loop {
        let at = bom + reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            err(
                xml,
                bom + reader.error_position() as usize,
                format!("malformed SRX: {e}"),
            )
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name().as_ref().to_owned();
                let empty = matches!(event, Event::Empty(_));
                if stack.len() >= 16 {
                    return Err(err(xml, at, "elements nested too deeply"));
                }
                if text.is_some() {
                    return Err(err(
                        xml,
                        at,
                        format!("unexpected <{name}> inside a break expression"),
                    ));
                }
                let parent = stack.last().map(|(n, _)| n.as_str());
                let attr = |key: &str| -> Result<Option<String>> {
                    for a in e.attributes() {
                        let a = a.map_err(|e| err(xml, at, format!("bad attribute: {e}")))?;
                        if a.key.local_name().as_ref() == key {
                            let v = a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map_err(|e| err(xml, at, format!("bad attribute `{key}`: {e}")))?;
                            return Ok(Some(v.into_owned()));
                        }
                    }
                    Ok(None)
                };
                let yes_no = |key: &str, default: bool| -> Result<bool> {
                    match attr(key)?.as_deref() {
                        None => Ok(default),
                        Some("yes") => Ok(true),
                        Some("no") => Ok(false),
                        Some(v) => Err(err(
                            xml,
                            at,
                            format!("<{name}> attribute `{key}` must be `yes` or `no`, not `{v}`"),
                        )),
                    }
                };
                match (parent, name.as_str()) {
                    (None, "srx") => seen_root = true,
                    (None, other) => {
                        return Err(err(
                            xml,
                            at,
                            format!("not an SRX file: root element is <{other}>"),
                        ));
                    }
                    (Some("srx"), "header" | "body") => {
                        if name == "header" {
                            cascade = yes_no("cascade", false)?;
                        }
                    }
                    (Some("body"), "languagerules") => {}
                    (Some("body"), "maprules") => maprules_at = Some(at),
                    (Some("languagerules"), "languagerule") => {
                        let rule_name = attr("languagerulename")?.ok_or_else(|| {
                            err(xml, at, "<languagerule> without `languagerulename`")
                        })?;
                        if language_rules.iter().any(|r| r.name == rule_name) {
                            return Err(err(
                                xml,
                                at,
                                format!("<languagerule> `{rule_name}` defined twice"),
                            ));
                        }
                        language_rules.push(LanguageRule {
                            name: rule_name,
                            rules: Vec::new(),
                        });
                    }
                    (Some("languagerule"), "rule") => {
                        rule = Some((yes_no("break", true)?, at, None, None));
                    }
                    (Some("rule"), "beforebreak" | "afterbreak") => {
                        let slot = rule.as_mut().map(|r| {
                            if name == "beforebreak" {
                                &mut r.2
                            } else {
                                &mut r.3
                            }
                        });
                        if let Some(Some(_)) = slot {
                            return Err(err(
                                xml,
                                at,
                                format!("<{name}> given twice in one <rule>"),
                            ));
                        }
                        if let Some(slot) = slot {
                            *slot = Some((String::new(), at));
                        }
                        if !empty {
                            text = Some(String::new());
                        }
                    }
                    (Some("maprules"), "languagemap") => {
                        let pattern = attr("languagepattern")?.ok_or_else(|| {
                            err(xml, at, "<languagemap> without `languagepattern`")
                        })?;
                        let target = attr("languagerulename")?.ok_or_else(|| {
                            err(xml, at, "<languagemap> without `languagerulename`")
                        })?;
                        let re = Regex::new(&format!(r"(?i)\A(?:{pattern})\z"))
                            .ok()
                            .filter(|_| Regex::new(&pattern).is_ok())
                            .ok_or_else(|| {
                                err(
                                    xml,
                                    at,
                                    format!("<languagemap>: invalid `languagepattern` `{pattern}`"),
                                )
                            })?;
                        maps.push((re, target, at));
                    }
                    // Formatting handles and vendor extensions do not change
                    // plain-text segmentation.
                    (Some("header"), _) => {}
                    (Some(p), other) => {
                        return Err(err(xml, at, format!("unexpected <{other}> in <{p}>")));
                    }
                }
                if !empty {
                    stack.push((name, at));
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                stack.pop();
                match name.as_str() {
                    "beforebreak" | "afterbreak" => {
                        let t = text.take().unwrap_or_default();
                        if let Some(r) = rule.as_mut() {
                            let slot = if name == "beforebreak" {
                                &mut r.2
                            } else {
                                &mut r.3
                            };
                            if let Some((s, _)) = slot {
                                *s = t;
                            }
                        }
                    }
                    "rule" => {
                        if let Some((brk, rule_at, before, after)) = rule.take() {
                            let before = match before {
                                Some((p, pat_at)) => compile(xml, pat_at, "beforebreak", &p)?,
                                None => None,
                            };
                            let after = match after {
                                Some((p, pat_at)) => compile(xml, pat_at, "afterbreak", &p)?,
                                None => None,
                            };
                            if let Some(lr) = language_rules.last_mut() {
                                lr.rules.push((rule_at, Rule { brk, before, after }));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(buf) = text.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(buf) = text.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(buf) = text.as_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => {
                            quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned)
                        }
                        Err(_) => None,
                    };
                    match resolved {
                        Some(s) => buf.push_str(&s),
                        None => {
                            return Err(err(xml, at, format!("unknown entity `&{};`", &*r)));
                        }
                    }
                }
            }
            Event::DocType(_) => {
                return Err(err(xml, at, "DTDs are not accepted in SRX files"));
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if let Some((name, at)) = stack.last() {
        return Err(err(xml, *at, format!("<{name}> is not closed")));
    }
    if !seen_root {
        return Err(err(xml, 0, "not an SRX file: no <srx> element"));
    }

    let mut selected = SrxRules {
        names: Vec::new(),
        rules: Vec::new(),
    };
    let mut matched = false;
    for (re, target, at) in &maps {
        if !re.is_match(lang) {
            continue;
        }
        matched = true;
        let Some(pos) = language_rules.iter().position(|r| &r.name == target) else {
            return Err(err(
                xml,
                *at,
                format!("<languagemap> names unknown <languagerule> `{target}`"),
            ));
        };
        let lr = language_rules.swap_remove(pos);
        selected.names.push(lr.name);
        selected.rules.extend(lr.rules.into_iter().map(|(_, r)| r));
        if !cascade {
            break;
        }
    }
    if !matched {
        return Err(err(
            xml,
            maprules_at.unwrap_or(bom),
            format!("no <languagemap> matches language `{lang}`"),
        ));
    }
    Ok(selected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn srx(rules: &str, maps: &str, cascade: &str) -> String {
        format!(
            r#"<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="{cascade}"/>
<body>
<languagerules>{rules}</languagerules>
<maprules>{maps}</maprules>
</body>
</srx>"#
        )
    }

    const EN: &str = r#"<languagerule languagerulename="en">
<rule break="no"><beforebreak>\b(Gen)\.\s</beforebreak><afterbreak></afterbreak></rule>
<rule><beforebreak>[.?!]+\s</beforebreak><afterbreak>\p{Lu}</afterbreak></rule>
</languagerule>"#;

    #[test]
    fn capture_group_in_beforebreak_does_not_move_the_break() {
        let doc = srx(
            EN,
            r#"<languagemap languagepattern="en.*" languagerulename="en"/>"#,
            "no",
        );
        let rules = load(&doc, "en-US").unwrap();
        let text = "Gen. Kim met him. Then left.";
        assert_eq!(rules.breaks(text), [18]);
    }

    #[test]
    fn first_matching_rule_wins_and_no_rule_means_no_break() {
        let rules = r#"<languagerule languagerulename="a">
<rule break="no"><beforebreak>Dr\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule>"#;
        let doc = srx(
            rules,
            r#"<languagemap languagepattern=".*" languagerulename="a"/>"#,
            "no",
        );
        let r = load(&doc, "de").unwrap();
        // break before the space after "ja." only; "Dr." is protected
        assert_eq!(r.breaks("Dr. No. ja"), [7]);
    }

    #[test]
    fn cascade_joins_rules_of_every_matching_map() {
        let rules = r#"<languagerule languagerulename="en"><rule break="no"><beforebreak>Mr\.\s</beforebreak></rule></languagerule>
<languagerule languagerulename="default"><rule><beforebreak>\.\s</beforebreak></rule></languagerule>"#;
        let maps = r#"<languagemap languagepattern="en.*" languagerulename="en"/><languagemap languagepattern=".*" languagerulename="default"/>"#;
        let text = "Mr. Li came. Go.";
        assert_eq!(
            load(&srx(rules, maps, "yes"), "en").unwrap().breaks(text),
            [13]
        );
        // without cascade only the English rules apply: they never break
        assert!(
            load(&srx(rules, maps, "no"), "en")
                .unwrap()
                .breaks(text)
                .is_empty()
        );
        // French gets only the default rules
        assert_eq!(
            load(&srx(rules, maps, "no"), "fr").unwrap().breaks(text),
            [4, 13]
        );
    }

    #[test]
    fn entities_and_cdata_in_expressions() {
        let rules = r#"<languagerule languagerulename="x"><rule><beforebreak>&#x3002;</beforebreak><afterbreak><![CDATA[[^」]]]></afterbreak></rule></languagerule>"#;
        let doc = srx(
            rules,
            r#"<languagemap languagepattern="ja" languagerulename="x"/>"#,
            "no",
        );
        let r = load(&doc, "ja").unwrap();
        assert_eq!(
            r.breaks("はい。」と言った。次。"),
            ["はい。」と言った。".len()]
        );
    }

    #[test]
    fn bad_regex_is_reported_at_its_element() {
        let rules = "<languagerule languagerulename=\"x\">\n<rule><beforebreak>(?&lt;=a)b</beforebreak></rule></languagerule>";
        let doc = srx(
            rules,
            r#"<languagemap languagepattern=".*" languagerulename="x"/>"#,
            "no",
        );
        let e = load(&doc, "en").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("6:7: <beforebreak>: invalid regular expression `(?<=a)b`"),
            "{msg}"
        );
    }

    #[test]
    fn structural_errors_have_positions() {
        let e = load("<srx><body><maprules>", "en").unwrap_err().to_string();
        assert_eq!(e, "1:12: <maprules> is not closed");
        let e = load("<xliff/>", "en").unwrap_err().to_string();
        assert_eq!(e, "1:1: not an SRX file: root element is <xliff>");
        let e = load("<srx><body><maprules><languagemap languagepattern=\"(\" languagerulename=\"x\"/></maprules></body></srx>", "en")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "1:22: <languagemap>: invalid `languagepattern` `(`");
        let doc = srx(
            "",
            r#"<languagemap languagepattern="en" languagerulename="nope"/>"#,
            "no",
        );
        let e = load(&doc, "en").unwrap_err().to_string();
        assert_eq!(e, "6:11: <languagemap> names unknown <languagerule> `nope`");
        let e = load(&doc, "ko").unwrap_err().to_string();
        assert_eq!(e, "6:1: no <languagemap> matches language `ko`");
        let e = load("<!DOCTYPE srx><srx/>", "en").unwrap_err().to_string();
        assert_eq!(e, "1:1: DTDs are not accepted in SRX files");
        let e = load("<srx><header cascade=\"maybe\"/></srx>", "en")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "1:6: <header> attribute `cascade` must be `yes` or `no`, not `maybe`"
        );
    }

    #[test]
    fn bom_does_not_shift_positions() {
        let e = load("\u{feff}<srx>\n<oops/></srx>", "en")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "2:1: unexpected <oops> in <srx>");
    }
}
