#!/usr/bin/env python3
"""Decode a FIT workout file with Garmin's own SDK and print what it holds, as JSON.

Reads the file's bytes from standard input (or from the path given as the only argument). Prints
{"integrity": bool, "errors": [...], "file_id": [...], "workout": [...], "workout_step": [...]},
with values as the SDK gives them (scaled, enum words), and for each step with an exercise the
Garmin word of its exercise name ("exercise_name_word"). Exits 1 if the file fails the SDK's
integrity check or decodes with errors, so a shell or a test can rely on the status alone.

The runlift-formats integration tests run this script (crates/formats/tests/it/workout.rs).
Needs the pinned tools: python3 -m pip install -r tools/requirements.txt (in a virtual environment)
"""

import json
import sys

from garmin_fit_sdk import Decoder, Stream
from garmin_fit_sdk.profile import Profile


def main() -> int:
    if len(sys.argv) > 1:
        with open(sys.argv[1], "rb") as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read()

    integrity = Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    messages, errors = decoder.read()

    steps = messages.get("workout_step_mesgs", [])
    for step in steps:
        category, name = step.get("exercise_category"), step.get("exercise_name")
        if isinstance(category, str) and isinstance(name, int):
            table = Profile["types"].get(category + "_exercise_name", {})
            step["exercise_name_word"] = table.get(name)

    out = {
        "integrity": integrity,
        "errors": [repr(e) for e in errors],
        "file_id": messages.get("file_id_mesgs", []),
        "workout": messages.get("workout_mesgs", []),
        "workout_step": steps,
    }
    json.dump(out, sys.stdout, default=str, indent=1)
    sys.stdout.write("\n")
    return 0 if integrity and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
