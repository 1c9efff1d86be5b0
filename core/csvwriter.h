#pragma once

#include "dataset.h"

#include <QByteArray>
#include <QString>

namespace losslens {

// Formats a value so that QByteArray::toDouble, which the CSV reader uses, reads back the same
// double: the shortest decimal that rounds to it, such as 0.1, -0 or 1e-300.
QByteArray csvNumber(double value);

// Quotes a field when a CSV parser would otherwise split or change it: when it contains a
// comma, a double quote, a line end or leading or trailing white space. A quote inside is
// doubled, as RFC 4180 specifies.
QByteArray csvField(const QString &text);

// The data as comma-separated UTF-8 text: a header with the feature's and the target's names,
// then one row per point in the data's order, each line ended by \n.
QByteArray csvText(const Dataset &data);

// Writes csvText(data) to path through QSaveFile, so a failed write leaves any file already at
// path unchanged. Returns false and sets *error to a message naming the path and the reason
// when the file cannot be written.
bool writeCsvFile(const Dataset &data, const QString &path, QString *error);

} // namespace losslens
