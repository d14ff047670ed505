//! The XLIFF 2 Metadata module inside XLIFF 1.2: the 1.2 writer writes a
//! document's [`Metadata`] as an `<mda:metadata>` element (a foreign
//! element 1.2 allows); reading gives it back as metadata, so that a 2.x
//! document written as 1.2 and read again keeps it where its readers look.

use quick_xml::events::Event;

use crate::Str;
use crate::document::{AppliesTo, Document, Item, MetaGroup, MetaItem, Metadata, Raw};
use crate::list::List;

/// The namespace of the Metadata module.
const MDA_NS: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

/// Moves the first `<mda:metadata>` element kept verbatim in each file's
/// header, group and unit into its `metadata`, when that is still empty and
/// the element declares the Metadata namespace itself (as the 1.2 writer
/// writes it). Anything else stays verbatim.
pub(crate) fn lift(doc: &mut Document) {
    for f in &mut doc.files {
        if f.metadata.is_none() {
            f.metadata = take(&mut f.header).or_else(|| take(&mut f.extensions));
        }
        items(&mut f.items);
    }
}

fn items(items: &mut [Item]) {
    for item in items {
        match item {
            Item::Unit(u) if u.metadata.is_none() => u.metadata = take(&mut u.extensions),
            Item::Group(g) => {
                if g.metadata.is_none() {
                    g.metadata = take(&mut g.extensions);
                }
                self::items(&mut g.items);
            }
            _ => {}
        }
    }
}

fn take(raws: &mut List<Raw>) -> Option<Metadata> {
    let (i, md) = raws
        .iter()
        .enumerate()
        .find_map(|(i, r)| parse(r.as_str()).map(|m| (i, m)))?;
    raws.remove(i);
    Some(md)
}

/// Parses `<p:metadata xmlns:p="urn:...:metadata:2.0">` with its groups
/// and metas; `None` for any other element or anything unexpected inside.
fn parse(xml: &str) -> Option<Metadata> {
    if !xml.starts_with('<') || !xml.contains(MDA_NS) {
        return None;
    }
    let mut r = quick_xml::Reader::from_str(xml);
    let mut prefix = String::new();
    let mut md: Option<Metadata> = None;
    // the groups open, innermost last; a meta's type while inside it
    let mut open: Vec<MetaGroup> = Vec::new();
    let mut meta: Option<(Str, String)> = None;
    loop {
        let ev = r.read_event().ok()?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.name().as_ref().to_string();
                let (p, local) = name.split_once(':').unwrap_or(("", name.as_str()));
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.ok()?;
                    let key = a.key.as_ref().to_string();
                    let value = crate::xml::attr_value(&a).ok()?.into_owned();
                    attrs.push((key, value));
                }
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                if md.is_none() {
                    let declared = if p.is_empty() {
                        get("xmlns")
                    } else {
                        get(&format!("xmlns:{p}"))
                    };
                    if local != "metadata" || declared.as_deref() != Some(MDA_NS) {
                        return None;
                    }
                    prefix = p.to_string();
                    md = Some(Metadata {
                        id: get("id").map(Into::into),
                        ..Metadata::default()
                    });
                    if empty {
                        return md;
                    }
                    continue;
                }
                if p != prefix || meta.is_some() {
                    return None;
                }
                match local {
                    "metaGroup" => {
                        let g = MetaGroup {
                            id: get("id").map(Into::into),
                            category: get("category").map(Into::into),
                            applies_to: get("appliesTo")
                                .and_then(|a: String| AppliesTo::parse(a.as_str())),
                            items: List::new(),
                        };
                        if empty {
                            close(&mut open, md.as_mut()?, g);
                        } else {
                            open.push(g);
                        }
                    }
                    "meta" => {
                        let kind: Str = get("type")?.into();
                        let g = open.last_mut()?;
                        if empty {
                            g.items.push(MetaItem::Meta {
                                kind,
                                value: Str::new(),
                            });
                        } else {
                            meta = Some((kind, String::new()));
                        }
                    }
                    _ => return None,
                }
            }
            Event::Text(t) => {
                if let Some((_, v)) = meta.as_mut() {
                    v.push_str(&t);
                }
            }
            Event::GeneralRef(g) => {
                let (_, v) = meta.as_mut()?;
                crate::xml::push_ref(v, &g).ok()?;
            }
            Event::CData(c) => {
                let (_, v) = meta.as_mut()?;
                v.push_str(&c);
            }
            Event::End(_) => {
                if let Some((kind, value)) = meta.take() {
                    open.last_mut()?.items.push(MetaItem::Meta {
                        kind,
                        value: value.into(),
                    });
                } else if let Some(g) = open.pop() {
                    close(&mut open, md.as_mut()?, g);
                } else {
                    return md;
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// A finished group goes into its parent group, or the metadata.
fn close(open: &mut [MetaGroup], md: &mut Metadata, g: MetaGroup) {
    match open.last_mut() {
        Some(parent) => parent.items.push(MetaItem::Group(g)),
        None => md.groups.push(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writers_element_is_read_back() {
        let xml = r#"<mda:metadata xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"><mda:metaGroup category="newsloc"><mda:meta type="article">a &amp; b</mda:meta><mda:metaGroup appliesTo="source"><mda:meta type="x">&#x41;</mda:meta></mda:metaGroup></mda:metaGroup></mda:metadata>"#;
        let md = parse(xml).unwrap();
        assert_eq!(md.groups.len(), 1);
        assert_eq!(md.groups[0].category.as_deref(), Some("newsloc"));
        assert_eq!(md.get("article"), Some("a & b"));
        assert_eq!(md.get("x"), Some("A"));
    }

    #[test]
    fn other_elements_and_undeclared_prefixes_stay_verbatim() {
        assert!(parse("<sdl:cxt id=\"1\"/>").is_none());
        assert!(parse("<mda:metadata><mda:metaGroup/></mda:metadata>").is_none());
        assert!(
            parse(r#"<m:metadata xmlns:m="urn:oasis:names:tc:xliff:metadata:2.0"><m:other/></m:metadata>"#)
                .is_none()
        );
    }
}
