//! A copy of the stored entries as one read-only transaction read them, store by store:
//! `www/storage-early.js` reads the whole database so while the app still downloads, and
//! the app's opening read (`ui::services::storage::read_at_start`) is answered from it
//! as the database would have answered it then.

/// Every entry of some stores, each store's in the order the database listed its keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreSnapshot {
    stores: Vec<(String, Vec<(String, String)>)>,
}

impl StoreSnapshot {
    /// Adds the entries of store `name` (`(key, value)`, in key order).
    pub fn add_store(&mut self, name: &str, entries: Vec<(String, String)>) {
        self.stores.push((name.to_string(), entries));
    }

    /// The entries of store `name`; none for a store that was not read.
    fn entries(&self, name: &str) -> &[(String, String)] {
        self.stores.iter().find(|(store, _)| store == name).map_or(&[], |(_, entries)| entries)
    }

    /// The value under `key` in `store`, if there was one.
    pub fn value(&self, store: &str, key: &str) -> Option<&str> {
        self.entries(store).iter().find(|(k, _)| k == key).map(|(_, value)| value.as_str())
    }

    /// The entries of `store` whose key starts with `prefix`, in key order.
    pub fn with_prefix(&self, store: &str, prefix: &str) -> Vec<(String, String)> {
        self.entries(store).iter().filter(|(key, _)| key.starts_with(prefix)).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, value: &str) -> (String, String) {
        (key.to_string(), value.to_string())
    }

    fn snapshot() -> StoreSnapshot {
        let mut snapshot = StoreSnapshot::default();
        snapshot.add_store("cases", vec![entry("0a", "first"), entry("9f", "second")]);
        snapshot.add_store(
            "settings",
            vec![
                entry("draft:0a:title", "Familie Şahin"),
                entry("draft:new:title", "عائلة أحمد"),
                entry("drafts", "not a draft"),
                entry("last-case", "0a"),
            ],
        );
        snapshot
    }

    #[test]
    fn a_value_is_found_by_store_and_key_only() {
        let snapshot = snapshot();
        assert_eq!(snapshot.value("settings", "last-case"), Some("0a"));
        assert_eq!(snapshot.value("cases", "last-case"), None);
        assert_eq!(snapshot.value("settings", "vault"), None);
        assert_eq!(snapshot.value("unknown", "0a"), None);
    }

    #[test]
    fn entries_under_a_prefix_keep_their_order_and_nothing_else() {
        let snapshot = snapshot();
        assert_eq!(
            snapshot.with_prefix("settings", "draft:"),
            vec![entry("draft:0a:title", "Familie Şahin"), entry("draft:new:title", "عائلة أحمد")]
        );
        assert_eq!(snapshot.with_prefix("cases", ""), vec![entry("0a", "first"), entry("9f", "second")]);
        assert!(snapshot.with_prefix("settings", "draft:9f:").is_empty());
        assert!(snapshot.with_prefix("unknown", "").is_empty());
    }
}
