// Times LossLens's landscape engine (computeLandscape) on seeded synthetic data and measures the
// machine's peak floating-point rate. It writes what the Python peer (landscape_peer.py) and
// the report (report.py) need into a work folder:
//   data_N.csv               the data of N rows, with the columns x,y,label
//   landscape_LOSS_N_G.bin   each timed landscape as G x G little-endian doubles, w outer
//   losslens.json            the peak rate, the losses with their flop counts, the cells and
//                            the first coarse pass of each loss at N = 10,000
// bench/run.sh runs the three programs in turn (see bench/README.md).

#include "fmaprobe.h"

#include "core/landscape.h"
#include "core/landscapekernel.h"
#include "core/losscatalogue.h"
#include "core/syntheticdata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

using namespace losslens;

namespace {

// A loss as the benchmark runs it, with the estimated floating-point operations of one
// evaluation of rho(w x + b - y) or rho(w x + b, y), the sum's addition included. Counted as 1:
// add, subtract, multiply, divide, abs, min, max, compare; as 2: a fused multiply-add. The
// transcendental functions are estimates for vectorized polynomial implementations, which
// take 10 to 13 fused multiply-adds plus the range reduction: exp 20, expm1 20, log1p 25, sinh
// 25 (one exp and a reciprocal), pow 45 (a log and an exp). Only mse, mae, huber, tukey and
// geman_mcclure are exact counts, and their scalar code may do a compare or a select more.
// Welsch's 1 - exp(x) (32) counts LossLens's own polynomial code: the clamp (1 or 2), the
// reduction (7), the series (21: 10 multiply-adds and a square) and the scaling by 2^n (3).
// Barron's (1 + q)^a - 1 (49 at alpha = 0.5) counts its table code: 1 + q (1), the exponent
// and its check (4), the mantissa and its interval (4), four table lookups (4), the low bits of
// q (4), the reduced r (4), the series (17: 8 multiply-adds and a product), two table indices
// (2) and three products of the parts (9).
struct LossCase
{
    const char *name;
    const char *spec;
    int flops;
    const char *flopBreakdown;
};

constexpr LossCase lossCases[] = {
    {"mse", "mse", 5, "w*x+b 2, -y 1, e*e 1, sum 1"},
    {"mae", "mae", 5, "w*x+b 2, -y 1, abs(e) 1, sum 1"},
    {"huber", "huber:delta=1", 9,
     "w*x+b 2, -y 1, abs(e) 1, min(abs(e),delta) 1, 0.5*a 1, abs(e)-0.5a 1, a*() 1, sum 1"},
    {"logcosh", "logcosh", 59,
     "w*x+b 2, -y 1, abs(e) and compare 2, e/2 1, sinh 25, s*s 1, 2*() 1, log1p 25, sum 1"},
    {"tukey", "tukey:c=4.685", 15,
     "w*x+b 2, -y 1, abs(e) and compare 2, e/c 1, u=q*q 1, u-3 1, u*() 1, 3+() 1, e*e 1, "
     "*() 1, /6 1, select 1, sum 1"},
    {"bce", "bce", 68,
     "w*x+b 2, abs(z) 1, -abs(z) 1, exp 20, log1p 25, the label weights 8, two softplus terms 8, "
     "sum 1, select 2"},
    {"focal", "focal:gamma=2,alpha=0.25", 110,
     "w*x+b 2, 2y-1 2, margin 1, abs(u) 1, exp 20, 1+d 1, two divisions 2, log1p 25, "
     "max(-u,0)+ 3, pow 45, class weight 5, products 2, sum 1"},
    {"welsch", "welsch", 39, "w*x+b 2, -y 1, e/c 1, s=t*t 1, -0.5*s 1, 1-exp 32, sum 1"},
    {"cauchy", "cauchy", 32, "w*x+b 2, -y 1, e/c 1, s=t*t 1, 0.5*s 1, log1p 25, sum 1"},
    {"geman_mcclure", "geman_mcclure", 14,
     "w*x+b 2, -y 1, e/c 1, s=t*t 1, s+4 1, p=4/() 1, s<4 1, 0.5*s*p 2, 2-2p 2, select 1, "
     "sum 1"},
    {"barron", "barron:alpha=0.5", 57,
     "w*x+b 2, -y 1, e/c 1, s=t*t 1, q=s/b 1, (1+q)^(alpha/2)-1 49, (b/alpha)*() 1, sum 1"},
    // Barron's loss at its default alpha = 1, the pseudo-Huber loss sqrt(1 + e^2) - 1, which the
    // kernel computes as s / (sqrt(1 + s) + 1) without cancellation.
    {"pseudo_huber", "barron:alpha=1", 12,
     "w*x+b 2, -y 1, e/c 1, s=t*t 1, 1+s 1, sqrt 1, +1 1, s/() 1, select 1, compare 1, sum 1"},
    // A typed formula, as a user would write Cauchy's loss with c = sqrt(2) (see the formula
    // loss's notes): its program runs on vectors, with a running error bound per sample.
    {"formula", "formula:log(1+e^2/4)", 32,
     "w*x+b 2, -y 1, e^2 1, *0.25 1, 1+() 1, log 25, sum 1"},
};

// Synthetic data of a line y = 2 x + 1 with unit Gaussian noise, x uniform in [-5, 5], and 10%
// of the points moved up by 20. The label is 1 where y > 1, so a logistic line fits it.
struct BenchmarkData
{
    std::shared_ptr<const Dataset> regression;
    std::shared_ptr<const Dataset> classification;
    QString path;
};

BenchmarkData makeData(int count, std::uint64_t seed, const QDir &folder, QString *error)
{
    SyntheticSettings settings;
    settings.count = count;
    settings.seed = seed;
    auto regression = std::make_shared<Dataset>(generateSyntheticData(settings));
    auto classification = std::make_shared<Dataset>(*regression);
    for (Eigen::Index i = 0; i < classification->size(); ++i)
        classification->target[i] = regression->target[i] > 1.0 ? 1.0 : 0.0;
    classification->targetName = QStringLiteral("label");

    BenchmarkData data;
    data.regression = regression;
    data.classification = classification;
    data.path = folder.filePath(QStringLiteral("data_%1.csv").arg(count));
    QFile file(data.path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(data.path, file.errorString());
        return {};
    }
    // Shortest round-trip numbers, so Python's float() reads back the same doubles.
    QTextStream stream(&file);
    stream << "x,y,label\n";
    for (Eigen::Index i = 0; i < regression->size(); ++i) {
        stream << formatNumber(regression->feature[i]) << ',' << formatNumber(regression->target[i])
               << ',' << formatNumber(classification->target[i]) << '\n';
    }
    stream.flush();
    if (stream.status() != QTextStream::Ok || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(data.path, file.errorString());
        return {};
    }
    return data;
}

// The grid every implementation evaluates: around the generating line (2, 1) for regression,
// and around the logistic fit of the labels for classification.
LandscapeGrid gridFor(LossKind kind, int side)
{
    LandscapeGrid grid;
    if (kind == LossKind::Regression) {
        grid.slopeMinimum = 0.0;
        grid.slopeMaximum = 4.0;
        grid.interceptMinimum = -4.0;
        grid.interceptMaximum = 6.0;
    } else {
        grid.slopeMinimum = -2.0;
        grid.slopeMaximum = 6.0;
        grid.interceptMinimum = -4.0;
        grid.interceptMaximum = 4.0;
    }
    grid.slopeCount = side;
    grid.interceptCount = side;
    return grid;
}

struct Timing
{
    double seconds = 0.0;
    int repeats = 0;
};

// Times computeLandscape: the fastest of repeated runs, repeated until 0.25 s have passed
// (at most 20 runs), because other work on the machine only ever slows a run down.
Timing timeLandscape(const LineObjective &objective, const LandscapeGrid &grid,
                     std::optional<Landscape> *landscape)
{
    using Clock = std::chrono::steady_clock;
    Timing timing;
    timing.seconds = INFINITY;
    double total = 0.0;
    while (timing.repeats < 20 && total < 0.25) {
        const auto start = Clock::now();
        *landscape = computeLandscape(objective, grid);
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        timing.seconds = std::min(timing.seconds, elapsed);
        total += elapsed;
        ++timing.repeats;
    }
    return timing;
}

// Times the first coarse picture after a slider move as the window computes it. The view's grid
// is 161 x 161 and its largest first pass 41 x 41. LandscapeJob chooses the pass from the
// measured cost of that pass and its budget of 5 ms.
QJsonObject timeFirstPass(const LineObjective &objective, const char *name, QTextStream &out)
{
    constexpr int viewSide = 161;
    constexpr int largestSide = 41;
    const LandscapeGrid view = gridFor(objective.loss().kind(), viewSide);
    LandscapeGrid largest = view;
    largest.slopeCount = largestSide;
    largest.interceptCount = largestSide;
    std::optional<Landscape> landscape;
    const Timing largestTiming = timeLandscape(objective, largest, &landscape);
    const double secondsPerNode = largestTiming.seconds / (double(largestSide) * largestSide);
    const std::optional<LandscapeGrid> chosen =
        firstPassGrid(view, secondsPerNode, 0.005, 6, largestSide);
    const Timing chosenTiming =
        chosen ? timeLandscape(objective, *chosen, &landscape) : largestTiming;
    const int chosenSide = chosen ? chosen->slopeCount : largestSide;
    out << name << " first pass N=" << objective.data().size() << ": " << largestSide << " x "
        << largestSide << " " << largestTiming.seconds << " s, chosen " << chosenSide << " x "
        << chosenSide << " " << chosenTiming.seconds << " s" << Qt::endl;
    return QJsonObject{{QStringLiteral("loss"), QString::fromLatin1(name)},
                       {QStringLiteral("count"), int(objective.data().size())},
                       {QStringLiteral("largest_side"), largestSide},
                       {QStringLiteral("largest_seconds"), largestTiming.seconds},
                       {QStringLiteral("chosen_side"), chosenSide},
                       {QStringLiteral("chosen_seconds"), chosenTiming.seconds}};
}

bool writeLandscape(const Landscape &landscape, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // Eigen stores the matrix column by column; the file wants w (the row) outer.
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows =
        landscape.values;
    const qint64 bytes = static_cast<qint64>(rows.size() * sizeof(double));
    if (file.write(reinterpret_cast<const char *>(rows.data()), bytes) != bytes) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QList<int> parseCounts(const QString &text, int minimum, int maximum, bool *ok)
{
    QList<int> values;
    *ok = true;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool itemOk = false;
        const double value = item.trimmed().toDouble(&itemOk);
        if (!itemOk || value != std::floor(value) || value < minimum || value > maximum) {
            *ok = false;
            return {};
        }
        values << static_cast<int>(value);
    }
    *ok = *ok && !values.isEmpty();
    return values;
}

int fail(const QString &message)
{
    QTextStream(stderr) << "losslens_landscape_benchmark: " << message << Qt::endl;
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times LossLens's landscape engine; bench/run.sh runs it with the Python "
                       "peer and prints the comparison."));
    parser.addHelpOption();
    const QCommandLineOption workDirectory(
        QStringLiteral("work-dir"), QStringLiteral("Folder for the data, landscapes and results."),
        QStringLiteral("DIR"));
    const QCommandLineOption losses(
        QStringLiteral("losses"),
        QStringLiteral("Comma-separated losses to time, from mse, mae, huber, logcosh, tukey, bce, "
                       "focal, welsch, cauchy, geman_mcclure, barron (alpha = 0.5), pseudo_huber "
                       "(barron, alpha = 1) and formula (log(1+e^2/4))."),
        QStringLiteral("LIST"), QStringLiteral("mse,mae,huber,logcosh,tukey,bce,focal"));
    const QCommandLineOption sizes(
        QStringLiteral("sizes"), QStringLiteral("Comma-separated data sizes N (rows)."),
        QStringLiteral("LIST"), QStringLiteral("1000,10000,100000,1000000"));
    const QCommandLineOption grids(QStringLiteral("grids"),
                                   QStringLiteral("Comma-separated grid sides G (G x G nodes)."),
                                   QStringLiteral("LIST"), QStringLiteral("64,128,256,512"));
    const QCommandLineOption maximumSeconds(
        QStringLiteral("max-seconds"),
        QStringLiteral("Skip a cell whose time, predicted from the loss's last timed cell, "
                       "exceeds this many seconds."),
        QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption probeSeconds(
        QStringLiteral("probe-seconds"),
        QStringLiteral("Seconds spent measuring the peak floating-point rate."),
        QStringLiteral("S"), QStringLiteral("6"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the synthetic data."),
                                  QStringLiteral("SEED"), QStringLiteral("1"));
    parser.addOptions({workDirectory, losses, sizes, grids, maximumSeconds, probeSeconds, seed});
    parser.process(application);

    if (!parser.isSet(workDirectory))
        return fail(QStringLiteral("--work-dir is missing; give a folder for the results."));
    QDir folder(parser.value(workDirectory));
    if (!folder.mkpath(QStringLiteral(".")))
        return fail(QStringLiteral("cannot create the folder %1").arg(folder.path()));

    std::vector<LossCase> chosen;
    for (const QString &name : parser.value(losses).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto found = std::find_if(std::begin(lossCases), std::end(lossCases),
                                        [&](const LossCase &c) { return name == c.name; });
        if (found == std::end(lossCases))
            return fail(
                QStringLiteral("unknown loss \"%1\" in --losses; the benchmark knows "
                               "mse, mae, huber, logcosh, tukey, bce, focal, welsch, cauchy, "
                               "geman_mcclure, barron, pseudo_huber and formula.")
                    .arg(name));
        chosen.push_back(*found);
    }
    bool ok = false;
    const QList<int> counts = parseCounts(parser.value(sizes), 2, 10'000'000, &ok);
    if (!ok)
        return fail(QStringLiteral("invalid --sizes \"%1\"; give whole numbers from 2 to 1e7.")
                        .arg(parser.value(sizes)));
    const QList<int> sides = parseCounts(parser.value(grids), 2, 4096, &ok);
    if (!ok)
        return fail(QStringLiteral("invalid --grids \"%1\"; give whole numbers from 2 to 4096.")
                        .arg(parser.value(grids)));
    const double limit = parser.value(maximumSeconds).toDouble(&ok);
    if (!ok || !(limit > 0.0))
        return fail(QStringLiteral("invalid --max-seconds \"%1\"; give a positive number.")
                        .arg(parser.value(maximumSeconds)));
    const double probeLimit = parser.value(probeSeconds).toDouble(&ok);
    if (!ok || !(probeLimit > 0.0) || probeLimit > 600.0)
        return fail(QStringLiteral("invalid --probe-seconds \"%1\"; give a number in (0, 600].")
                        .arg(parser.value(probeSeconds)));
    const std::uint64_t dataSeed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(
            QStringLiteral("invalid --seed \"%1\"; give a whole number.").arg(parser.value(seed)));

    QTextStream out(stdout);
    std::map<int, BenchmarkData> dataBySize;
    QJsonArray dataFiles;
    for (const int count : counts) {
        QString error;
        BenchmarkData data = makeData(count, dataSeed, folder, &error);
        if (!error.isEmpty())
            return fail(error);
        dataFiles.append(
            QJsonObject{{QStringLiteral("count"), count}, {QStringLiteral("path"), data.path}});
        dataBySize[count] = std::move(data);
    }

    // The first-pass target is for 10,000 points, which are timed whatever --sizes lists.
    constexpr int firstPassCount = 10000;
    if (!dataBySize.contains(firstPassCount)) {
        QString error;
        BenchmarkData data = makeData(firstPassCount, dataSeed, folder, &error);
        if (!error.isEmpty())
            return fail(error);
        dataBySize[firstPassCount] = std::move(data);
    }

    QJsonArray lossEntries;
    QJsonArray cells;
    QJsonArray firstPasses;
    for (const LossCase &lossCase : chosen) {
        QString error;
        const std::shared_ptr<const Loss> loss =
            LossCatalogue::parse(QString::fromLatin1(lossCase.spec), &error);
        if (!loss)
            return fail(error);
        const bool regression = loss->kind() == LossKind::Regression;
        lossEntries.append(QJsonObject{
            {QStringLiteral("name"), QString::fromLatin1(lossCase.name)},
            {QStringLiteral("spec"), loss->spec()},
            {QStringLiteral("kind"), regression ? "regression" : "classification"},
            {QStringLiteral("flops"), lossCase.flops},
            {QStringLiteral("flop_breakdown"), QString::fromLatin1(lossCase.flopBreakdown)}});

        const BenchmarkData &firstPassData = dataBySize.at(firstPassCount);
        firstPasses.append(timeFirstPass(
            LineObjective(regression ? firstPassData.regression : firstPassData.classification,
                          loss, FeatureScaling::identity()),
            lossCase.name, out));

        // Cells from the least work to the most, so each prediction extrapolates from the
        // largest cell timed so far.
        std::vector<std::pair<int, int>> order;
        for (const int count : counts) {
            for (const int side : sides)
                order.emplace_back(count, side);
        }
        std::stable_sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
            return double(a.first) * a.second * a.second < double(b.first) * b.second * b.second;
        });
        double rate = 0.0;
        for (const auto &[count, side] : order) {
            const BenchmarkData &data = dataBySize.at(count);
            const LineObjective objective(regression ? data.regression : data.classification, loss,
                                          FeatureScaling::identity());
            const LandscapeGrid grid = gridFor(loss->kind(), side);
            const double work = double(count) * side * side;
            const double predicted = rate > 0.0 ? work / rate : 0.0;
            QJsonObject cell{
                {QStringLiteral("loss"), QString::fromLatin1(lossCase.name)},
                {QStringLiteral("count"), count},
                {QStringLiteral("grid"), side},
                {QStringLiteral("slope_range"), QJsonArray{grid.slopeMinimum, grid.slopeMaximum}},
                {QStringLiteral("intercept_range"),
                 QJsonArray{grid.interceptMinimum, grid.interceptMaximum}},
                {QStringLiteral("predicted_seconds"), predicted}};
            out << lossCase.name << " N=" << count << " G=" << side << ": ";
            if (predicted > limit) {
                out << "skipped, predicted " << predicted << " s" << Qt::endl;
                cell.insert(QStringLiteral("seconds"), QJsonValue::Null);
                cells.append(cell);
                continue;
            }
            std::optional<Landscape> landscape;
            const Timing timing = timeLandscape(objective, grid, &landscape);
            rate = work / timing.seconds;
            out << timing.seconds << " s (best of " << timing.repeats << ")" << Qt::endl;
            const QString path = folder.filePath(QStringLiteral("landscape_%1_%2_%3.bin")
                                                     .arg(QString::fromLatin1(lossCase.name))
                                                     .arg(count)
                                                     .arg(side));
            if (!landscape || !writeLandscape(*landscape, path, &error))
                return fail(error.isEmpty() ? QStringLiteral("the landscape was cancelled")
                                            : error);
            cell.insert(QStringLiteral("seconds"), timing.seconds);
            cell.insert(QStringLiteral("repeats"), timing.repeats);
            cell.insert(QStringLiteral("landscape"), path);
            cells.append(cell);
        }
    }

    // The probe runs after the timings, because on some processors its 512-bit instructions
    // lower the clock for a while afterwards.
    out << "landscape kernels ran with " << LandscapeKernel::instructionSet() << Qt::endl;
    out << "measuring the peak floating-point rate for " << probeLimit << " s" << Qt::endl;
    const bench::PeakFlops peak = bench::measurePeakFlops(probeLimit);
    out << "peak: " << peak.flopsPerSecond / 1e9 << " GFLOP/s on " << peak.threadCount
        << " threads (" << peak.vectorWidth << "-wide vectors, " << peak.chainCount
        << " chains per thread)" << Qt::endl;

    const QJsonObject machine{
        {QStringLiteral("threads"), peak.threadCount},
        {QStringLiteral("peak_flops"), peak.flopsPerSecond},
        {QStringLiteral("vector_width"), peak.vectorWidth},
        {QStringLiteral("chains"), peak.chainCount},
        {QStringLiteral("probe_flags"), QStringLiteral(LOSSLENS_PROBE_FLAGS)},
        {QStringLiteral("engine_threads"),
         static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))},
        {QStringLiteral("engine_instruction_set"),
         QString::fromLatin1(LandscapeKernel::instructionSet())}};
    const QJsonObject results{{QStringLiteral("machine"), machine},
                              {QStringLiteral("max_seconds"), limit},
                              {QStringLiteral("losses"), lossEntries},
                              {QStringLiteral("data"), dataFiles},
                              {QStringLiteral("cells"), cells},
                              {QStringLiteral("first_passes"), firstPasses}};
    const QString resultsPath = folder.filePath(QStringLiteral("losslens.json"));
    QFile file(resultsPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(results).toJson()) < 0)
        return fail(QStringLiteral("cannot write %1: %2").arg(resultsPath, file.errorString()));
    out << "wrote " << resultsPath << Qt::endl;
    return 0;
}
