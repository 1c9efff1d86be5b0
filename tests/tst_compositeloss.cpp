// Composite losses: parsing and canonical specs, weighted sums of values and derivatives, and
// the weight penalty in the mean loss and in the minimizer, against closed forms for ridge and
// lasso lines.

#include "numericcheck.h"
#include "testdata.h"

#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/losses/composite.h"
#include "core/minimizer.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;
using namespace losslens::test;

namespace {

// Centred second moments of the stack loss data: Sxx = mean(dx^2), Sxy = mean(dx dy).
struct Moments
{
    double featureMean = 0.0, targetMean = 0.0, featureVariance = 0.0, covariance = 0.0;
};

Moments momentsOf(const Dataset &data, const FeatureScaling &scaling)
{
    const Eigen::ArrayXd x = (data.feature.array() - scaling.mean) / scaling.scale;
    const Eigen::ArrayXd y = data.target.array();
    Moments m;
    m.featureMean = x.mean();
    m.targetMean = y.mean();
    m.featureVariance = (x - m.featureMean).square().mean();
    m.covariance = ((x - m.featureMean) * (y - m.targetMean)).mean();
    return m;
}

} // namespace

class CompositeLossTest : public QObject
{
    Q_OBJECT

private slots:
    void canonicalSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("full") << "0.7*(huber:delta=1.5) + 0.3*(mae) + l1(0.01) + l2(0.1)"
                              << "0.7*(huber:delta=1.5) + 0.3*(mae) + l1(0.01) + l2(0.1)";
        QTest::newRow("bare terms") << "mse+mae"
                                    << "1*(mse) + 1*(mae) + l1(0) + l2(0)";
        QTest::newRow("one term with a penalty") << "mse + l2(0.1)"
                                                 << "1*(mse) + l1(0) + l2(0.1)";
        QTest::newRow("spaces and upper case") << " 2 * ( mse ) + L1( 0.5 ) "
                                               << "2*(mse) + l1(0.5) + l2(0)";
        QTest::newRow("exponent in a weight") << "1e+1*(mae) + 2.5E+0*(mse)"
                                              << "10*(mae) + 2.5*(mse) + l1(0) + l2(0)";
        QTest::newRow("scaled term") << "0.5*(huber:delta=1e+0,scale=2) + 0.5*mae"
                                     << "0.5*(huber:delta=1,scale=2) + 0.5*(mae) + l1(0) + l2(0)";
        QTest::newRow("formula term") << "0.5*(formula:e^2 + abs(e)) + 0.5*(mse)"
                                      << "0.5*(formula:e^2 + abs(e)) + 0.5*(mse) + l1(0) + l2(0)";
        QTest::newRow("classification") << "0.5*(bce) + 0.5*(hinge) + l2(1)"
                                        << "0.5*(bce:pos_weight=1,smoothing=0) + 0.5*(hinge) + "
                                           "l1(0) + l2(1)";
    }

    void canonicalSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        QString error;
        const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
        QVERIFY2(loss, qPrintable(error));
        QCOMPARE(loss->spec(), canonical);
        // The canonical form reads back as the same loss.
        const std::unique_ptr<Loss> again = LossCatalogue::parse(loss->spec(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->spec(), canonical);
    }

    void singleLossesAreNotComposite()
    {
        for (const char *spec : {"mse", "huber:delta=1e+3", "formula:e^2 + 2*e", "barron:alpha=-inf",
                                 "cross_entropy:weights=1|2|3"}) {
            QVERIFY2(!CompositeLoss::isCompositeSpec(QString::fromLatin1(spec)), spec);
            QVERIFY(parseOrFail(QString::fromLatin1(spec)) != nullptr);
        }
    }

    void rejectsBadComposites_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("mixed kinds") << "mse + bce" << "a composite adds losses of one kind";
        QTest::newRow("negative weight") << "-1*(mse) + mae" << "weight \"-1\"";
        QTest::newRow("text weight") << "a*(mse) + mae" << "weight \"a\"";
        QTest::newRow("empty term") << "mse + " << "term 2 of the composite loss \"mse +\" is empty";
        QTest::newRow("unbalanced") << "0.5*(mse + mae" << "unbalanced parentheses";
        QTest::newRow("nested") << "0.5*(mse + mae) + mae" << "is itself a composite";
        QTest::newRow("penalty twice") << "mse + l2(1) + l2(2)" << "l2 is given twice";
        QTest::newRow("negative penalty") << "mse + l1(-1)" << "needs a number in [0, 1e+06]";
        QTest::newRow("penalty alone") << "l1(1) + l2(1)" << "no loss to add them to";
        QTest::newRow("unknown term") << "mse + l3(1)" << "term 2 of the composite loss: unknown loss";
        QTest::newRow("bad term parameter") << "mse + huber:delta=0"
                                            << "term 2 of the composite loss: huber: delta=0";
        QTest::newRow("estimated scale") << "mse + huber:scale=mad" << "has scale=mad";
        QTest::newRow("two stars") << "2*3*(mse) + mae" << "more than one '*'";
    }

    void rejectsBadComposites()
    {
        QFETCH(QString, spec);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!LossCatalogue::parse(spec, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void valuesAreWeightedSums()
    {
        const auto composite = parseOrFail(QStringLiteral("0.7*(huber:delta=1.5) + 0.3*(logcosh) + "
                                                          "2*(cauchy:c=0.5) + l2(3)"));
        QVERIFY(composite);
        QCOMPARE(composite->kind(), LossKind::Regression);
        QVERIFY(!composite->isConvex());
        const auto huber = parseOrFail(QStringLiteral("huber:delta=1.5"));
        const auto logcosh = parseOrFail(QStringLiteral("logcosh"));
        const auto cauchy = parseOrFail(QStringLiteral("cauchy:c=0.5"));
        for (const double e : {-40.0, -2.0, -1.0, -0.3, 0.0, 1e-9, 0.7, 1.5, 3.0, 1e6}) {
            const LossDerivatives a = huber->evaluate(e, 0.0);
            const LossDerivatives b = logcosh->evaluate(e, 0.0);
            const LossDerivatives c = cauchy->evaluate(e, 0.0);
            compareDerivatives(composite->evaluate(e, 0.0),
                               0.7 * a.value + 0.3 * b.value + 2 * c.value,
                               0.7 * a.first + 0.3 * b.first + 2 * c.first,
                               0.7 * a.second + 0.3 * b.second + 2 * c.second, 1e-15, 1e-300,
                               1e-300);
            COMPARE_NEAR(composite->value(e, 0.0), composite->evaluate(e, 0.0).value,
                         relativeTolerance(composite->evaluate(e, 0.0).value, 1e-15, 1e-300));
            if (std::abs(std::abs(e) - 1.5) > 1e-3)
                compareWithDifferences(*composite, e, 0.0, 100.0);
        }
        // The weights are parameters, so sliders can move them.
        const auto keys = composite->parameters();
        QCOMPARE(int(keys.size()), 5);
        QCOMPARE(keys[0].key, QStringLiteral("weight1"));
        QCOMPARE(keys[3].key, QStringLiteral("l1"));
        composite->setParameterValue(1, 0.0);
        composite->setParameterValue(4, 0.25);
        QCOMPARE(composite->spec(),
                 QStringLiteral("0.7*(huber:delta=1.5) + 0*(logcosh) + 2*(cauchy:c=0.5) + l1(0) + "
                                "l2(0.25)"));
        QCOMPARE(composite->weightPenalty().l2, 0.25);
        QCOMPARE(composite->clone()->spec(), composite->spec());
    }

    void penaltyEntersTheObjective()
    {
        const auto data = stackLossData();
        const auto loss = parseLoss(QStringLiteral("0.5*(mse) + 0.5*(huber:delta=2) + l1(0.3) + "
                                                   "l2(0.7)"));
        const auto plain = parseLoss(QStringLiteral("0.5*(mse) + 0.5*(huber:delta=2)"));
        const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
        const LineObjective objective(data, loss, scaling);
        const LineObjective unpenalized(data, plain, scaling);
        for (const Eigen::Vector2d &theta : {Eigen::Vector2d(1.5, 17.0), Eigen::Vector2d(-2.0, 3.0)}) {
            const double w = theta[0];
            const double penalty = 0.3 * std::abs(w) + 0.7 * w * w;
            COMPARE_NEAR(objective.value(theta), unpenalized.value(theta) + penalty, 1e-12);
            const ObjectiveValue full = objective.evaluate(theta);
            const ObjectiveValue base = unpenalized.evaluate(theta);
            COMPARE_NEAR(full.value, base.value + penalty, 1e-12);
            COMPARE_NEAR(full.gradient[0], base.gradient[0] + 0.3 * (w > 0 ? 1 : -1) + 1.4 * w,
                         1e-12);
            COMPARE_NEAR(full.gradient[1], base.gradient[1], 0.0);
            COMPARE_NEAR(full.hessian(0, 0), base.hessian(0, 0) + 1.4, 1e-12);
            COMPARE_NEAR(full.hessian(1, 1), base.hessian(1, 1), 0.0);
        }
    }

    // mean (w x + b - y)^2 + l2 w^2 has its minimum at w = Sxy / (Sxx + l2), b = mean(y) -
    // w mean(x), on whichever feature training uses.
    void ridgeLineMatchesClosedForm()
    {
        const auto data = stackLossData();
        for (const bool standardize : {false, true}) {
            const FeatureScaling scaling = standardize
                                               ? FeatureScaling::standardizing(data->feature)
                                               : FeatureScaling::identity();
            const double strength = standardize ? 4.0 : 30.0;
            const LineObjective objective(
                data, parseLoss(QStringLiteral("mse + l2(%1)").arg(strength)), scaling);
            const Moments m = momentsOf(*data, scaling);
            const double w = m.covariance / (m.featureVariance + strength);
            const double b = m.targetMean - w * m.featureMean;
            const MinimumResult minimum = findMinimum(objective, {0.0, 0.0});
            QCOMPARE(minimum.status, MinimumStatus::Global);
            COMPARE_NEAR(minimum.theta[0], w, 1e-9 * std::abs(w));
            COMPARE_NEAR(minimum.theta[1], b, 1e-9 * std::abs(b));
        }
    }

    // With an L1 penalty the slope is soft-thresholded: w = sign(Sxy) max(0, |Sxy| - l1 / 2) /
    // Sxx, and exactly 0 once l1 >= 2 |Sxy|.
    void lassoLineMatchesClosedForm()
    {
        const auto data = stackLossData();
        const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
        const Moments m = momentsOf(*data, scaling);
        for (const double strength : {0.5, 5.0, 2.0 * std::abs(m.covariance) + 1.0}) {
            const LineObjective objective(
                data, parseLoss(QStringLiteral("mse + l1(%1)").arg(formatNumber(strength))),
                scaling);
            const double shrunk = std::max(0.0, std::abs(m.covariance) - strength / 2.0);
            const double w = std::copysign(shrunk, m.covariance) / m.featureVariance;
            const double b = m.targetMean - w * m.featureMean;
            const MinimumResult minimum = findMinimum(objective, {1.0, 1.0});
            QCOMPARE(minimum.status, MinimumStatus::Global);
            COMPARE_NEAR(minimum.theta[0], w, 1e-7 * (1.0 + std::abs(w)));
            COMPARE_NEAR(minimum.theta[1], b, 1e-7 * (1.0 + std::abs(b)));
        }
    }

    // The penalty is on the weight that training uses, so a standardized objective and a raw
    // one with the same penalty have different minima. The minimizer's detour through the
    // standardized feature must keep the raw objective's penalty.
    void rawPenaltySurvivesTheMinimizersDetour()
    {
        const auto data = stackLossData();
        const auto loss = parseLoss(QStringLiteral("huber:delta=3 + l2(0.05)"));
        const LineObjective raw(data, loss, FeatureScaling::identity());
        const MinimumResult minimum = findMinimum(raw, {0.0, 0.0});
        QCOMPARE(minimum.status, MinimumStatus::Global);
        const ObjectiveValue atMinimum = raw.evaluate(minimum.theta);
        // The gradient of the raw objective vanishes there, relative to its parts.
        COMPARE_NEAR(atMinimum.gradient[0], 0.0, 1e-8);
        COMPARE_NEAR(atMinimum.gradient[1], 0.0, 1e-8);
    }

    void penaltyGivesSeparableClassesAMinimum()
    {
        const auto data = makeDataset({-3, -2, -1, 1, 2, 3}, {0, 0, 0, 1, 1, 1});
        const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
        const LineObjective plain(data, parseLoss(QStringLiteral("bce")), scaling);
        QCOMPARE(findMinimum(plain, {0.0, 0.0}).status, MinimumStatus::NotAttained);
        const LineObjective penalized(data, parseLoss(QStringLiteral("bce + l2(0.1)")), scaling);
        const MinimumResult minimum = findMinimum(penalized, {0.0, 0.0});
        QCOMPARE(minimum.status, MinimumStatus::Global);
        const ObjectiveValue atMinimum = penalized.evaluate(minimum.theta);
        QVERIFY(atMinimum.gradient.norm() < 1e-12);
        // One class only still has no minimum: the penalty leaves the intercept free.
        const auto oneClass = makeDataset({-1, 0, 1}, {1, 1, 1});
        const LineObjective single(oneClass, parseLoss(QStringLiteral("bce + l2(0.1)")),
                                   FeatureScaling::standardizing(oneClass->feature));
        QCOMPARE(findMinimum(single, {0.0, 0.0}).status, MinimumStatus::NotAttained);
    }
};

QTEST_GUILESS_MAIN(CompositeLossTest)
#include "tst_compositeloss.moc"
