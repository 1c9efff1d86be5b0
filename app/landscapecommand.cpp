#include "landscapecommand.h"

#include "commandsupport.h"
#include "csvinput.h"
#include "landscapeimage.h"

#include "ui/csvexport.h"
#include "ui/landscapeview.h"

#include "core/csvreader.h"
#include "core/landscape.h"
#include "core/losscatalogue.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cmath>
#include <memory>
#include <optional>

namespace losslens {

namespace {

// tr() of this file's messages, in the "LandscapeCommand" context of the translation files.
struct LandscapeCommand
{
    Q_DECLARE_TR_FUNCTIONS(LandscapeCommand)
};

// Both ends of each range are nodes, so a grid needs 2 nodes per axis. 512 x 512 nodes already
// take 262144 loss sums over the data.
constexpr int minimumGridSize = 2;
constexpr int maximumGridSize = 512;

// A range [lower, upper] of the slope or the intercept, with lower < upper.
struct ValueRange
{
    double lower = 0.0;
    double upper = 0.0;
};

// The landscape subcommand's settings, validated.
struct LandscapeRequest
{
    QString dataPath;
    QString featureColumn;
    QString targetColumn;
    bool skipInvalidRows = false;
    std::shared_ptr<const Loss> loss;
    int gridSize = 0;
    // Ranges in the data's own units, or unset for the automatic range.
    std::optional<ValueRange> slopeRange;
    std::optional<ValueRange> interceptRange;
    bool standardize = true;
    QString outputPath;
    // Set for --help: print it and exit with status 0.
    QString helpText;
};

bool writesImage(const QString &path)
{
    return path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive);
}

// Parses "A:B" and returns std::nullopt unless A < B are finite numbers whose difference is
// finite too, because the nodes are spaced by (B - A) / (G - 1).
std::optional<ValueRange> parseRange(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 2)
        return std::nullopt;
    bool lowerOk = false;
    bool upperOk = false;
    const double lower = parts[0].trimmed().toDouble(&lowerOk);
    const double upper = parts[1].trimmed().toDouble(&upperOk);
    if (!lowerOk || !upperOk || !std::isfinite(lower) || !std::isfinite(upper) ||
        !(lower < upper) || !std::isfinite(upper - lower))
        return std::nullopt;
    return ValueRange{lower, upper};
}

// True when the count nodes that LandscapeGrid places on [lower, upper] are increasing doubles.
// Near a large value doubles lie far apart, so a narrow range can round several nodes to the
// same number, and the CSV would repeat rows.
bool nodesDistinct(double lower, double upper, int count)
{
    LandscapeGrid grid;
    grid.slopeMinimum = lower;
    grid.slopeMaximum = upper;
    grid.slopeCount = count;
    for (int i = 1; i < count; ++i) {
        if (!(grid.slopeAt(i) > grid.slopeAt(i - 1)))
            return false;
    }
    return true;
}

// Returns the narrowest width W, with two significant digits, for which [lower, lower + W] has
// count distinct nodes, or std::nullopt when lower + W would overflow first. The nodes are
// distinct once W / (count - 1) exceeds about the spacing of doubles near the range, and a
// bisection between a failing and a passing width finds the limit.
std::optional<double> narrowestDistinctWidth(double lower, double failingWidth, int count)
{
    double passingWidth = failingWidth;
    while (!nodesDistinct(lower, lower + passingWidth, count)) {
        passingWidth *= 2.0;
        if (!std::isfinite(lower + passingWidth))
            return std::nullopt;
    }
    for (int step = 0; step < 200; ++step) {
        const double middle = failingWidth + (passingWidth - failingWidth) / 2.0;
        if (!(middle > failingWidth && middle < passingWidth))
            break;
        (nodesDistinct(lower, lower + middle, count) ? passingWidth : failingWidth) = middle;
    }
    // The smallest width of the form D.De+X at or above the limit that passes, which reads
    // better than the limit's 17 digits.
    const int exponent = static_cast<int>(std::floor(std::log10(passingWidth)));
    for (int power = exponent; power <= exponent + 1; ++power) {
        for (int digits = 10; digits <= 99; ++digits) {
            const double width =
                QStringLiteral("%1.%2e%3").arg(digits / 10).arg(digits % 10).arg(power).toDouble();
            if (width >= passingWidth && std::isfinite(lower + width) &&
                nodesDistinct(lower, lower + width, count))
                return width;
        }
    }
    return passingWidth;
}

std::optional<LandscapeRequest> parseRequest(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(LandscapeCommand::tr(
        "Writes the mean loss of the line y = w x + b on a G x G grid over the slope w and "
        "the intercept b, in the data's own units, as CSV with the header w,b,loss (w in the "
        "outer loop, both ends of each range included), or an image of the landscape view "
        "for an --out ending in .png. Where the mean loss is infinite or undefined, as far "
        "from the data or where a formula is undefined, the CSV reads inf."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  LandscapeCommand::tr("Print this help and exit."));
    const QCommandLineOption data(QStringLiteral("data"), dataOptionHelp(), QStringLiteral("FILE"));
    const QCommandLineOption feature(
        QStringLiteral("x"),
        LandscapeCommand::tr("The feature column, %1.").arg(columnOptionHelp()),
        QStringLiteral("COL"));
    const QCommandLineOption target(
        QStringLiteral("y"),
        LandscapeCommand::tr("The target or 0/1 label column, %1.").arg(columnOptionHelp()),
        QStringLiteral("COL"));
    const QCommandLineOption skipInvalid = skipInvalidOption();
    const QCommandLineOption loss(
        QStringLiteral("loss"),
        LandscapeCommand::tr("The loss, as NAME or NAME:key=value,... such as mse or "
                             "huber:delta=1.5."),
        QStringLiteral("SPEC"));
    const QCommandLineOption grid(QStringLiteral("grid"),
                                  LandscapeCommand::tr("Nodes per axis of the CSV, from %1 to "
                                                       "%2. An image draws the view at its own "
                                                       "resolution, so it needs no --grid.")
                                      .arg(minimumGridSize)
                                      .arg(maximumGridSize),
                                  QStringLiteral("G"));
    const QCommandLineOption slope(
        QStringLiteral("w"),
        LandscapeCommand::tr(
            "Slope range in the data's units, as A:B with A < B. Without it, the automatic "
            "range is used and printed."),
        QStringLiteral("A:B"));
    const QCommandLineOption intercept(
        QStringLiteral("b"),
        LandscapeCommand::tr(
            "Intercept range in the data's units, as C:D with C < D. Without it, the automatic "
            "range is used and printed."),
        QStringLiteral("C:D"));
    const QCommandLineOption standardize(
        QStringLiteral("standardize"),
        LandscapeCommand::tr(
            "Train on the standardized feature: on (default) or off. It sets the coordinates of "
            "the image. The automatic range does not depend on it, and neither do the CSV "
            "values, except for a weight penalty such as l2(0.1), which acts on the training "
            "weight."),
        QStringLiteral("on|off"));
    const QCommandLineOption output(
        QStringLiteral("out"),
        LandscapeCommand::tr(
            "File to write: CSV, or a PNG image of the landscape view when it ends in .png. - "
            "writes the CSV to standard output, and the automatic ranges then go to standard "
            "error. The view draws training coordinates (the slope per standard deviation of "
            "the feature and the intercept at its mean, when standardized) at its own "
            "resolution, over the smallest rectangle that contains the requested ranges."),
        QStringLiteral("FILE"));
    parser.addOptions(
        {help, data, feature, target, skipInvalid, loss, grid, slope, intercept, standardize,
         output});

    if (!parser.parse(arguments)) {
        QString reason = parser.errorText();
        if (reason.endsWith(QLatin1Char('.')))
            reason.chop(1);
        *error = LandscapeCommand::tr("%1; see losslens landscape --help.").arg(reason);
        return std::nullopt;
    }
    LandscapeRequest request;
    if (parser.isSet(help)) {
        request.helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                     QStringLiteral("losslens landscape"));
        return request;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = LandscapeCommand::tr("unexpected argument \"%1\"; see losslens landscape --help.")
                     .arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }

    // QCommandLineParser::value() returns the last of repeated values, which would drop the
    // others unnoticed; a second --x in particular would silently give another landscape.
    if (const qsizetype count = parser.values(feature).size(); count > 1) {
        *error = LandscapeCommand::tr("give one --x, not %1; the landscape is over the slope and "
                                      "intercept of a line on one feature. For several features "
                                      "use losslens fit or the window's Model slices view.")
                     .arg(count);
        return std::nullopt;
    }
    if (const qsizetype count = parser.values(loss).size(); count > 1) {
        *error = LandscapeCommand::tr("give one --loss, not %1; the landscape shows one loss.")
                     .arg(count);
        return std::nullopt;
    }
    *error = repeatedOptionError(
        parser, {&data, &target, &grid, &slope, &intercept, &standardize, &output});
    if (!error->isEmpty())
        return std::nullopt;

    const std::pair<const QCommandLineOption *, const char *> required[] = {
        {&data, QT_TRANSLATE_NOOP("LandscapeCommand", "give the CSV file to read.")},
        {&feature,
         QT_TRANSLATE_NOOP("LandscapeCommand",
                           "give the feature column by header name or 1-based number.")},
        {&target,
         QT_TRANSLATE_NOOP("LandscapeCommand",
                           "give the target column by header name or 1-based number.")},
        {&loss,
         QT_TRANSLATE_NOOP("LandscapeCommand", "give one loss, such as --loss huber:delta=1.5.")},
        {&grid, QT_TRANSLATE_NOOP("LandscapeCommand",
                                  "give the number of nodes per axis, from 2 to 512.")},
        {&output, QT_TRANSLATE_NOOP("LandscapeCommand",
                                    "give the CSV or .png file to write, or - for CSV on "
                                    "standard output.")},
    };
    for (const auto &[option, hint] : required) {
        if (option == &grid && writesImage(parser.value(output)))
            continue;
        if (!parser.isSet(*option)) {
            *error = LandscapeCommand::tr("--%1 is missing; %2")
                         .arg(option->names().constFirst(), LandscapeCommand::tr(hint));
            return std::nullopt;
        }
    }
    request.dataPath = parser.value(data);
    request.featureColumn = parser.value(feature);
    request.targetColumn = parser.value(target);
    request.skipInvalidRows = parser.isSet(skipInvalid);
    request.outputPath = parser.value(output);
    if (request.outputPath.trimmed().isEmpty()) {
        *error = LandscapeCommand::tr("the --out path is empty; give the CSV or .png file to "
                                      "write, or - for CSV on standard output.");
        return std::nullopt;
    }

    QString lossError;
    request.loss = LossCatalogue::parse(parser.value(loss), &lossError);
    if (!request.loss) {
        *error = LandscapeCommand::tr("invalid --loss: %1").arg(lossError);
        return std::nullopt;
    }

    // Only an image may leave --grid out. It draws at the view's resolution, which the range
    // checks below then take.
    bool ok = true;
    request.gridSize = LandscapeView::resolution;
    if (parser.isSet(grid))
        request.gridSize = parser.value(grid).trimmed().toInt(&ok);
    if (!ok || request.gridSize < minimumGridSize || request.gridSize > maximumGridSize) {
        *error = LandscapeCommand::tr(
                     "invalid --grid \"%1\"; give a whole number from %2 to %3 (both ends of "
                     "each range are nodes, so at least 2).")
                     .arg(parser.value(grid))
                     .arg(minimumGridSize)
                     .arg(maximumGridSize);
        return std::nullopt;
    }

    for (const auto &[option, range] :
         {std::pair{&slope, &request.slopeRange}, std::pair{&intercept, &request.interceptRange}}) {
        if (!parser.isSet(*option))
            continue;
        *range = parseRange(parser.value(*option));
        if (!*range) {
            *error = LandscapeCommand::tr(
                         "invalid -%1 \"%2\"; give A:B with finite numbers A < B (and a "
                         "finite B - A), such as -0.5:2.5.")
                         .arg(option->names().constFirst(), parser.value(*option));
            return std::nullopt;
        }
        if (!nodesDistinct((*range)->lower, (*range)->upper, request.gridSize)) {
            const std::optional<double> width = narrowestDistinctWidth(
                (*range)->lower, (*range)->upper - (*range)->lower, request.gridSize);
            const QString advice =
                width ? LandscapeCommand::tr("give a range at least %1 wide there, or a smaller "
                                             "--grid.")
                            .arg(formatNumber(*width))
                      : LandscapeCommand::tr("give a wider range or a smaller --grid.");
            *error = LandscapeCommand::tr("invalid -%1 \"%2\": its %3 nodes would not all be "
                                          "distinct numbers, because doubles near it lie too far "
                                          "apart; %4")
                         .arg(option->names().constFirst(), parser.value(*option))
                         .arg(request.gridSize)
                         .arg(advice);
            return std::nullopt;
        }
    }

    if (parser.isSet(standardize)) {
        const QString value = parser.value(standardize).trimmed().toLower();
        if (value != QLatin1String("on") && value != QLatin1String("off")) {
            *error = LandscapeCommand::tr("invalid --standardize \"%1\"; give on or off.")
                         .arg(parser.value(standardize));
            return std::nullopt;
        }
        request.standardize = value == QLatin1String("on");
    }
    return request;
}

// Writes w,b,loss rows, w in the outer loop, with numbers that read back as the same double.
bool writeCsv(const Landscape &landscape, CommandOutputFile &file, QString *error)
{
    QString text;
    QTextStream stream(&text);
    writeLandscapeCsv(landscape, stream);
    stream.flush();
    return file.write(text.toUtf8(), error);
}

// The program and subcommand name before each message on standard error, as the other
// subcommands write theirs.
constexpr char errorPrefix[] = "losslens landscape: ";

// Returns " (the loss of sample K, at error E, is infinite or undefined)" for the first sample
// whose loss is not finite on the line y = slope x + intercept, or an empty string when the
// mean alone overflows.
QString undefinedSampleText(const Dataset &data, const Loss &loss, double slope, double intercept)
{
    const bool regression = loss.kind() == LossKind::Regression;
    for (Eigen::Index k = 0; k < data.size(); ++k) {
        const double output = slope * data.feature[k] + intercept;
        const double input = regression ? output - data.target[k] : output;
        if (std::isfinite(loss.value(input, data.target[k])))
            continue;
        const QString sample =
            regression
                ? LandscapeCommand::tr(" (the loss of sample %1, at error %2, is infinite or "
                                       "undefined)")
                : LandscapeCommand::tr(" (the loss of sample %1, at logit %2, is infinite or "
                                       "undefined)");
        return sample.arg(k + 1).arg(formatNumber(input));
    }
    return {};
}

int fail(const QString &message)
{
    QTextStream(stderr) << errorPrefix << message << Qt::endl;
    return 2;
}

// Loads the data and the objective, chooses the ranges and writes the output to the file or,
// for the automatic ranges, to output. The application object exists by now.
int runRequest(const LandscapeRequest &request, QTextStream &output)
{
    QString loadError;
    QTextStream errors(stderr);
    std::optional<Dataset> loaded = loadCommandLineDataset(
        request.dataPath, request.featureColumn, request.targetColumn, request.skipInvalidRows,
        QString::fromLatin1(errorPrefix), errors, &loadError);
    if (!loaded)
        return fail(loadError);
    const auto data = std::make_shared<const Dataset>(std::move(*loaded));
    const FeatureScaling scaling = request.standardize
                                       ? FeatureScaling::standardizing(data->feature)
                                       : FeatureScaling::identity();
    const auto objective = std::make_shared<const LineObjective>(data, request.loss, scaling);
    const QString reason = objective->applicabilityError();
    if (!reason.isEmpty())
        return fail(LandscapeCommand::tr("cannot compute the landscape of %1 on %2: %3")
                        .arg(request.loss->spec(), request.dataPath, reason));

    // The output is opened before the computation, which can take long, so that an
    // unwritable path fails at once.
    CommandOutputFile file(request.outputPath);
    QString error;
    if (!file.open(&error))
        return fail(error);

    // The automatic ranges start from the line y = 0, as the window's runs do. They go to
    // standard error when the file itself is standard output, which then contains the file alone.
    // They are computed on the raw feature for either --standardize, because the data-unit
    // rectangle is the same either way and a round trip through training coordinates would
    // change its last digits.
    const LineObjective rawObjective(data, objective->sharedLoss(), FeatureScaling::identity());
    LandscapeGrid grid = automaticGridInDataUnits(rawObjective, LineParameters{}, request.gridSize);
    QTextStream &ranges = file.isStandardOutput() ? errors : output;
    if (request.slopeRange) {
        grid.slopeMinimum = request.slopeRange->lower;
        grid.slopeMaximum = request.slopeRange->upper;
    } else {
        ranges << "w " << formatNumber(grid.slopeMinimum) << ':' << formatNumber(grid.slopeMaximum)
               << '\n';
    }
    if (request.interceptRange) {
        grid.interceptMinimum = request.interceptRange->lower;
        grid.interceptMaximum = request.interceptRange->upper;
    } else {
        ranges << "b " << formatNumber(grid.interceptMinimum) << ':'
               << formatNumber(grid.interceptMaximum) << '\n';
    }
    ranges.flush();
    // A range that could not be printed is lost, so the command stops before the computation.
    if (const QString outputError = standardOutputError(output); !outputError.isEmpty())
        return fail(outputError);
    if (!grid.isValid())
        return fail(LandscapeCommand::tr(
                        "the automatic range [%1, %2] x [%3, %4] is not a finite, non-empty "
                        "rectangle for this data; give -w and -b.")
                        .arg(formatNumber(grid.slopeMinimum), formatNumber(grid.slopeMaximum),
                             formatNumber(grid.interceptMinimum),
                             formatNumber(grid.interceptMaximum)));

    if (writesImage(request.outputPath)) {
        const bool automaticRange = !request.slopeRange && !request.interceptRange;
        const std::optional<LandscapeImage> image = renderLandscapeImage(
            data, objective->sharedLoss(), request.standardize, grid, automaticRange, &error);
        if (!image || !file.write(image->png, &error))
            return fail(error);
        // As for the CSV, but counted on the image's own grid, whose undefined cells are blank.
        if (image->undefinedCount > 0) {
            const LineParameters first = image->firstUndefined;
            errors << errorPrefix
                   << LandscapeCommand::tr("the mean loss is infinite or undefined at %1 of %2 "
                                           "nodes of the image's grid, drawn blank, the first at "
                                           "w = %3, b = %4%5.")
                          .arg(image->undefinedCount)
                          .arg(image->nodeCount)
                          .arg(formatNumber(first.slope), formatNumber(first.intercept),
                               undefinedSampleText(*data, objective->loss(), first.slope,
                                                   first.intercept))
                   << Qt::endl;
        }
        return 0;
    }
    const std::optional<Landscape> landscape = computeLandscapeInDataUnits(*objective, grid);
    if (!landscape)
        return fail(LandscapeCommand::tr("the landscape computation was cancelled."));
    // A range far from the data can overflow the mean loss, and a formula can be undefined for
    // some errors. A formula turns an undefined value into +inf (core/losses/formula.h), so the
    // message names both, with a sample and its error. Such nodes are written as inf, which
    // NumPy and strtod read, as the window's export and its picture (blank cells) show them. A
    // grid without one finite node is rejected, because its file would contain no value.
    const Eigen::Index undefinedCount = (!landscape->values.array().isFinite()).count();
    if (undefinedCount > 0) {
        // The first undefined node in the file's order, w in the outer loop.
        int first = 0;
        while (std::isfinite(landscape->values(first / grid.interceptCount,
                                               first % grid.interceptCount)))
            ++first;
        const double slope = grid.slopeAt(first / grid.interceptCount);
        const double intercept = grid.interceptAt(first % grid.interceptCount);
        const QString sample = undefinedSampleText(*data, objective->loss(), slope, intercept);
        if (undefinedCount == landscape->values.size()) {
            return fail(LandscapeCommand::tr("the mean loss is infinite or undefined at w = %1, "
                                             "b = %2%3, and at every other node; choose -w and "
                                             "-b closer to the data's fit, or a loss that is "
                                             "finite there.")
                            .arg(formatNumber(slope), formatNumber(intercept), sample));
        }
        errors << errorPrefix
               << LandscapeCommand::tr("the mean loss is infinite or undefined at %1 of %2 grid "
                                       "nodes, written as inf, the first at w = %3, b = %4%5.")
                      .arg(undefinedCount)
                      .arg(landscape->values.size())
                      .arg(formatNumber(slope), formatNumber(intercept), sample)
               << Qt::endl;
    }
    if (!writeCsv(*landscape, file, &error))
        return fail(error);
    return 0;
}

} // namespace

bool isLandscapeCommand(const QStringList &arguments)
{
    return arguments.size() > 1 && arguments[1] == QLatin1String("landscape");
}

int runLandscapeCommand(int &argc, char **argv, const QStringList &arguments)
{
    QStringList rest = arguments;
    rest.removeAt(1);
    QString error;
    const std::optional<LandscapeRequest> request = parseRequest(rest, &error);
    if (!request)
        return fail(error);
    QTextStream output(stdout);
    int status = 0;
    if (!request->helpText.isEmpty()) {
        output << request->helpText;
    } else if (!writesImage(request->outputPath)) {
        QCoreApplication application(argc, argv);
        status = runRequest(*request, output);
    } else {
        // The image needs widgets but no display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication application(argc, argv);
        status = runRequest(*request, output);
    }
    if (const QString outputError = standardOutputError(output); !outputError.isEmpty())
        return status != 0 ? status : fail(outputError);
    return status;
}

} // namespace losslens
