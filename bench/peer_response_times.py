#!/usr/bin/env python3
"""peer_response_times.py — response_times as an analyst would work it out
without petlua: pandas over the records' CSV (what `petlua export` writes),
grouped by department.

    python3 bench/peer_response_times.py RECORDS.csv

Per department (a missing one is "(none)"), then "all": the petitions
answered (response_days given); median, mean, 90th percentile (linear, as R
and NumPy) and longest days; how many were late and the share late; how many
are overdue. The same columns as `petlua response_times`, printed as CSV. It
is the side-by-side peer of that script in bench/scripts.sh.
"""
import sys

import pandas as pd


def summary(frame):
    days = frame.groupby("department")["response_days"]
    out = pd.DataFrame({
        "petitions": days.count(),
        "median_days": days.median(),
        "mean_days": days.mean().round(1),
        "p90_days": days.quantile(0.9).round(1),
        "max_days": days.max(),
    })
    answered = frame[frame["response_days"].notna()]
    out["late"] = answered.groupby("department")["late_n"].sum()
    out["late"] = out["late"].fillna(0).astype(int)
    out["late_share"] = (out["late"] / out["petitions"]).round(3)
    out["overdue"] = frame.groupby("department")["overdue_n"].sum()
    return out


def main():
    frame = pd.read_csv(sys.argv[1], usecols=["department", "response_days", "late", "overdue"],
                        dtype={"department": str})
    frame["department"] = frame["department"].fillna("(none)")
    frame["late_n"] = (frame["late"] == True).astype(int)  # noqa: E712 (a column of True, False, NaN)
    frame["overdue_n"] = (frame["overdue"] == True).astype(int)  # noqa: E712
    groups = summary(frame)
    total = summary(frame.assign(department="all"))
    pd.concat([groups, total]).to_csv(sys.stdout)


if __name__ == "__main__":
    main()
