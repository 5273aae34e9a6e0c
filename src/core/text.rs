//! Letters, lowercase and uppercase for the alphabets our users write in — Latin with
//! its accents (Dutch, Polish, Romanian, Turkish …), Greek and Cyrillic — without std's
//! Unicode tables, which would add ~10 KB to the wasm. Characters outside these
//! alphabets count as no letter and stay as they are.

/// Whether `c` is a letter of the alphabets this module knows: Latin-1, Latin
/// Extended-A, most of Latin Extended-B, modern Greek and Cyrillic.
fn in_known_alphabet(c: char) -> bool {
    match u32::from(c) {
        0xC0..=0x17F => c != '×' && c != '÷',
        0x1CD..=0x1F0 | 0x1F8..=0x21F | 0x222..=0x233 | 0x246..=0x24F => true,
        0x386..=0x3CE => !matches!(u32::from(c), 0x387 | 0x38B | 0x38D | 0x3A2),
        0x3D8..=0x3EF => true,
        0x400..=0x4FF => !matches!(u32::from(c), 0x482..=0x489),
        _ => false,
    }
}

/// `c` in lowercase, for the alphabets this module knows; any other character as it is.
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = u32::from(c);
    let lowered = match code {
        // Latin-1: À–Þ, except ×.
        0xC0..=0xDE if code != 0xD7 => code + 0x20,
        // Latin Extended-A: pairs of upper (even) and lower (odd) …
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        // … then pairs of upper (odd) and lower (even).
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x130 => u32::from('i'),
        0x178 => 0xFF,
        // Latin Extended-B: Romanian Ș and Ț among the regular pairs.
        0x1CD..=0x1DC if code % 2 == 1 => code + 1,
        0x1DE..=0x1EF | 0x1F8..=0x21F | 0x222..=0x233 | 0x246..=0x24F if code % 2 == 0 => code + 1,
        // Greek: the capitals with a tonos, the capitals (U+03A2 is unassigned), the
        // archaic letters in pairs.
        0x386 => 0x3AC,
        0x388..=0x38A => code + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => code + 63,
        0x391..=0x3AB if code != 0x3A2 => code + 0x20,
        0x3D8..=0x3EF if code % 2 == 0 => code + 1,
        // Cyrillic: Ѐ–Џ, А–Я, and the pairs of the extended letters (Ґ, Ғ, Қ …).
        0x400..=0x40F => code + 0x50,
        0x410..=0x42F => code + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x4FF if code % 2 == 0 => code + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if code % 2 == 1 => code + 1,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// `text` in lowercase; see [`lower`].
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// Whether `c` is an uppercase letter of the alphabets this module knows.
pub fn is_upper(c: char) -> bool {
    lower(c) != c
}

/// Whether `c` is a digit or a letter of the alphabets this module knows.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || in_known_alphabet(c)
}

/// Lowercase without accents, for comparing labels and searching.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .map(lower)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ĳ' => 'y',
            '−' | '–' | '—' => '-',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("  Bijstand Ingezetene Één "), "bijstand ingezetene een");
    }

    /// Every character in the known alphabets whose std lowercase is one character.
    fn known() -> impl Iterator<Item = char> {
        ('\0'..='ӿ').filter(|&c| c.is_ascii() || in_known_alphabet(c))
    }

    #[test]
    fn lowercase_agrees_with_std_on_the_known_alphabets() {
        let mut checked = 0;
        let mut wrong = Vec::new();
        for c in known() {
            let mut std_lower = c.to_lowercase();
            if let (Some(single), None) = (std_lower.next(), std_lower.next()) {
                if lower(c) != single {
                    wrong.push(format!("{c} U+{:04X} → {single}", u32::from(c)));
                }
                checked += 1;
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join(", "));
        assert!(checked > 700, "only {checked} characters checked");
        assert_eq!(lower('İ'), 'i');
    }

    #[test]
    fn uppercase_and_letters_agree_with_std_on_the_known_alphabets() {
        for c in known() {
            assert_eq!(is_upper(c), c.is_uppercase() && c.to_lowercase().ne([c]), "{c} U+{:04X}", u32::from(c));
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c} U+{:04X}", u32::from(c));
        }
        assert_eq!(
            lowercase("Schuld bij de CAK — Ĳsselmonde, ŞİŞLİ, Ștefan, Žilina, ДОЛГ"),
            "schuld bij de cak — ĳsselmonde, şişli, ștefan, žilina, долг"
        );
        assert!(!is_letter_or_digit('×') && !is_letter_or_digit('-') && is_letter_or_digit('ë'));
    }
}
