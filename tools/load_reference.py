#!/usr/bin/env python3
"""A straightforward pandas implementation of runlift's daily load models (crates/load), the
peer for the benchmark in BENCHMARKS.md and the cross-check in crates/load/tests/reference.rs.

Models (docs/load/): CTL/ATL/TSB (42/7 days, GoldenCheetah weighting 1 - exp(-1/tau), or
TrainingPeaks 1/tau) of the combined load (sRPE) and of each system (cardio = TRIMP, muscular =
strength sRPE, impact = metres); Williams' EWMA ACWR (lambda = 2/(N+1), N = 7 and 28, seeded at the
first week's mean daily load); Gabbett's rolling ACWR (coupled and uncoupled); Foster's monotony
(population SD) and strain over 7 days; HRV (ln rMSSD) and resting-HR baselines: 7-day mean (>= 3
values) against the 60-day mean +- 0.5 SD (>= 20 values).

  load_reference.py --input days.csv --output models.csv [--weighting exponential|linear]
  load_reference.py --streams hr.csv --output trimp.csv --rest 40 --max 200 --sex male
  load_reference.py --bench --athletes 1000 --years 10

Input columns: day, srpe, trimp, strength, impact, ln_rmssd, rest_hr (the last two may be empty).
Streams: session, t_s, bpm; output per session: Banister TRIMP (sample by sample, each sample
holding until the next for at most 30 s; Morton's sex-specific a, b) and Edwards TRIMP.
"""

import argparse
import math
import sys
import time

import numpy as np
import pandas as pd

CTL_DAYS = 42.0
ATL_DAYS = 7.0
ACUTE, CHRONIC = 7, 28
WEEK_DAYS, NORMAL_DAYS = 7, 60
SWC_SD = 0.5
MIN_WEEK, MIN_NORMAL = 3, 20
SYSTEMS = {"cardio": "trimp", "muscular": "strength", "impact": "impact"}
BANISTER = {"male": (0.64, 1.92), "female": (0.86, 1.67)}
MAX_SAMPLE_GAP_S = 30.0


def alpha(tau, weighting):
    return 1.0 - math.exp(-1.0 / tau) if weighting == "exponential" else 1.0 / tau


def ewm_from(s, a, seed):
    """x_t = a*load_t + (1-a)*x_{t-1}, starting at seed (not counted as a day)."""
    seeded = pd.concat([pd.Series([seed]), s], ignore_index=True)
    return seeded.ewm(alpha=a, adjust=False).mean().iloc[1:].reset_index(drop=True)


def pmc(s, weighting):
    ctl = ewm_from(s, alpha(CTL_DAYS, weighting), 0.0)
    atl = ewm_from(s, alpha(ATL_DAYS, weighting), 0.0)
    return ctl, atl, ctl - atl


def ewma_seed(s):
    first_week = s.iloc[:ACUTE].mean()
    return first_week if first_week > 0 else s.iloc[:CHRONIC].mean()


def ewma_acwr(s):
    seed = ewma_seed(s)
    acute = ewm_from(s, 2.0 / (ACUTE + 1), seed)
    chronic = ewm_from(s, 2.0 / (CHRONIC + 1), seed)
    return acute, chronic, (acute / chronic).where(chronic > 0)


def rolling(s):
    acute = s.rolling(ACUTE).mean()
    coupled = s.rolling(CHRONIC).mean()
    uncoupled = s.shift(ACUTE).rolling(CHRONIC - ACUTE).mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        rc = (acute / coupled).where(coupled > 0)
        ru = (acute / uncoupled).where(coupled > 0)
    ru = ru.where(~((uncoupled == 0) & (coupled > 0)), np.inf)
    return rc, ru


def monotony(s):
    mean = s.rolling(ACUTE).mean()
    sd = s.rolling(ACUTE).std(ddof=0)
    m = (mean / sd).where(sd >= 1e-9, np.inf).where(mean > 0)
    return m, s.rolling(ACUTE).sum() * m


def baseline(s):
    week = s.rolling(WEEK_DAYS, min_periods=MIN_WEEK).mean()
    mean = s.rolling(NORMAL_DAYS, min_periods=MIN_NORMAL).mean()
    sd = s.rolling(NORMAL_DAYS, min_periods=MIN_NORMAL).std(ddof=1)
    has = week.notna()
    return week, (mean - SWC_SD * sd).where(has), (mean + SWC_SD * sd).where(has)


def models(df, weighting="exponential"):
    out = pd.DataFrame({"day": df["day"]})
    out["ctl"], out["atl"], out["tsb"] = pmc(df["srpe"], weighting)
    for name, col in SYSTEMS.items():
        c, a, t = pmc(df[col], weighting)
        out[f"{name}_ctl"], out[f"{name}_atl"], out[f"{name}_tsb"] = c, a, t
    out["ewma_acute"], out["ewma_chronic"], out["acwr"] = ewma_acwr(df["srpe"])
    for name, col in SYSTEMS.items():
        out[f"{name}_acwr"] = ewma_acwr(df[col])[2]
    out["rolling_coupled"], out["rolling_uncoupled"] = rolling(df["srpe"])
    out["monotony"], out["strain"] = monotony(df["srpe"])
    out["hrv_week"], out["hrv_low"], out["hrv_high"] = baseline(df["ln_rmssd"])
    out["rhr_week"], out["rhr_low"], out["rhr_high"] = baseline(df["rest_hr"])
    return out


def trimp(streams, rest, hrmax, sex):
    a, b = BANISTER[sex]
    rows = []
    for session, g in streams.groupby("session", sort=True):
        dt = (g["t_s"].shift(-1) - g["t_s"]).clip(0, MAX_SAMPLE_GAP_S).fillna(0.0)
        hrr = ((g["bpm"] - rest) / (hrmax - rest)).clip(0, 1)
        banister = (dt / 60 * hrr * a * np.exp(b * hrr)).sum()
        f = g["bpm"] / hrmax
        weight = np.select([f >= 0.9, f >= 0.8, f >= 0.7, f >= 0.6, f >= 0.5], [5, 4, 3, 2, 1], 0)
        edwards = (dt / 60 * weight).sum()
        rows.append({"session": session, "banister": banister, "edwards": edwards})
    return pd.DataFrame(rows)


def synthetic(rng, days):
    """One athlete's days: training on about 5 days a week, HRV and resting HR most mornings."""
    train = rng.random(days) < 0.7
    srpe = np.where(train, rng.uniform(100, 700, days), 0.0)
    lift = train & (rng.random(days) < 0.3)
    strength = np.where(lift, rng.uniform(150, 350, days), 0.0)
    measured = rng.random(days) < 0.85
    return pd.DataFrame({
        "day": np.arange(days),
        "srpe": srpe + strength,
        "trimp": np.where(train, srpe / 5.0, 0.0),
        "strength": strength,
        "impact": np.where(train & ~lift, rng.uniform(4000, 20000, days), 0.0),
        "ln_rmssd": np.where(measured, rng.normal(4.1, 0.15, days), np.nan),
        "rest_hr": np.where(measured, rng.normal(48, 3, days), np.nan),
    })


def bench(athletes, years):
    rng = np.random.default_rng(14)
    days = int(round(365.25 * years))
    data = [synthetic(rng, days) for _ in range(athletes)]
    start = time.perf_counter()
    for df in data:
        models(df)
    elapsed = time.perf_counter() - start
    print(f"pandas {pd.__version__}: {athletes} athletes x {days} days, all daily models: "
          f"{elapsed:.2f} s ({elapsed / athletes * 1000:.1f} ms per athlete), one core")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input")
    ap.add_argument("--output")
    ap.add_argument("--weighting", default="exponential", choices=["exponential", "linear"])
    ap.add_argument("--streams")
    ap.add_argument("--rest", type=float)
    ap.add_argument("--max", type=float)
    ap.add_argument("--sex", choices=["male", "female"])
    ap.add_argument("--bench", action="store_true")
    ap.add_argument("--athletes", type=int, default=1000)
    ap.add_argument("--years", type=float, default=10)
    a = ap.parse_args()
    if a.bench:
        bench(a.athletes, a.years)
        return 0
    if a.streams and a.output:
        trimp(pd.read_csv(a.streams), a.rest, a.max, a.sex).to_csv(a.output, index=False, float_format="%.17g")
        return 0
    if not (a.input and a.output):
        ap.error("--input and --output (or --bench)")
    df = pd.read_csv(a.input)
    models(df, a.weighting).to_csv(a.output, index=False, float_format="%.12g")
    return 0


if __name__ == "__main__":
    sys.exit(main())
