#!/usr/bin/env python3
"""peer_topics.py — topics as an analyst would work it out without petlua:
pandas over the records' CSV (what `petlua export` writes), and
scikit-learn's TfidfVectorizer for the distinctive words.

    python3 bench/peer_topics.py RECORDS.csv [WORDS]

Per topic: petitions, signatures, petitions with a government response, and
the WORDS (default 8) best tf-idf terms of all the topic's texts taken as one
document: English stopwords (scikit-learn's list; it has no French one) and
numbers left out, terms found in more than half the topics dropped
(max_df=0.5). Most petitions first, printed as CSV. It is the side-by-side
peer of `petlua topics` in bench/scripts.sh.
"""
import sys

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    words = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    frame = pd.read_csv(sys.argv[1], usecols=["topic", "text", "signatures", "status"],
                        dtype={"topic": str, "text": str, "status": str})
    frame["topic"] = frame["topic"].fillna("(none)")
    groups = frame.groupby("topic")
    out = pd.DataFrame({
        "petitions": groups.size(),
        "signatures": groups["signatures"].sum(min_count=1),
        "responded": groups["status"].apply(lambda s: int((s == "responded").sum())),
    })
    docs = groups["text"].apply(lambda s: " ".join(s.dropna()))
    vectorizer = TfidfVectorizer(stop_words="english", max_df=0.5,
                                 token_pattern=r"(?u)\b[^\W\d_][^\W_]+\b")
    scores = vectorizer.fit_transform(docs.values)
    terms = vectorizer.get_feature_names_out()
    top = []
    for i in range(scores.shape[0]):
        row = scores.getrow(i).toarray().ravel()
        best = row.argsort()[::-1][:words]
        top.append(" ".join(terms[j] for j in best if row[j] > 0))
    out["top_words"] = pd.Series(top, index=docs.index)
    out.sort_values("petitions", ascending=False, kind="stable").to_csv(sys.stdout)


if __name__ == "__main__":
    main()
