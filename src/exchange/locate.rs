//! Line and column for an import's unit-level problems: import works on a
//! [`Document`](crate::xliff::Document), which keeps no positions, so the
//! places are found again in the file's text when a problem is reported.

use std::collections::HashMap;

use quick_xml::events::Event;

use crate::error::Error;

/// Gives each problem of a rejected import that names a unit (`p3`, or a
/// segment `p3/s2`) and has no position the position of that unit's start
/// tag in `xliff`, the bytes of the file the document was read from: the
/// `<unit>` or `<trans-unit>` with that id, else the `<group>` of a story
/// unit sent one sentence per unit. Other errors and problems are returned
/// unchanged.
///
/// # Examples
///
/// ```
/// use newsloc::{Error, Location, Problem, locate_units};
/// let xml = b"<xliff version=\"1.2\">\n<file><body>\n  <trans-unit id=\"p1\"><source>A</source></trans-unit>\n</body></file></xliff>";
/// let err = Error::Rejected { problems: vec![Problem {
///     location: Location { unit: Some("p1".into()), ..Location::default() },
///     message: "untranslated".into(),
/// }] };
/// let Error::Rejected { problems } = locate_units(err, xml) else { unreachable!() };
/// let at = problems[0].location.position.unwrap();
/// assert_eq!((at.line, at.column), (3, 3));
/// ```
pub fn locate_units(error: Error, xliff: &[u8]) -> Error {
    let Error::Rejected { mut problems } = error else {
        return error;
    };
    if problems
        .iter()
        .all(|p| p.location.unit.is_none() || p.location.position.is_some())
    {
        return Error::Rejected { problems };
    }
    let Ok(decoded) = crate::xliff::encoding::decode(xliff) else {
        return Error::Rejected { problems };
    };
    let (units, groups) = starts(&decoded.text);
    for p in &mut problems {
        let Some(unit) = p.location.unit.as_deref() else {
            continue;
        };
        if p.location.position.is_some() {
            continue;
        }
        let id = unit.split('/').next().unwrap_or(unit);
        let found = units
            .get(id)
            .or_else(|| groups.get(id))
            .or_else(|| units.get(&format!("{id}.s1")));
        if let Some(&offset) = found {
            p.location.position = Some(decoded.map.position(&decoded.text, offset));
        }
    }
    Error::Rejected { problems }
}

/// The byte offsets of the first start tag of each unit id and group id.
fn starts(text: &str) -> (HashMap<String, usize>, HashMap<String, usize>) {
    let mut units = HashMap::new();
    let mut groups = HashMap::new();
    let mut r = quick_xml::Reader::from_str(text);
    loop {
        let at = r.buffer_position() as usize;
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.name();
                let local = name.as_ref().rsplit(':').next().unwrap_or_default();
                let map = match local {
                    "unit" | "trans-unit" => &mut units,
                    "group" => &mut groups,
                    _ => continue,
                };
                let id = e.attributes().flatten().find(|a| a.key.as_ref() == "id");
                if let Some(a) = id
                    && let Ok(v) = crate::xliff::xml::attr_value(&a)
                {
                    // the reader may have skipped white space before `<`
                    let start = text[at..].find('<').map_or(at, |i| at + i);
                    map.entry(v.into_owned()).or_insert(start);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    (units, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Position;

    #[test]
    fn units_and_groups_are_found_by_id() {
        let text = "<xliff>\n<file>\n <group id=\"p3\">\n  <unit id=\"p3.s1\"/>\n </group>\n <unit id=\"p4\"/></file></xliff>";
        let (units, groups) = starts(text);
        assert_eq!(
            Position::from_offset(text, groups["p3"]),
            Position {
                byte: 16,
                line: 3,
                column: 2
            }
        );
        assert_eq!(Position::from_offset(text, units["p4"]).line, 6);
        assert_eq!(Position::from_offset(text, units["p3.s1"]).column, 3);
    }
}
