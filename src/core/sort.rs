//! Stable sorting through one shared instantiation of the standard library's sort.
//!
//! Every `slice::sort_by` call with its own closure compiles a complete copy of the sort
//! (about 4 KB of WebAssembly each). These helpers sort a list of indices with one
//! comparator type (`&dyn Fn`) and a tie-break on the original position, then move the
//! items into that order, so the whole crate carries a single copy. The results are those
//! of the standard library's stable sorts: equal items keep their order.

use std::cmp::Ordering;

/// The positions `0..len` in the stable order of `compare`: ties keep ascending position.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

/// Moves the items so that position `i` holds what was at `order[i]`.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        // Follow the cycle through `start`; a visited position points to itself.
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

/// Like [`slice::sort_by`]: stable, by `compare`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Like [`slice::sort_by_key`]: stable, by `key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Like [`slice::sort_by_cached_key`]: stable, by `key`, computed once per item.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = stable_order(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    permute(items, order);
}

/// Like [`slice::sort`]: stable, by `Ord`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
#[allow(clippy::unnecessary_sort_by)] // the comparator form is what is tested
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sorts(items in proptest::collection::vec((0u8..6, 0u16..1000), 0..80)) {
            let mut expected = items.clone();
            expected.sort_by(|a, b| b.0.cmp(&a.0));
            let mut actual = items.clone();
            sort_by(&mut actual, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(&actual, &expected);

            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut actual = items.clone();
            sort_by_key(&mut actual, |item| item.0);
            prop_assert_eq!(&actual, &expected);

            let mut expected = items.clone();
            expected.sort_by_cached_key(|item| item.0 % 3);
            let mut actual = items.clone();
            sort_by_cached_key(&mut actual, |item| item.0 % 3);
            prop_assert_eq!(&actual, &expected);

            let mut expected = items.clone();
            expected.sort();
            let mut actual = items;
            sort(&mut actual);
            prop_assert_eq!(actual, expected);
        }
    }
}
