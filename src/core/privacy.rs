//! Warnings for directly identifying data in a case: a case map should be pseudonymous,
//! so a label or note that looks like a BSN, an e-mail address or a Dutch phone number
//! gets a warning. The checks are heuristics without a regex crate:
//!
//! - BSN: 9 digits (or 8, read with a leading 0) that pass the 11-proef; 9 digits may
//!   be grouped with spaces or dots (`123 456 782`, `1234.56.782`).
//! - E-mail: `local@domain.tld` with a dotted domain and a top-level domain of letters,
//!   in any script (`fatima@gmail.com`, `فاطمة@gmail.com`, `ivan@почта.рф`).
//! - Phone: a Dutch number of 10 digits starting with 0 (`06-12345678`,
//!   `020 123 4567`), or `+31`/`0031` followed by 9 digits (`+31 (0)6 1234 5678`);
//!   0800 and 090x service numbers are not personal and are not reported.
//!
//! Nothing is ever sent anywhere; the warning only tells the user where to look.

use crate::core::lang::Lang;
use crate::core::meeting::MeetingPlace;
use crate::core::model::{Case, Target};
use crate::core::text::is_combining_mark;
use std::fmt;

/// A kind of directly identifying data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonalData {
    /// A burgerservicenummer that passes the 11-proef.
    Bsn,
    /// An e-mail address.
    Email,
    /// A Dutch phone number.
    Phone,
}

impl PersonalData {
    /// The Dutch name used in warnings.
    pub fn dutch_name(self) -> &'static str {
        match self {
            PersonalData::Bsn => "een burgerservicenummer (BSN)",
            PersonalData::Email => "een e-mailadres",
            PersonalData::Phone => "een telefoonnummer",
        }
    }
}

/// Where in the case the text was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The case title.
    Title,
    /// The label of the factor with this id.
    FactorLabel(String),
    /// The note of the factor with this id.
    FactorNote(String),
    /// The note, sector or rule of the link with this id.
    LinkText(String),
    /// A checklist note of the intervention on this target.
    ChecklistNote(Target),
    /// A text of the meeting record (a role, organisation, action, decision, ...).
    Meeting(MeetingPlace),
}

/// One warning: what kind of data was found, and where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PrivacyWarning {
    /// Where the text is.
    pub place: Place,
    /// What it looks like.
    pub kind: PersonalData,
}

impl fmt::Display for PrivacyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match &self.place {
            Place::Title => "de titel van de casus".to_string(),
            Place::FactorLabel(id) => format!("het label van factor '{id}'"),
            Place::FactorNote(id) => format!("de notitie bij factor '{id}'"),
            Place::LinkText(id) => format!("de tekst bij verband '{id}'"),
            Place::ChecklistNote(Target::Factor(id)) => format!("de checklist van de interventie op factor '{id}'"),
            Place::ChecklistNote(Target::Link(id)) => format!("de checklist van de interventie op verband '{id}'"),
            Place::Meeting(place) => place.describe(Lang::Nl),
        };
        write!(
            f,
            "{place} lijkt {} te bevatten; een casus hoort pseudoniem te zijn, haal direct herleidbare gegevens weg",
            self.kind.dutch_name()
        )
    }
}

/// Every warning for the free text of a case, in case order, at most one per place and kind.
pub fn check_case(case: &Case) -> Vec<PrivacyWarning> {
    let mut warnings = Vec::new();
    let mut add = |place: Place, text: &str| {
        for kind in find_personal_data(text) {
            warnings.push(PrivacyWarning { place: place.clone(), kind });
        }
    };
    add(Place::Title, &case.title);
    for factor in &case.factors {
        add(Place::FactorLabel(factor.id.clone()), &factor.label);
        add(Place::FactorNote(factor.id.clone()), &factor.note);
    }
    for link in &case.links {
        let text = [Some(link.note.as_str()), link.sector.as_deref(), link.rule.as_deref()];
        add(Place::LinkText(link.id.clone()), &text.into_iter().flatten().collect::<Vec<_>>().join("\n"));
    }
    for intervention in &case.interventions {
        let notes: Vec<&str> = intervention.checklist.iter().map(|entry| entry.note.as_str()).collect();
        add(Place::ChecklistNote(intervention.target.clone()), &notes.join("\n"));
    }
    for (place, text) in case.meeting.texts() {
        add(Place::Meeting(place), &text);
    }
    warnings
}

/// The kinds of personal data that `text` seems to contain, each once, in the order
/// BSN, e-mail, phone.
pub fn find_personal_data(text: &str) -> Vec<PersonalData> {
    let mut found = Vec::new();
    let numbers = find_numbers(text);
    if numbers.bsn {
        found.push(PersonalData::Bsn);
    }
    if contains_email(text) {
        found.push(PersonalData::Email);
    }
    if numbers.phone {
        found.push(PersonalData::Phone);
    }
    found
}

/// Whether a 9-digit number passes the 11-proef: the digits weighted 9, 8, ..., 2 and
/// the last one −1 sum to a multiple of 11 (and not to 0). 8 digits are read with a
/// leading 0. Anything else is not a BSN.
pub fn is_valid_bsn(digits: &str) -> bool {
    const WEIGHTS: [i64; 9] = [9, 8, 7, 6, 5, 4, 3, 2, -1];
    if !(8..=9).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // An 8-digit number is read with a leading 0, which adds nothing to the sum.
    let weights = &WEIGHTS[WEIGHTS.len() - digits.len()..];
    let sum: i64 = digits.bytes().zip(weights).map(|(digit, weight)| i64::from(digit - b'0') * weight).sum();
    sum != 0 && sum % 11 == 0
}

/// The phone and BSN findings among the numbers in a text.
#[derive(Default)]
struct Numbers {
    bsn: bool,
    phone: bool,
}

/// A run of ASCII digits and what precedes it.
struct Group<'a> {
    digits: &'a str,
    /// The text between the previous group (or the start) and this one.
    gap: &'a str,
}

/// The longest digit string a phone number can have (`0031` and 9 digits).
const MAX_NUMBER_DIGITS: usize = 13;

/// Looks at every run of digit groups joined by short separators (`06-1234 5678`), and
/// at every contiguous part of such a run, for phone numbers and BSNs.
fn find_numbers(text: &str) -> Numbers {
    let mut groups = Vec::new();
    let mut last_end = 0;
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let length = rest[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len() - start);
        let (begin, end) = (offset + start, offset + start + length);
        groups.push(Group { digits: &text[begin..end], gap: &text[last_end..begin] });
        last_end = end;
        offset = end;
        rest = &text[end..];
    }
    let mut numbers = Numbers::default();
    for first in 0..groups.len() {
        let plus = groups[first].gap.ends_with('+');
        let mut joined = String::new();
        let mut grouped_for_bsn = true;
        for (index, group) in groups.iter().enumerate().skip(first) {
            if index > first {
                if !joins(group.gap) {
                    break;
                }
                grouped_for_bsn &= matches!(group.gap, " " | ".");
            }
            joined.push_str(group.digits);
            if joined.len() > MAX_NUMBER_DIGITS {
                break;
            }
            numbers.phone |= is_dutch_phone(&joined, plus);
            let single = index == first;
            numbers.bsn |= !plus
                && ((joined.len() == 9 && grouped_for_bsn) || (joined.len() == 8 && single))
                && is_valid_bsn(&joined);
        }
    }
    numbers
}

/// Whether two digit groups separated by `gap` belong to one written number.
fn joins(gap: &str) -> bool {
    !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '-' | '.' | '/' | '(' | ')'))
}

/// Whether `digits` (written after a `+` when `plus`) is a Dutch phone number that
/// belongs to a person or household: after the trunk 0 (or `+31`/`0031`, with or
/// without `(0)`) come 9 digits that are not a service number (0800, 090x).
fn is_dutch_phone(digits: &str, plus: bool) -> bool {
    let international = if plus { digits.strip_prefix("31") } else { digits.strip_prefix("0031") };
    let subscriber = match international {
        Some(rest) => rest.strip_prefix('0').unwrap_or(rest),
        None if plus => return false,
        None => match digits.strip_prefix('0') {
            Some(rest) => rest,
            None => return false,
        },
    };
    subscriber.len() == 9
        && !subscriber.starts_with('0')
        && !subscriber.starts_with("800")
        && !subscriber.starts_with("90")
}

/// Whether `text` holds something shaped like an e-mail address: a local part, `@`,
/// and a domain of non-empty labels ending in a top-level domain of 2+ letters. Letters
/// and digits are those of any script (internationalised addresses, RFC 6531), with
/// their combining marks.
fn contains_email(text: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let is_local = |c: char| is_word(c) || "._%+-'".contains(c);
    let is_domain = |c: char| is_word(c) || c == '-' || c == '.';
    text.match_indices('@').any(|(at, _)| {
        if !text[..at].chars().next_back().is_some_and(is_local) {
            return false;
        }
        let after = &text[at + 1..];
        let end = after
            .char_indices()
            .take(255)
            .take_while(|&(_, c)| is_domain(c))
            .last()
            .map_or(0, |(index, c)| index + c.len_utf8());
        let domain = after[..end].trim_end_matches('.');
        let Some((rest, tld)) = domain.rsplit_once('.') else { return false };
        !rest.is_empty()
            && !rest.starts_with('.')
            && !domain.contains("..")
            && tld.chars().count() >= 2
            && tld.chars().all(|c| c.is_alphabetic() || is_combining_mark(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_test() {
        assert!(is_valid_bsn("111222333"));
        assert!(is_valid_bsn("123456782"));
        assert!(!is_valid_bsn("123456789"));
        assert!(!is_valid_bsn("000000000"));
        assert!(!is_valid_bsn("12345678a"));
    }

    #[test]
    fn finds_bsns_that_pass_the_eleven_test() {
        for text in ["BSN 111222333", "bsn: 123456782.", "123 456 782", "1234.56.782", "(012345672)", "12345672"] {
            assert_eq!(find_personal_data(text), [PersonalData::Bsn], "{text}");
        }
        // 9 digits that fail the 11-proef, too few or too many digits, a date, an amount.
        for text in ["123456789", "dossier 111222334", "1234567", "1112223334", "12-03-2024", "€ 1.234.567,89"] {
            assert_eq!(find_personal_data(text), [], "{text}");
        }
    }

    #[test]
    fn finds_email_addresses() {
        for text in ["mail j.de.vries@gemeente.nl", "<a.b+c@x-y.example.org>", "Mw@Voorbeeld.NL."] {
            assert_eq!(find_personal_data(text), [PersonalData::Email], "{text}");
        }
        for text in ["@gemeente", "info@", "a@b", "x@y.1", "2 @ 3.5 euro", "team @ wijkteam . nl"] {
            assert_eq!(find_personal_data(text), [], "{text}");
        }
    }

    #[test]
    fn finds_e_mail_addresses_in_every_script() {
        let addresses = [
            "فاطمة@gmail.com",
            "mail ivan@почта.рф",
            "ivan.petrov@пример.испытание",
            "王伟@例子.广告",
            "contact: yılmaz.şahin@örnek.com.tr",
            "nguyễn.văn.an@ví-dụ.vn",
            "ሰላም@ምሳሌ.com",
            "😀 jan@voorbeeld.nl 😀",
        ];
        for text in addresses {
            assert_eq!(find_personal_data(text), [PersonalData::Email], "{text}");
        }
        // Decomposed accents (e + U+0302 + U+0303) belong to the address too.
        assert_eq!(find_personal_data("nguye\u{302}\u{303}n@vi\u{301}-du\u{323}.vn"), [PersonalData::Email]);
        for text in ["فاطمة@", "@почта.рф", "ivan@почта", "王伟 @ 例子 . 广告", "ivan@почта.р"]
        {
            assert_eq!(find_personal_data(text), [], "{text}");
        }
    }

    #[test]
    fn finds_dutch_phone_numbers() {
        let phones = [
            "06-12345678",
            "bel 06 1234 5678",
            "0612345678",
            "020-1234567",
            "(020) 123 45 67",
            "0455-123456",
            "+31 6 12345678",
            "+31 (0)6-1234 5678",
            "+31201234567",
            "0031 6 1234 5678",
        ];
        for text in phones {
            assert_eq!(find_personal_data(text), [PersonalData::Phone], "{text}");
        }
        let not_phones = ["0800-1234567", "0900 1234567", "061234567", "+44 20 1234 5678", "1234567890", "06-1234"];
        for text in not_phones {
            assert_eq!(find_personal_data(text), [], "{text}");
        }
    }

    #[test]
    fn ordinary_case_text_raises_nothing() {
        let texts =
            ["Schulden > € 12.000 bij 3 schuldeisers", "Wachtlijst GGZ 14 weken", "Huur 2024: 850,00", "WON-03"];
        for text in texts {
            assert_eq!(find_personal_data(text), [], "{text}");
        }
    }

    #[test]
    fn check_case_names_the_place_in_dutch() {
        let case: Case = serde_json::from_str(
            r#"{"title":"Casus 06-12345678","factors":[{"id":"f1","label":"Jan","note":"jan@voorbeeld.nl, 111222333"}],
                "links":[{"id":"l1","from":"f1","to":"f1","rule":"zie 020 123 4567"}],
                "interventions":[{"target":{"type":"link","id":"l1"},"checklist":[{"item":"a","note":"BSN 123456782"}]}]}"#,
        )
        .expect("valid case");
        let warnings = check_case(&case);
        let found: Vec<(Place, PersonalData)> = warnings.iter().map(|w| (w.place.clone(), w.kind)).collect();
        assert_eq!(
            found,
            [
                (Place::Title, PersonalData::Phone),
                (Place::FactorNote("f1".into()), PersonalData::Bsn),
                (Place::FactorNote("f1".into()), PersonalData::Email),
                (Place::LinkText("l1".into()), PersonalData::Phone),
                (Place::ChecklistNote(Target::Link("l1".into())), PersonalData::Bsn),
            ]
        );
        assert_eq!(
            warnings[2].to_string(),
            "de notitie bij factor 'f1' lijkt een e-mailadres te bevatten; een casus hoort pseudoniem te zijn, \
             haal direct herleidbare gegevens weg"
        );
    }

    #[test]
    fn long_or_hostile_text_is_scanned_in_bounded_work() {
        // Every position starts a candidate number here; the work per start is bounded.
        let text = "1 ".repeat(20_000) + &"a@".repeat(20_000) + &"9".repeat(20_000);
        assert_eq!(find_personal_data(&text), []);
    }

    #[test]
    fn phone_shapes() {
        assert!(is_dutch_phone("0612345678", false));
        assert!(is_dutch_phone("31612345678", true));
        assert!(is_dutch_phone("310612345678", true));
        assert!(is_dutch_phone("0031201234567", false));
        assert!(!is_dutch_phone("0800123456", false));
        assert!(!is_dutch_phone("4412345678", true));
    }
}
