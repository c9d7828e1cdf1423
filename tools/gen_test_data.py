#!/usr/bin/env python3
"""Write the project's own small activity files into test_data/activity/ (standard library only).

Every decoder path has a file here, so the tests pass on a fresh clone without the shared device
corpus: a FIT run, a chained FIT (run then ride), a FIT workout, a truncated FIT, a FIT with a wrong
file CRC, a GPX run (with Garmin heart-rate extensions), the same run gzip-compressed, a truncated
GPX, a TCX run, and a TCX with broken markup. The values are fixed here (see RUN below), and the
tests assert the decoders read them back (crates/formats/tests/it/own_files.rs).

Run from the repository root: python3 tools/gen_test_data.py
"""

import gzip
import pathlib
import struct

OUT = pathlib.Path(__file__).resolve().parent.parent / "test_data" / "activity"

# 2026-11-24T06:30:00Z; FIT counts seconds from 1989-12-31T00:00:00Z.
UNIX_START = 1795501800
FIT_EPOCH = 631065600
# The run: 31 points 10 s apart (300 s), 3.0 m/s, heart rate 140 + i.
RUN = {
    "points": 31,
    "step_s": 10,
    "speed_m_s": 3.0,
    "lat0": 47.3769,
    "lon0": 8.5417,
    "hr0": 140,
}


def crc16(data: bytes) -> int:
    crc = 0
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


ENUM, UINT8, UINT16, SINT32, UINT32, STRING, UINT32Z = 0x00, 0x02, 0x84, 0x85, 0x86, 0x07, 0x8C
FORMATS = {ENUM: "B", UINT8: "B", UINT16: "H", SINT32: "i", UINT32: "I", UINT32Z: "I"}
SIZES = {ENUM: 1, UINT8: 1, UINT16: 2, SINT32: 4, UINT32: 4, UINT32Z: 4}


class Fit:
    """A FIT file built message by message (little-endian, one local type per global)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.defined = {}

    def message(self, local: int, global_num: int, fields) -> None:
        """fields: (number, base type, value) with strings as (number, STRING, text, size)."""
        layout = tuple((f[0], f[1], f[3] if f[1] == STRING else SIZES[f[1]]) for f in fields)
        if self.defined.get(local) != (global_num, layout):
            self.data += struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(layout))
            for num, base, size in layout:
                self.data += struct.pack("<BBB", num, size, base)
            self.defined[local] = (global_num, layout)
        self.data.append(local)
        for f in fields:
            if f[1] == STRING:
                raw = f[2].encode()[: f[3] - 1]
                self.data += raw + b"\0" * (f[3] - len(raw))
            else:
                self.data += struct.pack("<" + FORMATS[f[1]], f[2])

    def bytes(self) -> bytes:
        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.data), b".FIT")
        header += struct.pack("<H", crc16(header))
        body = header + bytes(self.data)
        return body + struct.pack("<H", crc16(body))


def semicircles(deg: float) -> int:
    return int(round(deg * 2**31 / 180))


def track(n: int, step_s: int, speed: float):
    """(seconds from start, lat, lon, distance m, heart rate) for n points going north."""
    pts = []
    for i in range(n):
        t = i * step_s
        d = t * speed
        lat = RUN["lat0"] + d / 111_195.0
        pts.append((t, lat, RUN["lon0"], d, RUN["hr0"] + i))
    return pts


def activity_fit(sport: int, start_unix: int, n: int) -> bytes:
    f = Fit()
    t0 = start_unix - FIT_EPOCH
    f.message(0, 0, [(0, ENUM, 4), (1, UINT16, 255), (2, UINT16, 1), (3, UINT32Z, 12345), (4, UINT32, t0)])
    pts = track(n, RUN["step_s"], RUN["speed_m_s"])
    for t, lat, lon, d, hr in pts:
        f.message(1, 20, [
            (253, UINT32, t0 + t),
            (0, SINT32, semicircles(lat)),
            (1, SINT32, semicircles(lon)),
            (5, UINT32, int(round(d * 100))),
            (6, UINT16, int(round(RUN["speed_m_s"] * 1000))),
            (3, UINT8, hr),
        ])
    secs = pts[-1][0]
    dist = pts[-1][3]
    avg_hr = round(sum(p[4] for p in pts) / len(pts))
    end = t0 + secs
    f.message(2, 19, [(253, UINT32, end), (254, UINT16, 0), (2, UINT32, t0), (7, UINT32, secs * 1000),
                      (8, UINT32, secs * 1000), (9, UINT32, int(round(dist * 100)))])
    f.message(3, 18, [(253, UINT32, end), (2, UINT32, t0), (5, ENUM, sport), (6, ENUM, 0),
                      (7, UINT32, secs * 1000), (8, UINT32, secs * 1000),
                      (9, UINT32, int(round(dist * 100))), (16, UINT8, avg_hr)])
    f.message(4, 34, [(253, UINT32, end), (1, UINT16, 1), (2, ENUM, 0)])
    return f.bytes()


def workout_fit() -> bytes:
    """A 3-step run workout: 10 min warm-up, 3 km at 4:30-4:40/km, 5 min cool-down."""
    f = Fit()
    f.message(0, 0, [(0, ENUM, 5), (1, UINT16, 255), (2, UINT16, 1), (4, UINT32, UNIX_START - FIT_EPOCH)])
    f.message(1, 26, [(4, ENUM, 1), (6, UINT16, 3), (8, STRING, "Tempo 3 km", 16)])
    steps = [
        ("Warm up", 0, 600_000, 2, 0, 0, 2),
        ("3 km @ T", 1, 300_000, 0, 3571, 3704, 0),
        ("Cool down", 0, 300_000, 2, 0, 0, 3),
    ]
    for i, (name, dtype, dvalue, ttype, lo, hi, intensity) in enumerate(steps):
        f.message(2, 27, [(254, UINT16, i), (0, STRING, name, 16), (1, ENUM, dtype), (2, UINT32, dvalue),
                          (3, ENUM, ttype), (5, UINT32, lo), (6, UINT32, hi), (7, ENUM, intensity)])
    return f.bytes()


def iso(unix: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(unix, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx() -> str:
    rows = []
    for t, lat, lon, _d, hr in track(RUN["points"], RUN["step_s"], RUN["speed_m_s"]):
        rows.append(
            f'      <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{408 + t / 100:.1f}</ele>'
            f"<time>{iso(UNIX_START + t)}</time><extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="runlift test_data" xmlns="http://www.topografix.com/GPX/1/1"\n'
        '     xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        "  <trk><name>Morning run</name><type>running</type>\n    <trkseg>\n"
        + "\n".join(rows)
        + "\n    </trkseg>\n  </trk>\n</gpx>\n"
    )


def tcx() -> str:
    pts = track(RUN["points"], RUN["step_s"], RUN["speed_m_s"])
    rows = []
    for t, lat, lon, d, hr in pts:
        rows.append(
            f"          <Trackpoint><Time>{iso(UNIX_START + t)}</Time><Position>"
            f"<LatitudeDegrees>{lat:.7f}</LatitudeDegrees><LongitudeDegrees>{lon:.7f}</LongitudeDegrees>"
            f"</Position><DistanceMeters>{d:.1f}</DistanceMeters>"
            f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm></Trackpoint>"
        )
    secs, dist = pts[-1][0], pts[-1][3]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">\n'
        "  <Activities>\n"
        f'    <Activity Sport="Running">\n      <Id>{iso(UNIX_START)}</Id>\n'
        f'      <Lap StartTime="{iso(UNIX_START)}">\n'
        f"        <TotalTimeSeconds>{secs:.1f}</TotalTimeSeconds>\n"
        f"        <DistanceMeters>{dist:.1f}</DistanceMeters>\n"
        "        <Track>\n"
        + "\n".join(rows)
        + "\n        </Track>\n      </Lap>\n    </Activity>\n  </Activities>\n</TrainingCenterDatabase>\n"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    run = activity_fit(1, UNIX_START, RUN["points"])
    ride = activity_fit(2, UNIX_START + 3600, 11)
    files = {
        "run.fit": run,
        "chained-run-ride.fit": run + ride,
        "workout-tempo.fit": workout_fit(),
        "truncated-run.fit": run[: len(run) // 2],
        "bad-crc-run.fit": run[:-2] + bytes([run[-2] ^ 0xFF, run[-1]]),
        "run.gpx": gpx().encode(),
        "run.gpx.gz": gzip.compress(gpx().encode(), mtime=0),
        "truncated-run.gpx": gpx().encode()[: len(gpx()) // 2],
        "run.tcx": tcx().encode(),
        "broken-run.tcx": tcx().replace("</Trackpoint>", "</Trackpiont>", 1).encode(),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
    # Facts the tests check, written for a reader (not read by the tests).
    print("run: distance", (RUN["points"] - 1) * RUN["step_s"] * RUN["speed_m_s"], "m, avg HR",
          round(sum(RUN["hr0"] + i for i in range(RUN["points"])) / RUN["points"]))


if __name__ == "__main__":
    main()
