//! Sorting for the whole app with one copy of std's stable sort. Each element type and
//! comparison that `slice::sort_by` is used with compiles to a copy of its own (about
//! 2.5 kB of wasm each, some forty in all); these functions sort the items' positions with
//! the comparison behind a `dyn` and then move the items into that order, so the app
//! carries one. The order is std's: stable, so equal items keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` by their key, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by their key, stably, computing each item's key once.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, &mut order);
}

/// Sorts `items` in their own order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// std's stable sort of positions by `compare`: the one copy.
fn sort_positions(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Moves the items so that place `i` holds the item that was at `order[i]`, going round
/// each cycle of the permutation once. Leaves `order` as `0, 1, 2, …`.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut place = start;
        while order[place] != start {
            let source = order[place];
            items.swap(place, source);
            order[place] = place;
            place = source;
        }
        order[place] = place;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_std_sorts(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            // By the first field only, so that the second shows whether equal items kept
            // their order.
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|item| item.0);
            prop_assert_eq!(&ours, &std_sorted);

            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |item| std::cmp::Reverse(item.0));
            std_sorted.sort_by_key(|item| std::cmp::Reverse(item.0));
            prop_assert_eq!(&by_key, &std_sorted);

            let mut cached = items.clone();
            sort_by_cached_key(&mut cached, |item| item.1 % 7);
            std_sorted = items.clone();
            std_sorted.sort_by_key(|item| item.1 % 7);
            prop_assert_eq!(&cached, &std_sorted);

            let mut whole = items.clone();
            sort(&mut whole);
            std_sorted = items;
            std_sorted.sort();
            prop_assert_eq!(whole, std_sorted);
        }
    }
}
