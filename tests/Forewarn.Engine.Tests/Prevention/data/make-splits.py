#!/usr/bin/env python3
"""Stratified train/validation/test splits (60/20/20) of a labelled set, and five cross-validation folds of its
train+validation part, for measuring the classifier with `forewarn classifier train/evaluate` without ever tuning on
the test part.

    python3 make-splits.py NAME FILE [seed]

FILE is `content,label` CSV, or the UCI SMS Spam Collection's `Label<TAB>SMS` TSV. Writes NAME-train.csv,
NAME-val.csv, NAME-test.csv and cv-NAME{0..4}-train.csv / -val.csv in the current folder.
"""
import csv
import random
import sys


def read(path):
    with open(path, newline='', encoding='utf-8') as f:
        if path.endswith('.tsv'):
            next(f)
            return [tuple(reversed(line.rstrip('\n').split('\t', 1))) for line in f if line.strip()]
        return [(r['content'], r['label']) for r in csv.DictReader(f)]


def write(path, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['content', 'label'])
        w.writerows(rows)


def by_label(rows, rnd):
    groups = {}
    for r in rows:
        groups.setdefault(r[1], []).append(r)
    for label in sorted(groups):
        rnd.shuffle(groups[label])
        yield groups[label]


def main(name, path, seed=2024):
    rnd = random.Random(seed)
    train, val, test = [], [], []
    for items in by_label(read(path), rnd):
        a, b = round(len(items) * 0.6), round(len(items) * 0.8)
        train += items[:a]
        val += items[a:b]
        test += items[b:]
    for part in (train, val, test):
        rnd.shuffle(part)
    write(f'{name}-train.csv', train)
    write(f'{name}-val.csv', val)
    write(f'{name}-test.csv', test)
    folds = [[] for _ in range(5)]
    for items in by_label(train + val, random.Random(7)):
        for i, item in enumerate(items):
            folds[i % 5].append(item)
    for k in range(5):
        write(f'cv-{name}{k}-train.csv', [r for j in range(5) if j != k for r in folds[j]])
        write(f'cv-{name}{k}-val.csv', folds[k])
    print(name, len(train), len(val), len(test))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:]))
