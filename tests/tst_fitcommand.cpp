// "losslens fit" run as a user would from a shell: one --x against TrainingRun, several --x
// against trainLinearModel() and the least-squares solution, the trajectory, and the errors.

#include "numericcheck.h"
#include "testdata.h"

#include "core/adaptivebarron.h"
#include "core/adaptivebarrontraining.h"
#include "core/csvreader.h"
#include "core/learningrateschedule.h"
#include "core/linearmodel.h"
#include "core/linearmodeltraining.h"
#include "core/lineobjective.h"
#include "core/optimizercatalogue.h"
#include "core/syntheticdata.h"
#include "core/trainingrun.h"

#include <Eigen/Dense>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace losslens;
using namespace losslens::test;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString output;
    QString errors;
};

Outcome runLosslens(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(LOSSLENS_EXECUTABLE), arguments);
    Outcome outcome;
    if (!process.waitForFinished(60000)) {
        process.kill();
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.output = QString::fromUtf8(process.readAllStandardOutput());
    outcome.errors = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

const QString stackLoss = QStringLiteral(LOSSLENS_STACKLOSS_CSV);
const QStringList threeFeatures{"fit",       "--data", stackLoss,  "--x", "AIRFLOW",  "--x",
                                "WATERTEMP", "--x",    "ACIDCONC", "--y", "STACKLOSS"};

std::shared_ptr<const MultiFeatureData> stackLossThreeFeatures()
{
    CsvError error;
    auto data = loadCsvMultiFeatureData(
        stackLoss,
        {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")},
        QStringLiteral("STACKLOSS"), &error);
    if (!data) {
        qWarning("cannot read the stack loss file: %s", qPrintable(error.message));
        return nullptr;
    }
    return std::make_shared<const MultiFeatureData>(std::move(*data));
}

std::unique_ptr<Optimizer> parseOptimizer(const QString &spec)
{
    QString error;
    std::unique_ptr<Optimizer> optimizer = OptimizerCatalogue::parse(spec, &error);
    if (!optimizer)
        qWarning("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return optimizer;
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

// Writes the line y = 2 x + 1 plus Gaussian noise of deviation 1 (no outliers) as x,y to path,
// with 17 significant digits so the file reads back as the same doubles. Returns the data.
std::shared_ptr<const Dataset> writeGaussianLine(const QString &path)
{
    SyntheticSettings settings;
    settings.count = 300;
    settings.outlierFraction = 0.0;
    settings.seed = 11;
    auto data = std::make_shared<const Dataset>(generateSyntheticData(settings));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return nullptr;
    QByteArray text = "x,y\n";
    for (Eigen::Index i = 0; i < data->feature.size(); ++i)
        text += QByteArray::number(data->feature[i], 'g', 17) + ',' +
                QByteArray::number(data->target[i], 'g', 17) + '\n';
    file.write(text);
    return data;
}

const QStringList expectedKeys{"b", "loss", "mean_loss", "optimizer", "status", "steps", "w"};

} // namespace

class FitCommandTest : public QObject
{
    Q_OBJECT

private slots:
    void oneFeatureFollowsTrainingRun()
    {
        // One --x runs the line model's TrainingRun, so the printed doubles are exactly the
        // run's.
        const Outcome outcome = runLosslens({"fit", "--data", stackLoss, "--x", "AIRFLOW", "--y",
                                             "STACKLOSS", "--loss", "huber:delta=2", "--optimizer",
                                             "momentum:learning_rate=0.05", "--steps", "120"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QCOMPARE(sortedKeys(result), expectedKeys);

        const auto data = stackLossData();
        const LineObjective objective(data, parseLoss(QStringLiteral("huber:delta=2")),
                                      FeatureScaling::standardizing(data->feature));
        const auto momentum = parseOptimizer(QStringLiteral("momentum:learning_rate=0.05"));
        QVERIFY(momentum);
        TrainingRun run(objective, Eigen::Vector2d::Zero(), *momentum);
        for (int step = 0; step < 120 && run.status() == RunStatus::Running; ++step)
            run.step(objective);
        const LineParameters line = objective.toDataUnits(run.current().theta);
        QCOMPARE(result["steps"].toInt(), run.stepsTaken());
        QCOMPARE(result["w"].toArray().size(), 1);
        COMPARE_NEAR(result["w"].toArray()[0].toDouble(), line.slope, 0.0);
        COMPARE_NEAR(result["b"].toDouble(), line.intercept, 0.0);
        COMPARE_NEAR(result["mean_loss"].toDouble(), run.current().loss, 0.0);
        QCOMPARE(result["status"].toString(), QStringLiteral("max_steps"));
    }

    void threeFeaturesFollowLinearTraining_data()
    {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<QString>("standardize");
        QTest::addColumn<int>("steps");
        QTest::newRow("huber adam") << "huber:delta=2"
                                    << "adam:learning_rate=0.1"
                                    << "on" << 200;
        QTest::newRow("mse sgd") << "mse"
                                 << "sgd:learning_rate=0.02,batch_size=5,seed=3"
                                 << "on" << 90;
        QTest::newRow("logcosh gd raw") << "logcosh"
                                        << "gd:learning_rate=0.0001"
                                        << "off" << 50;
    }

    void threeFeaturesFollowLinearTraining()
    {
        QFETCH(QString, loss);
        QFETCH(QString, optimizer);
        QFETCH(QString, standardize);
        QFETCH(int, steps);
        const Outcome outcome = runLosslens(
            threeFeatures + QStringList{"--loss", loss, "--optimizer", optimizer, "--steps",
                                        QString::number(steps), "--standardize", standardize});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QCOMPARE(sortedKeys(result), expectedKeys);

        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(loss), standardize == "on");
        const auto stepRule = parseOptimizer(optimizer);
        QVERIFY(stepRule);
        LinearTrainingSettings settings;
        settings.stepLimit = steps;
        const auto path = trainLinearModel(objective, Eigen::VectorXd::Zero(4), *stepRule,
                                           LearningRateSchedule(), settings);
        QVERIFY(path.has_value());
        const Eigen::VectorXd parameters = objective.toDataUnits(path->end());
        const QJsonArray weights = result["w"].toArray();
        QCOMPARE(weights.size(), 3);
        for (int j = 0; j < 3; ++j)
            COMPARE_NEAR(weights[j].toDouble(), parameters[j], 0.0);
        COMPARE_NEAR(result["b"].toDouble(), parameters[3], 0.0);
        COMPARE_NEAR(result["mean_loss"].toDouble(), path->losses.back(), 0.0);
        QCOMPARE(result["steps"].toInt(), path->stepsTaken());
        QCOMPARE(result["optimizer"].toString(), stepRule->spec());
    }

    void minimizeGivesLeastSquares()
    {
        const Outcome outcome =
            runLosslens(threeFeatures + QStringList{"--loss", "mse", "--optimizer", "minimize"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QCOMPARE(sortedKeys(result), expectedKeys);
        QCOMPARE(result["status"].toString(), QStringLiteral("converged"));
        QCOMPARE(result["steps"].toInt(), 0);
        QCOMPARE(result["optimizer"].toString(), QStringLiteral("minimize"));

        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        Eigen::MatrixXd design(data->size(), 4);
        design << data->features, Eigen::VectorXd::Ones(data->size());
        const Eigen::VectorXd expected = design.colPivHouseholderQr().solve(data->target);
        const QJsonArray weights = result["w"].toArray();
        QCOMPARE(weights.size(), 3);
        for (int j = 0; j < 3; ++j)
            COMPARE_NEAR(weights[j].toDouble(), expected[j], relativeTolerance(expected[j], 1e-10));
        COMPARE_NEAR(result["b"].toDouble(), expected[3], relativeTolerance(expected[3], 1e-10));
        const double meanSquare = (design * expected - data->target).squaredNorm() / 21.0;
        COMPARE_NEAR(result["mean_loss"].toDouble(), meanSquare,
                     relativeTolerance(meanSquare, 1e-12));
    }

    void nonConvexMinimizeStartsFromGrid()
    {
        // From the start (0, 0) every stack loss error lies in Tukey's flat part, where a local
        // search cannot move. The search from the landscape's lowest node finds the minimum
        // near w = 0.9456, b = -39.83, with mean loss 1.3757, which SciPy's Nelder-Mead from
        // the least-squares line also finds.
        const Outcome outcome = runLosslens({"fit", "--data", stackLoss, "--x", "AIRFLOW", "--y",
                                             "STACKLOSS", "--loss", "tukey", "--optimizer",
                                             "minimize"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QCOMPARE(result["status"].toString(), QStringLiteral("approximate"));
        QVERIFY2(result["mean_loss"].toDouble() < 1.3758, qPrintable(outcome.output));
        COMPARE_NEAR(result["w"].toArray()[0].toDouble(), 0.9456, 1e-3);
        QVERIFY2(result["note"].toString().contains(QStringLiteral("Local search")),
                 qPrintable(outcome.output));
    }

    void fallingFormulaHasNoMinimum()
    {
        // The mean error falls without end as b falls, so there is no minimum to report.
        const Outcome outcome = runLosslens({"fit", "--data", stackLoss, "--x", "AIRFLOW", "--y",
                                             "STACKLOSS", "--loss", "formula:e", "--optimizer",
                                             "minimize"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QCOMPARE(result["status"].toString(), QStringLiteral("not_attained"));
        QVERIFY2(result["note"].toString().contains(QStringLiteral("No minimum")),
                 qPrintable(outcome.output));
        QVERIFY2(outcome.errors.contains(QStringLiteral("No minimum")), qPrintable(outcome.errors));
    }

    void negativeLossDivergence()
    {
        // e^2 - 1000 starts at a negative mean loss and, at a learning rate of 1.5, grows as
        // the squared error does, which diverges after several steps, not at the first rise.
        const QStringList line{"fit",       "--data", stackLoss, "--x", "AIRFLOW", "--y",
                               "STACKLOSS", "--optimizer"};
        const Outcome rising =
            runLosslens(line + QStringList{"gd:lr=1.5", "--steps", "12", "--loss",
                                           "formula:e^2-1000"});
        QVERIFY2(rising.exitCode == 0, qPrintable(rising.errors));
        const QJsonObject risen = QJsonDocument::fromJson(rising.output.toUtf8()).object();
        QCOMPARE(risen["status"].toString(), QStringLiteral("diverged"));
        QVERIFY2(risen["steps"].toInt() >= 5, qPrintable(rising.output));

        // -e^2 falls without end, which counts as divergence once it has fallen 1e6 times
        // its start's magnitude.
        const Outcome falling = runLosslens(
            line + QStringList{"gd", "--steps", "1000", "--loss", "formula:-e^2"});
        QVERIFY2(falling.exitCode == 0, qPrintable(falling.errors));
        const QJsonObject fallen = QJsonDocument::fromJson(falling.output.toUtf8()).object();
        QCOMPARE(fallen["status"].toString(), QStringLiteral("diverged"));
    }

    void startInDataUnits()
    {
        // Zero steps leave the start, given in data units, where it was.
        const Outcome outcome =
            runLosslens(threeFeatures + QStringList{"--loss", "mse", "--optimizer", "gd", "--steps",
                                                    "0", "--start", "0.5,1.25,-0.25,-40"});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        const QJsonArray weights = result["w"].toArray();
        QCOMPARE(weights.size(), 3);
        const double expected[] = {0.5, 1.25, -0.25, -40.0};
        for (int j = 0; j < 3; ++j)
            COMPARE_NEAR(weights[j].toDouble(), expected[j], 1e-13);
        COMPARE_NEAR(result["b"].toDouble(), -40.0, 1e-12);
        QCOMPARE(result["steps"].toInt(), 0);
        QCOMPARE(result["status"].toString(), QStringLiteral("max_steps"));
        // The mean loss is the plain mean over the raw data at those parameters.
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const Eigen::Vector3d weightVector(0.5, 1.25, -0.25);
        const double meanSquare =
            ((data->features * weightVector).array() - 40.0 - data->target.array()).square().mean();
        COMPARE_NEAR(result["mean_loss"].toDouble(), meanSquare,
                     relativeTolerance(meanSquare, 1e-12));
    }

    void trajectoryHasColumnPerWeight()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("path.csv"));
        const Outcome outcome = runLosslens(
            threeFeatures + QStringList{"--loss", "mse", "--optimizer", "gd:learning_rate=0.1",
                                        "--steps", "25", "--trajectory", path});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("step,w1,w2,w3,b,mean_loss"));
        QCOMPARE(lines.size(), 1 + 26);
        for (int row = 1; row < lines.size(); ++row) {
            const QStringList fields = lines[row].split(QLatin1Char(','));
            QCOMPARE(fields.size(), 6);
            QCOMPARE(fields[0].toInt(), row - 1);
        }
        const QStringList last = lines.last().split(QLatin1Char(','));
        const QJsonArray weights = result["w"].toArray();
        for (int j = 0; j < 3; ++j)
            COMPARE_NEAR(last[j + 1].toDouble(), weights[j].toDouble(), 0.0);
        COMPARE_NEAR(last[4].toDouble(), result["b"].toDouble(), 0.0);
        COMPARE_NEAR(last[5].toDouble(), result["mean_loss"].toDouble(), 0.0);
    }

    void seedChangesMiniBatches()
    {
        const QStringList arguments =
            threeFeatures + QStringList{"--loss",      "mse",
                                        "--optimizer", "sgd:learning_rate=0.02,batch_size=4",
                                        "--steps",     "40"};
        const Outcome first = runLosslens(arguments + QStringList{"--seed", "1"});
        const Outcome again = runLosslens(arguments + QStringList{"--seed", "1"});
        const Outcome other = runLosslens(arguments + QStringList{"--seed", "2"});
        QVERIFY2(first.exitCode == 0, qPrintable(first.errors));
        QCOMPARE(again.output, first.output);
        QVERIFY(other.output != first.output);
        QVERIFY(first.output.contains(QStringLiteral("seed=1")));
    }

    void helpDescribesRepeatedFeature()
    {
        const Outcome outcome = runLosslens({"fit", "--help"});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.output.contains(QStringLiteral("--x A --x B")));
        QVERIFY(outcome.output.contains(QStringLiteral("W1,...,Wd,B")));
        QVERIFY(outcome.output.contains(QStringLiteral("1e-12 (1 + |(w, b)|)")));
    }

    void learnShapeFollowsAdaptiveTraining_data()
    {
        QTest::addColumn<QString>("learn");
        QTest::newRow("shape") << QStringLiteral("shape");
        QTest::newRow("shape and scale") << QStringLiteral("shape,scale");
    }

    void learnShapeFollowsAdaptiveTraining()
    {
        // The noise is Gaussian with deviation 1, which is Barron's distribution at alpha = 2 and
        // c = 1, so alpha learned from the start alpha = 1 must rise towards 2. The printed values
        // are exactly those of a core AdaptiveBarronTraining with the same settings.
        QFETCH(QString, learn);
        QTemporaryDir directory;
        const QString csv = directory.filePath(QStringLiteral("gaussian.csv"));
        const QString trajectory = directory.filePath(QStringLiteral("path.csv"));
        const auto data = writeGaussianLine(csv);
        QVERIFY(data);
        const Outcome outcome = runLosslens(
            {"fit", "--data", csv, "--x", "x", "--y", "y", "--loss", "barron:alpha=1,c=1",
             "--optimizer", "adam:learning_rate=0.05", "--steps", "1500", "--learn", learn,
             "--start", "0.5,-1", "--trajectory", trajectory});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QCOMPARE(sortedKeys(result), expectedKeys);

        AdaptiveBarronSettings settings;
        settings.initialShape = 1.0;
        settings.initialScale = 1.0;
        settings.learnScale = learn.contains(QStringLiteral("scale"));
        const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
        const AdaptiveBarronObjective objective(data, scaling, settings);
        const LineObjective lineObjective(data, parseLoss(QStringLiteral("barron")), scaling);
        const auto adam = parseOptimizer(QStringLiteral("adam:learning_rate=0.05"));
        QVERIFY(adam);
        AdaptiveBarronTraining training(objective, lineObjective.fromDataUnits({0.5, -1.0}),
                                        *adam);
        training.run(objective, 1500);
        const AdaptiveBarronPoint &last = training.current();
        QVERIFY2(last.shape > 1.2, qPrintable(QString::number(last.shape)));
        if (settings.learnScale)
            QVERIFY(last.scale != 1.0);
        else
            QCOMPARE(last.scale, 1.0);

        const auto printed = parseLoss(result["loss"].toString());
        QVERIFY(printed);
        QCOMPARE(printed->name(), QStringLiteral("barron"));
        COMPARE_NEAR(printed->parameterValue(0), last.shape, 1e-15);
        COMPARE_NEAR(printed->parameterValue(1), last.scale, 1e-15);
        QVERIFY(printed->parameterValue(0) > 1.0);
        const LineParameters line = objective.toDataUnits(last.theta);
        COMPARE_NEAR(result["w"].toArray()[0].toDouble(), line.slope, 0.0);
        COMPARE_NEAR(result["b"].toDouble(), line.intercept, 0.0);
        COMPARE_NEAR(result["mean_loss"].toDouble(), last.meanLoss, 0.0);
        QCOMPARE(result["steps"].toInt(), 1500);
        QCOMPARE(result["status"].toString(), QStringLiteral("max_steps"));
        // mean_loss is the plain Barron loss at the learned alpha and c, as a LineObjective of
        // the printed spec computes it.
        const LineObjective learned(data, printed, scaling);
        COMPARE_NEAR(result["mean_loss"].toDouble(), learned.value(last.theta.head<2>()), 1e-12);

        QFile file(trajectory);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(),
                 QStringLiteral("step,w,b,mean_loss,alpha,scale,negative_log_likelihood"));
        QCOMPARE(lines.size(), 1 + 1501);
        const QStringList first = lines[1].split(QLatin1Char(','));
        QCOMPARE(first.size(), 7);
        COMPARE_NEAR(first[1].toDouble(), 0.5, 1e-12);
        COMPARE_NEAR(first[2].toDouble(), -1.0, 1e-12);
        COMPARE_NEAR(first[4].toDouble(), 1.0, 1e-12);
        COMPARE_NEAR(first[5].toDouble(), 1.0, 1e-12);
        const QStringList final = lines.last().split(QLatin1Char(','));
        COMPARE_NEAR(final[4].toDouble(), last.shape, 0.0);
        COMPARE_NEAR(final[5].toDouble(), last.scale, 0.0);
        COMPARE_NEAR(final[6].toDouble(), last.negativeLogLikelihood, 0.0);
    }

    void invalidInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("fragment");
        const QStringList training{"--loss", "mse", "--optimizer", "gd", "--steps", "5"};
        QTest::newRow("unknown column")
            << (QStringList{"fit", "--data", stackLoss, "--x", "AIRFLOW", "--x", "NOPE", "--y",
                            "STACKLOSS"} +
                training)
            << "no column named \"NOPE\"";
        QTest::newRow("unknown target")
            << (QStringList{"fit", "--data", stackLoss, "--x", "AIRFLOW", "--x", "WATERTEMP", "--y",
                            "LOSS"} +
                training)
            << "no column named \"LOSS\"";
        QTest::newRow("repeated column")
            << (QStringList{"fit", "--data", stackLoss, "--x", "AIRFLOW", "--x", "WATERTEMP", "--x",
                            "AIRFLOW", "--y", "STACKLOSS"} +
                training)
            << "--x AIRFLOW is given twice";
        QTest::newRow("start with too few numbers")
            << (threeFeatures + training + QStringList{"--start", "1,2"})
            << "--start must be 4 finite numbers W1,...,W3,B";
        QTest::newRow("start for two features")
            << (QStringList{"fit", "--data", stackLoss, "--x", "AIRFLOW", "--x", "WATERTEMP", "--y",
                            "STACKLOSS", "--start", "1,2"} +
                training)
            << "--start must be 3 finite numbers W1,W2,B";
        QTest::newRow("repeated loss")
            << (threeFeatures + training + QStringList{"--loss", "mae"})
            << "give --loss once, not 2 times.";
        QTest::newRow("repeated target")
            << (threeFeatures + training + QStringList{"--y", "AIRFLOW"})
            << "give --y once, not 2 times.";
        QTest::newRow("trajectory over the data")
            << (threeFeatures + training + QStringList{"--trajectory", stackLoss})
            << "is the --data file";
        QTest::newRow("empty trajectory")
            << (threeFeatures + training + QStringList{"--trajectory", ""})
            << "losslens fit: the --trajectory path is empty; give the CSV file to write the "
               "steps to, or leave --trajectory out.";
        // Standard output carries the JSON result, so "-" cannot name it for the steps.
        QTest::newRow("trajectory to standard output")
            << (threeFeatures + training + QStringList{"--trajectory", "-"})
            << "losslens fit: --trajectory - would write the steps to standard output";
        QTest::newRow("unknown loss")
            << (threeFeatures +
                QStringList{"--loss", "hubber", "--optimizer", "gd", "--steps", "5"})
            << "losslens fit: unknown loss \"hubber\"";
        QTest::newRow("seed not a number")
            << (threeFeatures + QStringList{"--loss", "mse", "--optimizer", "sgd", "--steps", "5",
                                            "--seed", "abc"})
            << "--seed: \"abc\" is not a number.";
        QTest::newRow("start with too many numbers")
            << (threeFeatures + training + QStringList{"--start", "1,2,3,4,5"}) << "\"1,2,3,4,5\"";
        QTest::newRow("start not a number")
            << (threeFeatures + training + QStringList{"--start", "1,x,3,4"}) << "\"1,x,3,4\"";
        QTest::newRow("start overflows")
            << (threeFeatures + training + QStringList{"--start", "1e300,1e300,1e300,0"})
            << "not finite";
        QTest::newRow("start where the loss is undefined")
            << QStringList{"fit",   "--data", stackLoss,        "--x",         "AIRFLOW",
                           "--y",   "STACKLOSS", "--loss", "formula:log(e)", "--optimizer",
                           "gd",    "--steps", "5"}
            << "infinite or undefined for some errors there";
        QTest::newRow("one feature start of three")
            << QStringList{"fit", "--data",    stackLoss, "--x",     "AIRFLOW",
                           "--y", "STACKLOSS", "--loss",  "mse",     "--optimizer",
                           "gd",  "--steps",   "5",       "--start", "1,2,3"}
            << "--start must be two finite numbers W,B";
        QTest::newRow("minimize without curvature")
            << (threeFeatures + QStringList{"--loss", "mae", "--optimizer", "minimize"})
            << "found no minimum of mae with 3 features";
        QTest::newRow("estimated scale")
            << (threeFeatures + QStringList{"--loss", "huber:delta=1,scale=mad", "--optimizer",
                                            "gd", "--steps", "5"})
            << "scale=S";
        QTest::newRow("classifier on regression data")
            << (threeFeatures + QStringList{"--loss", "bce", "--optimizer", "gd", "--steps", "5"})
            << "0/1 labels";
        const QStringList oneFeature{"fit",  "--data",    stackLoss, "--x",     "AIRFLOW",
                                     "--y",  "STACKLOSS", "--steps", "5",       "--optimizer",
                                     "adam", "--learn"};
        QTest::newRow("learn with another loss")
            << (oneFeature + QStringList{"shape", "--loss", "huber"}) << "--loss barron";
        QTest::newRow("learn what")
            << (oneFeature + QStringList{"alpha", "--loss", "barron"}) << "shape or shape,scale";
        QTest::newRow("learn scale alone")
            << (oneFeature + QStringList{"scale", "--loss", "barron"}) << "shape or shape,scale";
        QTest::newRow("learn from alpha 2")
            << (oneFeature + QStringList{"shape", "--loss", "barron:alpha=2"}) << "alpha=2";
        QTest::newRow("learn with residual scale")
            << (oneFeature + QStringList{"shape", "--loss", "barron:scale=mad"}) << "scale=mad";
        QTest::newRow("learn with several features")
            << (threeFeatures + QStringList{"--loss", "barron", "--optimizer", "adam", "--steps",
                                            "5", "--learn", "shape"})
            << "one --x";
        QTest::newRow("learn with minimize")
            << QStringList{"fit",    "--data",      stackLoss,  "--x",     "AIRFLOW",
                           "--y",    "STACKLOSS",   "--loss",   "barron",  "--optimizer",
                           "minimize", "--learn",   "shape"}
            << "--optimizer minimize";
    }

    void invalidInputExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, fragment);
        const Outcome outcome = runLosslens(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.errors.contains(fragment), qPrintable(outcome.errors));
        QVERIFY(outcome.output.isEmpty());
    }

    void tooFewRowsExitsTwo()
    {
        // Three rows cannot determine three weights and an intercept.
        QTemporaryDir directory;
        const QString csv = directory.filePath(QStringLiteral("three.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("y,a,b,c\n1,0,5,2\n2,1,3,4\n4,2,4,1\n");
        file.close();
        const Outcome outcome =
            runLosslens({"fit", "--data", csv, "--x", "a", "--x", "b", "--x", "c", "--y", "y",
                         "--loss", "mse", "--optimizer", "gd", "--steps", "5"});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.errors.contains(QStringLiteral("3 data rows")),
                 qPrintable(outcome.errors));
        QVERIFY2(outcome.errors.contains(QStringLiteral("4 parameters")),
                 qPrintable(outcome.errors));
        QVERIFY(outcome.output.isEmpty());
        // Two features and the intercept fit those three rows exactly.
        const Outcome enough = runLosslens({"fit", "--data", csv, "--x", "a", "--x", "b", "--y",
                                            "y", "--loss", "mse", "--optimizer", "minimize"});
        QVERIFY2(enough.exitCode == 0, qPrintable(enough.errors));
    }
};

QTEST_GUILESS_MAIN(FitCommandTest)
#include "tst_fitcommand.moc"
