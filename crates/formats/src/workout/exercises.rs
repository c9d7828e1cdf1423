//! runlift's exercise ids (rulebook §5) mapped to Garmin's `exercise_category` and
//! `<category>_exercise_name` numbers (FIT SDK 21.218 profile), so a watch shows and counts the
//! right exercise. Where Garmin has no such exercise the category alone is given. The Garmin
//! words beside each number are checked against the SDK by the integration tests.

use super::FitExercise;

/// One mapping: runlift id, category number, exercise-name number, and Garmin's words
/// (`category` or `category/exercise_name`) for the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FitExerciseEntry {
    pub id: &'static str,
    pub category: u16,
    pub name: Option<u16>,
    pub garmin: &'static str,
}

const fn e(
    id: &'static str,
    category: u16,
    name: Option<u16>,
    garmin: &'static str,
) -> FitExerciseEntry {
    FitExerciseEntry {
        id,
        category,
        name,
        garmin,
    }
}

// Category numbers (profile type `exercise_category`).
const CALF_RAISE: u16 = 1;
const CARRY: u16 = 3;
const CORE: u16 = 5;
const DEADLIFT: u16 = 8;
const HIP_RAISE: u16 = 10;
const HIP_STABILITY: u16 = 11;
const LEG_CURL: u16 = 15;
const LUNGE: u16 = 17;
const PLANK: u16 = 19;
const PLYO: u16 = 20;
const PUSH_UP: u16 = 22;
const ROW: u16 = 23;
const SQUAT: u16 = 28;
const WARM_UP: u16 = 31;

/// Every exercise of the rulebook §5 library.
pub const FIT_EXERCISES: &[FitExerciseEntry] = &[
    e("back-squat", SQUAT, Some(6), "squat/barbell_back_squat"),
    e("half-squat", SQUAT, Some(12), "squat/barbell_quarter_squat"),
    e("goblet-squat", SQUAT, Some(37), "squat/goblet_squat"),
    e("deadlift", DEADLIFT, Some(0), "deadlift/barbell_deadlift"),
    e(
        "romanian-deadlift",
        DEADLIFT,
        Some(23),
        "deadlift/romanian_deadlift",
    ),
    e(
        "single-leg-rdl",
        DEADLIFT,
        Some(14),
        "deadlift/single_leg_romanian_deadlift_with_dumbbell",
    ),
    e(
        "offset-deadlift",
        DEADLIFT,
        Some(9),
        "deadlift/single_arm_deadlift",
    ),
    e(
        "rfe-split-squat",
        LUNGE,
        Some(18),
        "lunge/dumbbell_bulgarian_split_squat",
    ),
    e("split-squat", SQUAT, Some(28), "squat/dumbbell_split_squat"),
    e(
        "anti-rotation-split-squat",
        LUNGE,
        Some(37),
        "lunge/offset_dumbbell_lunge",
    ),
    e(
        "reverse-lunge",
        LUNGE,
        Some(82),
        "lunge/dumbbell_reverse_lunge",
    ),
    e("step-up", SQUAT, Some(32), "squat/dumbbell_step_up"),
    e("explosive-step-up", SQUAT, Some(66), "squat/step_up"),
    e("single-leg-press", SQUAT, Some(0), "squat/leg_press"),
    e(
        "hip-thrust",
        HIP_RAISE,
        Some(1),
        "hip_raise/barbell_hip_thrust_with_bench",
    ),
    e("glute-bridge", HIP_RAISE, Some(11), "hip_raise/hip_raise"),
    e(
        "single-leg-bridge",
        HIP_RAISE,
        Some(30),
        "hip_raise/single_leg_hip_raise",
    ),
    e("clamshell", HIP_RAISE, Some(44), "hip_raise/clams"),
    e(
        "lateral-band-walk",
        HIP_STABILITY,
        Some(11),
        "hip_stability/lateral_walks_with_band_at_ankles",
    ),
    e("nordic-curl", LEG_CURL, None, "leg_curl"),
    e(
        "straight-knee-calf-raise",
        CALF_RAISE,
        Some(18),
        "calf_raise/standing_calf_raise",
    ),
    e(
        "bent-knee-calf-raise",
        CALF_RAISE,
        Some(6),
        "calf_raise/seated_calf_raise",
    ),
    e("iso-calf-hold", CALF_RAISE, None, "calf_raise"),
    e("wall-sit", SQUAT, Some(20), "squat/body_weight_wall_squat"),
    e("iso-split-squat", SQUAT, None, "squat"),
    e("pogo-hops", PLYO, None, "plyo"),
    e("a-skip", WARM_UP, None, "warm_up"),
    e(
        "high-knees",
        WARM_UP,
        Some(26),
        "warm_up/walking_high_knees",
    ),
    e("jump-squat", PLYO, Some(37), "plyo/jump_squat"),
    e("frog-jumps", PLYO, None, "plyo"),
    e("box-jump", PLYO, Some(33), "plyo/box_jump"),
    e("mini-hurdle-hops", PLYO, None, "plyo"),
    e(
        "jumping-lunge",
        PLYO,
        Some(0),
        "plyo/alternating_jump_lunge",
    ),
    e("bounding", PLYO, None, "plyo"),
    e("drop-jump", PLYO, Some(7), "plyo/depth_jump"),
    e("dead-bug", HIP_STABILITY, Some(1), "hip_stability/dead_bug"),
    e("front-plank", PLANK, Some(43), "plank/plank"),
    e("side-plank", PLANK, Some(66), "plank/side_plank"),
    e("copenhagen-plank", PLANK, None, "plank"),
    e("pallof-press", CORE, None, "core"),
    e("suitcase-carry", CARRY, None, "carry"),
    e("farmers-carry", CARRY, Some(7), "carry/farmers_carry"),
    e("row", ROW, Some(13), "row/one_arm_bent_over_row"),
    e("push-up", PUSH_UP, Some(77), "push_up/push_up"),
    e("ankle-dorsiflexion", WARM_UP, None, "warm_up"),
    e(
        "hip-flexor-thoracic-mobility",
        WARM_UP,
        Some(49),
        "warm_up/stretch_lunging_hip_flexor",
    ),
];

/// Garmin's numbers for a runlift exercise id, if the id is in the library.
pub fn fit_exercise(id: &str) -> Option<FitExercise> {
    FIT_EXERCISES
        .iter()
        .find(|x| x.id == id)
        .map(|x| FitExercise {
            category: x.category,
            name: x.name,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_words_agree_with_numbers_given() {
        let mut ids: Vec<_> = FIT_EXERCISES.iter().map(|x| x.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FIT_EXERCISES.len());
        for x in FIT_EXERCISES {
            // A name number goes with a `category/name` word and only then.
            assert_eq!(x.name.is_some(), x.garmin.contains('/'), "{}", x.id);
        }
        assert_eq!(
            fit_exercise("back-squat"),
            Some(FitExercise {
                category: 28,
                name: Some(6)
            })
        );
        assert_eq!(fit_exercise("no-such-lift"), None);
    }
}
