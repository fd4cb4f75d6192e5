//! One stable sort for every list the engine orders (hits, suggestions, facets, spans,
//! frequency tables, themes).
//!
//! Takes items and a comparator; sorts them stably, as `slice::sort_by` does. Why it exists:
//! each `sort_by` call with its own element type and closure is compiled into its own copy of
//! the standard library's sort (~4 KB of wasm each). Here only a list of indices is sorted,
//! always with the same comparator type, so the web build holds one copy; each caller adds
//! only a small move of its items into the new order.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp` (equal items keep their order), like `items.sort_by(cmp)`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The indices `0..len` stably sorted by `cmp`: the one instance of the standard sort.
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut state = 12345u32;
        let mut items: Vec<(u32, usize)> = (0..500)
            .map(|i| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((state >> 16) % 7, i)
            })
            .collect();
        let mut expected = items.clone();
        expected.sort_by(|a, b| b.0.cmp(&a.0));
        sort_by(&mut items, |a, b| b.0.cmp(&a.0));
        assert_eq!(items, expected);
        let mut empty: Vec<String> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
