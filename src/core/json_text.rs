//! Indented JSON for the files people open and read: case files, own rules, the policy
//! signal and sealed exports. serde_json's compact writer writes the value and its
//! pretty writer indents the result as a `serde_json::Value`, so each type carries only the
//! compact JSON writer (which storage needs anyway) instead of a second, indenting copy
//! (about 4 kB of wasm for the case alone). With serde_json's `preserve_order` the fields
//! keep their order.

use serde::Serialize;

/// `value` as indented JSON, as `serde_json::to_string_pretty` writes it.
///
/// # Errors
/// When `value` cannot be written as JSON (a map with keys that are not strings).
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let compact = serde_json::to_string(value)?;
    let tree: serde_json::Value = serde_json::from_str(&compact)?;
    serde_json::to_string_pretty(&tree)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::case_json;
    use crate::core::model::Case;

    #[test]
    fn indents_exactly_as_serde_json_does() {
        let case = Case { title: "Gezin Şahin — عائلة".into(), ..Case::default() };
        let envelope = case_json::write_case(&case);
        let value: serde_json::Value = serde_json::from_str(&envelope).expect("a case file");
        assert_eq!(pretty(&value).expect("writes"), serde_json::to_string_pretty(&value).expect("writes"));
        let direct = serde_json::to_string_pretty(&case).expect("writes");
        assert_eq!(pretty(&case).expect("writes"), direct, "fields in their order, numbers as they were");
        assert!(direct.contains("\n  \"title\": \"Gezin Şahin — عائلة\""), "{direct}");
    }
}
