//! A saved plan's JSON body edited in place (`today --accept`, `replan`): sessions rewritten by
//! their position in `sessions` (their id, phase and week kept, a line added to `why`) or
//! removed; everything else of the body is left as it was.

use anyhow::anyhow;
use runlift_model::plan::Session;
use runlift_plan::output::session_out;
use serde_json::Value;

/// One edit of the body's `sessions` list.
pub enum Edit<'a> {
    /// The session at `pos` becomes `after`, with `why` added to its reasons.
    Rewrite {
        pos: usize,
        after: &'a Session,
        why: String,
    },
    /// The session at `pos` is left out.
    Remove { pos: usize },
}

/// `body` with `edits` applied.
pub fn edited(body: &str, edits: &[Edit]) -> anyhow::Result<String> {
    let mut body: Value = serde_json::from_str(body)?;
    let list = body
        .get_mut("sessions")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| anyhow!("the saved plan has no `sessions` list"))?;
    let mut remove: Vec<usize> = Vec::new();
    for e in edits {
        match e {
            Edit::Remove { pos } => remove.push(*pos),
            Edit::Rewrite { pos, after, why } => {
                let old = list
                    .get(*pos)
                    .ok_or_else(|| anyhow!("the saved plan has no session {}", pos + 1))?;
                let text = |k: &str| old.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                let week = old.get("week").and_then(Value::as_u64).unwrap_or(0) as usize;
                let mut reasons: Vec<String> = old
                    .get("why")
                    .and_then(Value::as_array)
                    .map(|w| {
                        w.iter()
                            .filter_map(Value::as_str)
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default();
                reasons.push(why.clone());
                list[*pos] = serde_json::to_value(session_out(
                    after,
                    &text("id"),
                    text("phase"),
                    week,
                    &reasons,
                ))?;
            }
        }
    }
    remove.sort_unstable();
    remove.dedup();
    for pos in remove.into_iter().rev() {
        list.remove(pos);
    }
    Ok(serde_json::to_string(&body)?)
}
