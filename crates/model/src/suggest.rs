//! "Did you mean …?" suggestions for misspelt words (kinds, exercise ids, equipment).

/// Levenshtein distance between two short strings (case-insensitive).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The nearest of `candidates` to `word`, if it is close enough to be a likely misspelling.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `unknown {what} "{word}"`, with `; did you mean "{x}"?` when one is near.
pub fn unknown_word<'a>(
    what: &str,
    word: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    match nearest(word, candidates.clone()) {
        Some(n) => format!("unknown {what} \"{word}\"; did you mean \"{n}\"?"),
        None => {
            let list: Vec<&str> = candidates.into_iter().collect();
            if list.len() <= 20 {
                format!(
                    "unknown {what} \"{word}\"; expected one of: {}",
                    list.join(", ")
                )
            } else {
                format!("unknown {what} \"{word}\"")
            }
        }
    }
}

/// serde's `unknown field `minuts`, expected one of `date`, `minutes`, …` with the nearest valid
/// name put first: `unknown field `minuts`; did you mean `minutes`? (expected one of …)`. Other
/// messages are returned as they are.
pub fn with_field_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    // `monday` for `mon`: a valid name the field starts with, else the nearest spelling.
    let prefix = names
        .iter()
        .copied()
        .filter(|n| n.len() >= 2 && field.to_lowercase().starts_with(&n.to_lowercase()))
        .max_by_key(|n| n.len());
    match prefix.or_else(|| nearest(field, names.iter().copied())) {
        Some(n) => format!(
            "unknown field `{field}`; did you mean `{n}`? ({})",
            expected.trim_start_matches([',', ' '])
        ),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let c = ["RUN_TEMPO", "RUN_INT", "STR_HEAVY"];
        assert_eq!(nearest("RUN_TMPO", c), Some("RUN_TEMPO"));
        assert_eq!(nearest("run_int", c), Some("RUN_INT"));
        assert_eq!(nearest("SWIM", c), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn unknown_fields_get_the_nearest_name() {
        let m = "unknown field `minuts`, expected one of `date`, `slot`, `minutes`, `kind`";
        assert_eq!(
            with_field_suggestion(m),
            "unknown field `minuts`; did you mean `minutes`? (expected one of `date`, `slot`, `minutes`, `kind`)"
        );
        let day = "unknown field `monday`, expected one of `mon`, `tue`";
        assert!(with_field_suggestion(day).contains("did you mean `mon`?"));
        let far = "unknown field `zzzzzzzz`, expected `am` or `pm`";
        assert_eq!(with_field_suggestion(far), far);
        assert_eq!(with_field_suggestion("invalid type"), "invalid type");
    }
}
