//! The three-way rule for one value edited in two places: a side that changed
//! it since the common base wins; when both did, this side (`mine`) wins. Used
//! wherever an unsaved edit meets a newer saved or prefilled version, so that
//! neither side's change is lost.

/// `mine` unless it is still `base`, in which case `theirs`.
pub fn pick<T: PartialEq + Clone>(base: &T, mine: &T, theirs: &T) -> T {
    if mine == base { theirs } else { mine }.clone()
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[test]
    fn the_side_that_changed_wins_and_mine_wins_a_tie() {
        assert_eq!(pick(&1, &1, &2), 2, "only theirs changed");
        assert_eq!(pick(&1, &3, &1), 3, "only mine changed");
        assert_eq!(pick(&1, &3, &2), 3, "both changed: mine");
        assert_eq!(pick(&1, &1, &1), 1, "neither changed");
    }
}
