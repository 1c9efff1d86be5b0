#!/bin/sh
# Writes the bundled example data sets from Debian's packages into this folder. It was run once
# and its output committed, so neither the build nor the tests need R or Python.
# Needs python3-statsmodels, python3-sklearn and r-cran-robustbase (apt-get install).
set -eu
cd "$(dirname "$0")"

# Engel's data: statsmodels' own CSV file, copied unchanged.
cp /usr/lib/python3/dist-packages/statsmodels/datasets/engel/engel.csv engel.csv

# CYG OB1: robustbase's starsCYG data frame, its two columns under their R names.
Rscript -e 'data(starsCYG, package = "robustbase");
            write.csv(starsCYG, "starscyg.csv", row.names = FALSE)'

# scikit-learn's breast cancer and iris data, feature names with spaces joined by underscores.
/usr/bin/python3 - <<'PYTHON'
import csv
from sklearn.datasets import load_breast_cancer, load_iris


def write(path, bunch, label_name):
    names = [name.replace(" ", "_") for name in bunch.feature_names]
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names + [label_name])
        for row, label in zip(bunch.data, bunch.target):
            # repr gives the shortest text that reads back as the same double.
            writer.writerow([repr(float(value)) for value in row] + [int(label)])


# scikit-learn codes malignant as 0 and benign as 1, so the column is named for label 1.
write("breastcancer.csv", load_breast_cancer(), "benign")
# 0 setosa, 1 versicolor, 2 virginica.
iris = load_iris()
iris.feature_names = [name.replace(" (cm)", "_cm") for name in iris.feature_names]
write("iris.csv", iris, "species")
PYTHON
