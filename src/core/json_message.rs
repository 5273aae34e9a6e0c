//! serde_json's error messages in Dutch, for the JSON files users bring in: case files and
//! rules files. The position ("at line 3 column 7") is left out; callers that know what a
//! position means in their file add it themselves.

/// The message of `error` in Dutch, without its position. Messages this module does not
/// know stay as serde_json wrote them.
pub(crate) fn dutch(error: &serde_json::Error) -> String {
    let english = error.to_string();
    let english = english.rsplit_once(" at line ").map_or(english.as_str(), |(message, _)| message);
    translate(english)
}

/// Translates the serde_json messages users meet; anything else stays as it is.
fn translate(english: &str) -> String {
    let between_ticks = |text: &str| text.split('`').nth(1).unwrap_or_default().to_string();
    let allowed = |rest: &str| rest.split('`').skip(3).step_by(2).collect::<Vec<_>>().join(", ");
    const FIXED: [(&str, &str); 12] = [
        ("EOF while parsing", "het bestand houdt op midden in de JSON (ontbreekt er een } of ]?)"),
        ("expected value", "hier wordt een waarde verwacht"),
        ("expected ident", "hier wordt true, false of null verwacht"),
        ("trailing comma", "er staat een komma te veel voor het sluithaakje"),
        ("trailing characters", "na het einde van de JSON staat nog tekst"),
        ("key must be a string", "een veldnaam moet tussen dubbele aanhalingstekens staan"),
        ("expected `:`", "hier wordt een dubbele punt verwacht"),
        ("expected `,` or `}`", "hier wordt een komma of } verwacht"),
        ("expected `,` or `]`", "hier wordt een komma of ] verwacht"),
        ("control character", "een tekst bevat een stuurteken; schrijf een regelovergang als \\n"),
        ("invalid escape", "ongeldige escape met \\ in een tekst"),
        ("recursion limit exceeded", "de JSON is te diep genest"),
    ];
    if let Some((_, dutch)) = FIXED.iter().find(|(prefix, _)| english.starts_with(prefix)) {
        return (*dutch).to_string();
    }
    if english.starts_with("missing field") {
        format!("het veld \"{}\" ontbreekt", between_ticks(english))
    } else if english.starts_with("duplicate field") {
        format!("het veld \"{}\" staat er twee keer", between_ticks(english))
    } else if let Some(rest) = english.strip_prefix("unknown variant ") {
        format!("onbekende waarde \"{}\"; toegestaan: {}", between_ticks(rest), allowed(rest))
    } else if let Some(rest) = english.strip_prefix("unknown field ") {
        format!("onbekend veld \"{}\"; toegestaan: {}", between_ticks(rest), allowed(rest))
    } else if let Some(rest) = english.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!("verkeerd soort waarde ({found}); verwacht: {expected}")
    } else {
        english.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        id: String,
        level: u8,
    }

    fn message_for(json: &str) -> String {
        dutch(&serde_json::from_str::<Entry>(json).expect_err("the JSON is wrong"))
    }

    #[test]
    fn names_the_missing_and_unknown_fields_in_dutch_without_position() {
        assert_eq!(message_for(r#"{"id": "A"}"#), "het veld \"level\" ontbreekt");
        assert_eq!(
            message_for(r#"{"id": "A", "level": 1, "colour": 2}"#),
            "onbekend veld \"colour\"; toegestaan: id, level"
        );
        assert_eq!(message_for(r#"{"id": 3, "level": 1}"#), "verkeerd soort waarde (integer `3`); verwacht: a string");
        assert_eq!(
            message_for(r#"{"id": "A", "level": 1"#),
            "het bestand houdt op midden in de JSON (ontbreekt er een } of ]?)"
        );
    }
}
