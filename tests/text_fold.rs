//! The fold table build.rs makes (`core::text`) against the Unicode crates it was made
//! from (build/fold.rs): every code point, and whole texts in which NFKD reorders marks.

#[path = "../build/fold.rs"]
#[allow(dead_code)] // build.rs writes the table's source; this test needs the folds only
mod by_crates;

use cirkelbreker::core::text::{fold, is_combining_mark};
use proptest::prelude::*;

#[test]
fn every_code_point_folds_as_the_crates_fold_it() {
    let mut checked = 0;
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        // Between two letters, so that folding's trim leaves a space or tab alone.
        let expected = format!("x{}x", by_crates::fold_by_crates(&c.to_string()));
        assert_eq!(fold(&format!("x{c}x")), expected, "U+{:04X}", u32::from(c));
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800);
}

#[test]
fn every_code_point_is_a_mark_as_the_crate_says() {
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        assert_eq!(is_combining_mark(c), unicode_normalization::char::is_combining_mark(c), "U+{:04X}", u32::from(c));
    }
}

#[test]
fn hangul_syllables_fold_to_their_jamo() {
    assert!(by_crates::is_hangul_syllable('한'));
    assert_eq!(fold("한국어"), "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}\u{110B}\u{1165}");
}

proptest! {
    #[test]
    fn texts_fold_as_the_crates_fold_them(text in "\\PC{0,40}", marks in "[\\u{300}-\\u{36F}\\u{591}-\\u{5C7}\\u{64B}-\\u{652}]{0,6}") {
        // Marks after a letter in every order, as NFKD reorders them by combining class.
        let text = format!("a{marks}{text}e{marks}");
        prop_assert_eq!(fold(&text), by_crates::fold_by_crates(text.trim()));
    }
}
