//! Text in every script users write: folding for search and label matching, and file
//! names made from titles. Case mapping and letter classes are std's (`char::to_lowercase`,
//! `char::is_alphanumeric`, …); decomposition is the `unicode-normalization` crate's and
//! case folding the `caseless` crate's.

use caseless::Caseless;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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
    text.trim()
        .chars()
        .nfkd()
        .default_case_fold()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| match c {
            'ı' => 'i',
            'đ' => 'd',
            'ł' => 'l',
            'ø' => 'o',
            '−' | '–' | '—' => '-',
            other => other,
        })
        .collect()
}

/// A file name (without extension) made from a case title: its letters and digits in
/// lowercase, in any script, with one `-` for every run of other characters, at most 60
/// characters; `casus` when nothing is left (an empty title, or only emoji and signs).
pub fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for c in title.trim().nfc() {
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
        let composed = "Nguyễn Şahin financiële";
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
        // Decomposed input (as macOS file pickers give) comes out composed.
        let decomposed: String = "Nguyễn".nfd().collect();
        assert_eq!(file_stem(&decomposed), "nguyễn");
        assert_eq!(file_stem(&"é".repeat(100)).chars().count(), 60);
    }
}
