//! Text in every script users write: folding for search and label matching, and file
//! names made from titles. Case mapping and letter classes are std's (`char::to_lowercase`,
//! `char::is_alphanumeric`, …). The fold of each character and the combining marks come
//! from the `unicode-normalization` and `caseless` crates, tabulated at build time
//! (build/fold.rs; tests/text_fold.rs checks every code point against the crates).

/// The folds and marks build.rs tabulated (see build/fold.rs).
mod table {
    include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));
}

/// `text` without surrounding white space, case or diacritics, for comparing labels and
/// searching: "Financiële" and "financiele", "Şahin" and "sahin", "Nguyễn" and "nguyen",
/// "ﬁnanciën" and "financien", "Straße" and "strasse" fold alike.
///
/// The text is decomposed by compatibility (NFKD: letters and their marks apart,
/// ligatures and full-width forms to plain letters), case-folded by Unicode's rules
/// (`caseless`), and stripped of combining marks. Letters whose stroke or missing dot
/// Unicode does not decompose fold to their base letter too: ı (Turkish dotless i), đ, ł,
/// ø. Dashes (− – —) fold to `-`. Scripts without case (Arabic, Chinese, Ethiopic …)
/// keep their letters; Arabic loses its vowel marks and hamza, as Arabic search does.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.trim().chars() {
        push_fold(c, &mut folded);
    }
    folded
}

/// Appends the fold of one character to `out`.
fn push_fold(c: char, out: &mut String) {
    let code = u32::from(c);
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(jamo) = hangul_jamo(c) {
        out.extend(jamo.into_iter().flatten());
    } else if let Some(one) = run_fold(code) {
        out.push(one);
    } else if let Ok(i) = table::SPELLED.binary_search(&code) {
        let start = i.checked_sub(1).map_or(0, |before| usize::from(table::SPELLING_ENDS[before]));
        out.push_str(&table::SPELLINGS[start..usize::from(table::SPELLING_ENDS[i])]);
    } else if !is_combining_mark(c) {
        // The other marks fold to nothing; every other character to itself.
        out.push(c);
    }
}

/// The one character `code` folds to, when it folds to another single character.
fn run_fold(code: u32) -> Option<char> {
    let run = table::RUN_STARTS.partition_point(|&start| start <= code).checked_sub(1)?;
    let offset = code - table::RUN_STARTS[run];
    (offset < u32::from(table::RUN_LENGTHS[run])).then(|| char::from_u32(table::RUN_FOLDS[run] + offset)).flatten()
}

/// The conjoining jamo a Hangul syllable decomposes into (Unicode §3.12, "Hangul
/// Syllable Decomposition"): leading consonant, vowel and, if any, trailing consonant.
fn hangul_jamo(c: char) -> Option<[Option<char>; 3]> {
    const SYLLABLES: u32 = 0xAC00;
    const LEADING: u32 = 0x1100;
    const VOWELS: u32 = 0x1161;
    const TRAILING: u32 = 0x11A7;
    const TRAILING_COUNT: u32 = 28;
    const PER_LEADING: u32 = 21 * TRAILING_COUNT;
    let index = u32::from(c).checked_sub(SYLLABLES).filter(|&index| index < 19 * PER_LEADING)?;
    let trailing = index % TRAILING_COUNT;
    Some([
        char::from_u32(LEADING + index / PER_LEADING),
        char::from_u32(VOWELS + index % PER_LEADING / TRAILING_COUNT),
        (trailing > 0).then(|| char::from_u32(TRAILING + trailing)).flatten(),
    ])
}

/// Whether `c` is a combining mark (general category M: accents, vowel signs, …).
pub fn is_combining_mark(c: char) -> bool {
    let code = u32::from(c);
    let range = table::MARKS.partition_point(|&(first, _)| first <= code).checked_sub(1);
    range.is_some_and(|range| code <= table::MARKS[range].1)
}

/// A file name (without extension) made from a case title: its letters and digits in
/// lowercase, in any script, with one `-` for every run of other characters, at most 60
/// characters; `casus` when nothing is left (an empty title, or only emoji and signs).
/// The title's marks stay with their letters as they come: the web app composes a title
/// first (NFC, with the browser's `String.normalize`, in ui/services/files.rs), so that a
/// title typed on macOS (decomposed) gives the same name.
pub fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() || (is_combining_mark(c) && !stem.is_empty() && !stem.ends_with('-')) {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "casus".to_string()
    } else {
        stem.chars().take(60).collect()
    }
}

/// A label as it reads inside a sentence: "Schulden" becomes "schulden", but an
/// abbreviation or name that starts with two capitals ("BRP-inschrijving", "CAK") stays.
pub fn mid_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// A text as it reads at the start of a sentence: its first letter a capital.
pub fn sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn labels_read_as_part_of_a_sentence() {
        assert_eq!(mid_sentence("Schulden"), "schulden");
        assert_eq!(mid_sentence("BRP-inschrijving"), "BRP-inschrijving");
        assert_eq!(mid_sentence("CAK"), "CAK");
        assert_eq!(mid_sentence("Één loket"), "één loket");
        assert_eq!(mid_sentence("x"), "x");
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("  Bijstand Ingezetene Één "), "bijstand ingezetene een");
        assert_eq!(fold("Financiële"), "financiele");
        assert_eq!(fold("Şahin"), "sahin");
        assert_eq!(fold("YILMAZ Yılmaz İstanbul"), "yilmaz yilmaz istanbul");
        assert_eq!(fold("Nguyễn Văn An"), "nguyen van an");
        assert_eq!(fold("Đặng Łukasz Søren"), "dang lukasz soren");
        assert_eq!(fold("Straße ﬁnanciën ＣＡＫ Ĳsselmonde"), "strasse financien cak ijsselmonde");
        assert_eq!(fold("ΟΔΟΣ οδός"), "οδοσ οδοσ");
        assert_eq!(fold("ДОЛГ Ёлка"), "долг елка");
        assert_eq!(fold("schuld — huur − toeslag"), "schuld - huur - toeslag");
    }

    #[test]
    fn folding_keeps_scripts_without_case() {
        assert_eq!(fold("王伟一家"), "王伟一家");
        assert_eq!(fold("ስድራ ቤት ኣብርሃም"), "ስድራ ቤት ኣብርሃም");
        // Arabic: the hamza and the vowel marks go, as in Arabic search.
        assert_eq!(fold("عائلة أحمد"), fold("عايلة احمد"));
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("Huur 🏠 schuld"), "huur 🏠 schuld");
    }

    #[test]
    fn folding_is_the_same_for_composed_and_decomposed_text() {
        let composed = "Nguyễn Şahin financiële 한국어";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(composed), fold(&decomposed));
    }

    #[test]
    fn file_stems_keep_every_script() {
        assert_eq!(file_stem("Casus Jansen: schulden & zorg"), "casus-jansen-schulden-zorg");
        assert_eq!(file_stem("عائلة أحمد"), "عائلة-أحمد");
        assert_eq!(file_stem("王伟一家"), "王伟一家");
        assert_eq!(file_stem("Nguyễn Văn An"), "nguyễn-văn-an");
        assert_eq!(file_stem("ስድራ ቤት ኣብርሃም"), "ስድራ-ቤት-ኣብርሃም");
        assert_eq!(file_stem("Ailesi YILMAZ / Şahin"), "ailesi-yilmaz-şahin");
        assert_eq!(file_stem("🏠 Huur 🏠"), "huur");
        assert_eq!(file_stem("🏠💸"), "casus");
        assert_eq!(file_stem("   "), "casus");
        // Decomposed input keeps each mark with its letter.
        let decomposed: String = "Nguyễn".nfd().collect();
        assert_eq!(file_stem(&decomposed), "nguyễn".nfd().collect::<String>());
        assert_eq!(file_stem(&"é".repeat(100)).chars().count(), 60);
    }
}
