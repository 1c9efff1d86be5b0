// Test helper for the PyTorch reference check: reads lines "SPEC INPUT LABEL" from standard
// input, such as "huber:delta=2.5 -0.75 0", and prints "value first second" for each, with 17
// significant digits so every double reads back exactly. Exits with 1 on the first line it
// cannot read, after naming the line on standard error.

#include "core/losscatalogue.h"

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace {

bool parseDouble(const QByteArray &text, double *value)
{
    const std::string copy = text.toStdString();
    char *end = nullptr;
    *value = std::strtod(copy.c_str(), &end);
    return !copy.empty() && end == copy.c_str() + copy.size();
}

} // namespace

int main()
{
    std::string line;
    int lineNumber = 0;
    while (std::getline(std::cin, line)) {
        ++lineNumber;
        const QList<QByteArray> fields = QByteArray::fromStdString(line).simplified().split(' ');
        if (fields.size() == 1 && fields.front().isEmpty())
            continue;
        double input = 0.0;
        double label = 0.0;
        if (fields.size() != 3 || !parseDouble(fields[1], &input) ||
            !parseDouble(fields[2], &label)) {
            std::fprintf(stderr, "losseval: line %d: expected \"SPEC INPUT LABEL\", got \"%s\"\n",
                         lineNumber, line.c_str());
            return EXIT_FAILURE;
        }
        QString error;
        const std::unique_ptr<losslens::Loss> loss =
            losslens::LossCatalogue::parse(QString::fromUtf8(fields[0]), &error);
        if (!loss) {
            std::fprintf(stderr, "losseval: line %d: %s\n", lineNumber, qPrintable(error));
            return EXIT_FAILURE;
        }
        const losslens::LossDerivatives d = loss->evaluate(input, label);
        std::printf("%.17g %.17g %.17g\n", d.value, d.first, d.second);
    }
    return EXIT_SUCCESS;
}
