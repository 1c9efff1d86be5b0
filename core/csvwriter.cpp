#include "csvwriter.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSaveFile>

#include <cmath>

namespace losslens {

QByteArray csvNumber(double value)
{
    // Qt 6.4 formats negative zero as "0", which would read back as +0.
    if (value == 0.0 && std::signbit(value))
        return QByteArrayLiteral("-0");
    // QLocale::FloatingPointShortest gives the shortest digits that convert back to the same
    // double, and QByteArray formats without the locale's separators, as toDouble expects.
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray csvField(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    // NOTE: the reader trims white space around header names even inside quotes, so a name such
    // as " x" reads back as "x" although it is written quoted.
    const bool needsQuotes = utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') ||
                             utf8.contains('\r') || utf8 != utf8.trimmed();
    if (!needsQuotes)
        return utf8;
    QByteArray quoted = utf8;
    quoted.replace("\"", "\"\"");
    return '"' + quoted + '"';
}

QByteArray csvText(const Dataset &data)
{
    QByteArray text;
    // About 24 bytes per number cover 17 significant digits, a sign and an exponent.
    text.reserve(64 + 48 * data.size());
    text += csvField(data.featureName) + ',' + csvField(data.targetName) + '\n';
    for (Eigen::Index i = 0; i < data.size(); ++i)
        text += csvNumber(data.feature[i]) + ',' + csvNumber(data.target[i]) + '\n';
    return text;
}

bool writeCsvFile(const Dataset &data, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QCoreApplication::translate("CsvWriter", "Could not write %1: %2.")
                     .arg(path, file.errorString());
        qCWarning(lcData) << "cannot open for writing" << path << file.errorString();
        return false;
    }
    const QByteArray text = csvText(data);
    if (file.write(text) != text.size() || !file.commit()) {
        *error = QCoreApplication::translate("CsvWriter", "Could not write %1: %2.")
                     .arg(path, file.errorString());
        qCWarning(lcData) << "write failed" << path << file.errorString();
        return false;
    }
    qCDebug(lcData) << "wrote" << data.size() << "rows to" << path;
    return true;
}

} // namespace losslens
