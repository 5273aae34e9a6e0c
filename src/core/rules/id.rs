//! What ids in the rules library look like: slugs for sectors, factors and checklist
//! items, codes for rules, instruments and templates, and the municipality's prefix of an
//! own rule's id. The checks (`validate`) and the own-rule form (`own`) both use them, so
//! neither imports the other for them.

/// `[a-z0-9_]+`: sector, factor and checklist ids.
pub(crate) fn is_slug(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Letters, digits and '-': rule, instrument and template ids (`WON-03`, `B02`).
pub(crate) fn is_code(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The part of a rule id before the first `-` (`ZWD` in `ZWD-01`), if there is one with
/// something after it.
pub fn id_prefix(id: &str) -> Option<&str> {
    let (prefix, rest) = id.trim().split_once('-')?;
    (!prefix.is_empty() && !rest.is_empty()).then_some(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_prefixes() {
        assert!(is_slug("schuld_2") && !is_slug("Schuld") && !is_slug(""));
        assert!(is_code("WON-03") && !is_code("WON_03"));
        assert_eq!(id_prefix(" ZWD-01 "), Some("ZWD"));
        assert_eq!(id_prefix("ZWD-"), None);
        assert_eq!(id_prefix("-01"), None);
    }
}
