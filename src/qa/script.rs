//! Writing systems of characters, and which a language is written in.

/// A writing system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Script {
    Latin,
    Hangul,
    Han,
    Kana,
    Arabic,
    Cyrillic,
    Greek,
    Hebrew,
    Thai,
    Devanagari,
    Other,
}

/// A letter of any script (digits and marks excluded).
pub(crate) fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// Han, Hangul or kana: scripts written without spaces between words in
/// Chinese and Japanese (and with particles glued on in Korean).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(
        script(c),
        Some(Script::Han) | Some(Script::Hangul) | Some(Script::Kana)
    )
}

/// The script of a letter; `None` for anything that is not a letter.
pub(crate) fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    let u = c as u32;
    Some(match u {
        0x41..=0x24F | 0x1E00..=0x1EFF | 0xFF21..=0xFF5A => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x900..=0x97F => Script::Devanagari,
        0xE00..=0xE7F => Script::Thai,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0x3005 => {
            Script::Han
        }
        _ => Script::Other,
    })
}

/// The scripts a language is written in (its primary subtag), the first
/// being the one that must be there.
pub(crate) fn scripts_of(lang: &str) -> &'static [Script] {
    match lang {
        "ko" => &[Script::Hangul, Script::Han],
        "ja" => &[Script::Kana, Script::Han],
        "zh" | "yue" => &[Script::Han],
        "ar" | "fa" | "ur" | "ps" => &[Script::Arabic],
        "ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk" => &[Script::Cyrillic],
        "el" => &[Script::Greek],
        "he" | "yi" => &[Script::Hebrew],
        "th" => &[Script::Thai],
        "hi" | "mr" | "ne" => &[Script::Devanagari],
        _ => &[Script::Latin],
    }
}

/// Characters written only in Traditional Chinese, with their Simplified
/// forms: enough common ones to tell which of the two a text is in.
pub(crate) const TRADITIONAL_SIMPLIFIED: &[(char, char)] = &[
    ('們', '们'),
    ('國', '国'),
    ('說', '说'),
    ('對', '对'),
    ('這', '这'),
    ('時', '时'),
    ('會', '会'),
    ('來', '来'),
    ('為', '为'),
    ('個', '个'),
    ('與', '与'),
    ('發', '发'),
    ('經', '经'),
    ('關', '关'),
    ('現', '现'),
    ('進', '进'),
    ('動', '动'),
    ('點', '点'),
    ('開', '开'),
    ('長', '长'),
    ('將', '将'),
    ('颱', '台'),
    ('風', '风'),
    ('東', '东'),
    ('處', '处'),
    ('報', '报'),
    ('總', '总'),
    ('韓', '韩'),
    ('華', '华'),
    ('灣', '湾'),
    ('週', '周'),
    ('議', '议'),
    ('員', '员'),
    ('區', '区'),
    ('萬', '万'),
    ('億', '亿'),
    ('間', '间'),
    ('後', '后'),
    ('稱', '称'),
    ('協', '协'),
    ('無', '无'),
    ('號', '号'),
    ('勢', '势'),
    ('當', '当'),
    ('機', '机'),
    ('傳', '传'),
    ('統', '统'),
    ('線', '线'),
    ('電', '电'),
    ('預', '预'),
    ('氣', '气'),
    ('場', '场'),
    ('領', '领'),
    ('導', '导'),
    ('軍', '军'),
    ('實', '实'),
    ('運', '运'),
    ('達', '达'),
    ('過', '过'),
    ('還', '还'),
];

/// Which of Traditional and Simplified Chinese a text is written in, by
/// counting the characters of [`TRADITIONAL_SIMPLIFIED`]: (traditional,
/// simplified).
pub(crate) fn chinese_forms(text: &str) -> (usize, usize) {
    static SORTED: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();
    let (trad, simp) = SORTED.get_or_init(|| {
        let mut t: Vec<char> = TRADITIONAL_SIMPLIFIED.iter().map(|p| p.0).collect();
        let mut s: Vec<char> = TRADITIONAL_SIMPLIFIED.iter().map(|p| p.1).collect();
        t.sort_unstable();
        s.sort_unstable();
        (t, s)
    });
    let (mut t, mut s) = (0, 0);
    for c in text.chars().filter(|c| script(*c) == Some(Script::Han)) {
        if trad.binary_search(&c).is_ok() {
            t += 1;
        } else if simp.binary_search(&c).is_ok() {
            s += 1;
        }
    }
    (t, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(script('a'), Some(Script::Latin));
        assert_eq!(script('é'), Some(Script::Latin));
        assert_eq!(script('한'), Some(Script::Hangul));
        assert_eq!(script('港'), Some(Script::Han));
        assert_eq!(script('の'), Some(Script::Kana));
        assert_eq!(script('ー'), Some(Script::Kana));
        assert_eq!(script('ب'), Some(Script::Arabic));
        assert_eq!(script('3'), None);
        assert!(is_cjk('港') && !is_cjk('a'));
    }

    #[test]
    fn traditional_and_simplified() {
        assert_eq!(chinese_forms("他們說這個"), (4, 0));
        assert_eq!(chinese_forms("他们说这个"), (0, 4));
    }
}
