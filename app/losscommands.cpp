#include "losscommands.h"

#include "commandsupport.h"

#include "ui/lossinfo.h"

#include "core/losscatalogue.h"
#include "core/losses/crossentropy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cmath>
#include <memory>
#include <vector>

namespace losslens {

namespace {

// tr() of this file's messages, in the "LossCommands" context of the translation files.
struct LossCommands
{
    Q_DECLARE_TR_FUNCTIONS(LossCommands)
};

// A CSV field as RFC 4180 writes it: quoted, with inner quotes doubled, when it contains a
// comma, a quote or a line break.
QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Returns the number of labels of a classification loss, whose labels run from 0 to that number
// minus 1. Binary losses take 2. Cross-entropy takes K, the number of its weights, because its
// label is the index of the true class.
// NOTE: a virtual Loss::labelCount() in the core would let each loss state this itself.
int labelCount(const Loss &loss)
{
    if (const auto *crossEntropy = dynamic_cast<const CrossEntropyLoss *>(&loss))
        return crossEntropy->classCount();
    return 2;
}

int listLosses(QTextStream &output)
{
    output << LossCommands::tr("Losses, written NAME or NAME:key=value,key=value:") << '\n'
           << LossCommands::tr("Each formula is in the error e, or in the logit z and the margin "
                               "m = (2y − 1) z for a 0/1 label y.")
           << "\n\n";
    for (const QString &name : LossCatalogue::names()) {
        const std::unique_ptr<Loss> loss = LossCatalogue::create(name);
        const QString input =
            loss->kind() == LossKind::Regression
                ? LossCommands::tr(
                      "regression, on the error e = prediction - target; takes no label")
            : loss->fitsLineModel()
                ? LossCommands::tr("classification, on the logit z with a 0/1 label")
                : LossCommands::tr(
                      "classification, on the true class's logit z; the label is the true "
                      "class's index, 0 to K - 1 for K weights; drawn, never fitted");
        output << name << "  (" << loss->displayName() << "; " << input << ")\n";
        // The formula comes from the window's info page, so that both show the same one.
        if (const QString formula = lossFormula(*loss); !formula.isEmpty())
            output << "    " << formula << '\n';
        const auto parameters = loss->parameters();
        if (parameters.empty())
            output << "    " << LossCommands::tr("no parameters") << '\n';
        for (const LossParameter &parameter : parameters) {
            if (parameter.isList) {
                const QString count =
                    parameter.minimumItems == parameter.maximumItems
                        ? LossCommands::tr("exactly %1 items").arg(parameter.minimumItems)
                        : LossCommands::tr("%1 to %2 items")
                              .arg(parameter.minimumItems)
                              .arg(parameter.maximumItems);
                output << "    " << parameter.key << ": "
                       << LossCommands::tr(
                              "list of %1 separated by '|', default %2, each item in [%3, %4]. %5")
                              .arg(count, formatList(parameter.defaultList),
                                   formatNumber(parameter.minimum), formatNumber(parameter.maximum),
                                   parameter.description)
                       << '\n';
                continue;
            }
            output << "    " << parameter.key << ": "
                   << LossCommands::tr("default %1, range [%2, %3]. %4")
                          .arg(formatNumber(parameter.defaultValue),
                               formatNumber(parameter.minimum), formatNumber(parameter.maximum),
                               parameter.description)
                   << '\n';
        }
        if (loss->acceptsResidualScale()) {
            output << "    "
                   << LossCommands::tr(
                          "scale: optional, default 1 (left out of the canonical form). The loss "
                          "is rho(e / scale); scale=mad estimates it from the data as "
                          "median(|residual|) / Phi^-1(3/4), where the normal quartile "
                          "Phi^-1(3/4) is about 0.67449, at the fit it gives, as statsmodels' "
                          "RLM does; a fixed scale is a number in [%1, %2].")
                          .arg(formatNumber(LossCatalogue::minimumResidualScale),
                               formatNumber(LossCatalogue::maximumResidualScale))
                   << '\n';
        }
        output << "    " << LossCommands::tr("canonical form: %1").arg(loss->spec()) << '\n';
    }
    output << '\n'
           << LossCommands::tr(
                  "formula:EXPR  (a custom loss; everything after the colon is the expression)")
           << '\n'
           << "    "
           << LossCommands::tr(
                  "EXPR is in e for a regression loss, or in the logit z and the 0/1 label y for a "
                  "classification loss, as in formula:log(cosh(e)) or formula:log(1+exp(-z)).")
           << '\n'
           << "    "
           << LossCommands::tr(
                  "It may use numbers, + - * / ^, parentheses and abs, exp, log, sqrt, sin, cos, "
                  "tan, tanh, cosh, sinh, atan; its derivatives are exact.")
           << '\n'
           << '\n'
           << LossCommands::tr("W1*(LOSS1) + W2*(LOSS2) + ... + l1(A) + l2(B)  (a composite loss)")
           << '\n'
           << "    "
           << LossCommands::tr(
                  "A weighted sum of losses of one kind, each weight in [0, 1e6], plus a penalty "
                  "l1 |w| + l2 w^2 on the model's weight (never the intercept), in [0, 1e6] each; "
                  "both penalties together make the elastic net. A term without a weight has "
                  "weight 1, and its parentheses may be left out when its spec has no '+', '*' "
                  "or parentheses, as in mse + l2(0.1). Its parameters are weight1 .. weightK, "
                  "l1 and l2. Canonical form, as in: 0.7*(huber:delta=1.5) + 0.3*(mae) + l1(0) + "
                  "l2(0.1)")
           << '\n'
           << '\n'
           << LossCommands::tr(
                  "losslens curves --label sets the label of classification losses (default 1): "
                  "0 or 1 for binary losses, the true class's index for cross_entropy. Regression "
                  "losses take no label; see losslens curves --help.")
           << '\n';
    return 0;
}

int fail(QTextStream &errors, const QString &message)
{
    errors << "losslens curves: " << message << Qt::endl;
    return 2;
}

// The parser names the program by its file, so the usage line is rewritten to name the
// subcommand too.
QString subcommandHelp(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    text.replace(0, text.indexOf(QLatin1Char('\n')),
                 QStringLiteral("Usage: losslens %1 [options]").arg(command));
    return text;
}

// "losslens losses" takes --help alone.
int runListCommand(const QStringList &arguments, QTextStream &output, QTextStream &errors)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  LossCommands::tr("Print this help and exit."));
    parser.setApplicationDescription(LossCommands::tr(
        "Lists every loss with its kind, its formula, its parameters with their defaults and "
        "ranges, and its canonical form, then how to write a formula or a composite loss."));
    parser.addOption(help);
    const auto failList = [&errors](const QString &message) {
        errors << "losslens losses: " << message << Qt::endl;
        return 2;
    };
    if (!parser.parse(arguments)) {
        QString reason = parser.errorText();
        if (reason.endsWith(QLatin1Char('.')))
            reason.chop(1);
        return failList(LossCommands::tr("%1; see losslens losses --help.").arg(reason));
    }
    if (parser.isSet(help)) {
        output << subcommandHelp(parser, QStringLiteral("losses"));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return failList(LossCommands::tr("takes no arguments, got \"%1\".")
                            .arg(parser.positionalArguments().constFirst()));
    return listLosses(output);
}

int writeCurves(const QStringList &arguments, QTextStream &output, QTextStream &errors)
{
    QCommandLineParser parser;
    const QCommandLineOption loss(QStringLiteral("loss"),
                                  LossCommands::tr("Loss specification; repeat for several."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption from(QStringLiteral("from"), LossCommands::tr("First input value."),
                                  QStringLiteral("A"));
    const QCommandLineOption to(QStringLiteral("to"), LossCommands::tr("Last input value."),
                                QStringLiteral("B"));
    const QCommandLineOption points(
        QStringLiteral("points"),
        LossCommands::tr("Number of evenly spaced inputs, both ends included."),
        QStringLiteral("N"));
    const QCommandLineOption label(
        QStringLiteral("label"),
        LossCommands::tr(
            "Label of the classification losses (default 1): 0 or 1 for binary losses; for "
            "cross_entropy, the index of the true class, 0 to K - 1 for K weights. Regression "
            "losses take no label and leave the label column empty; --label with regression "
            "losses alone is an error."),
        QStringLiteral("LABEL"), QStringLiteral("1"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  LossCommands::tr("Print this help and exit."));
    parser.setApplicationDescription(LossCommands::tr(
        "Writes CSV with the header spec,label,x,loss,gradient,second_derivative: each loss "
        "at N evenly spaced inputs from A to B, the error e for regression losses and the "
        "logit z for classification losses. Where the loss is infinite, it reads inf or -inf, "
        "where it is undefined, inf, and in both cases the two derivatives are left empty. "
        "A derivative that does not exist where the loss does, as for formula:e^e at -1, is "
        "left empty too."));
    parser.addOptions({loss, from, to, points, label, help});
    if (!parser.parse(arguments))
        return fail(errors, parser.errorText());
    if (parser.isSet(help)) {
        output << subcommandHelp(parser, QStringLiteral("curves"));
        return 0;
    }
    // The arguments start with the program's name, which the parser leaves out.
    if (!parser.positionalArguments().isEmpty())
        return fail(errors, LossCommands::tr("unexpected argument \"%1\".")
                                .arg(parser.positionalArguments().constFirst()));
    if (const QString repeated = repeatedOptionError(parser, {&from, &to, &points, &label});
        !repeated.isEmpty())
        return fail(errors, repeated);

    std::vector<std::unique_ptr<Loss>> losses;
    for (const QString &spec : parser.values(loss)) {
        QString error;
        std::unique_ptr<Loss> parsed = LossCatalogue::parse(spec, &error);
        if (!parsed)
            return fail(errors, error);
        if (parsed->residualScale().isEstimatedFromData()) {
            return fail(errors, LossCommands::tr(
                                    "%1: scale=mad is estimated from data, and curves reads none; "
                                    "give a fixed scale such as scale=2.")
                                    .arg(parsed->spec()));
        }
        losses.push_back(std::move(parsed));
    }
    if (losses.empty())
        return fail(errors,
                    LossCommands::tr("give at least one --loss, such as --loss huber:delta=1.5."));
    const auto first = finiteNumber(parser.value(from));
    const auto last = finiteNumber(parser.value(to));
    if (!first || !last)
        return fail(errors, LossCommands::tr(
                                "--from and --to must be finite numbers, got \"%1\" and \"%2\".")
                                .arg(parser.value(from), parser.value(to)));
    bool ok = false;
    const int count = parser.value(points).toInt(&ok);
    if (!ok || count < 1 || count > 10'000'000)
        return fail(errors, LossCommands::tr(
                                "--points must be a whole number from 1 to 10000000, got \"%1\".")
                                .arg(parser.value(points)));
    const QString labelText = parser.value(label).trimmed();
    bool isWholeNumber = false;
    const int labelIndex = labelText.toInt(&isWholeNumber);
    if (!isWholeNumber || labelIndex < 0)
        return fail(errors, LossCommands::tr(
                                "--label must be 0 or 1 for binary classification losses, or a "
                                "class index from 0 to K - 1 for cross_entropy with K weights; "
                                "got \"%1\".")
                                .arg(labelText));
    bool anyClassifier = false;
    for (const auto &curve : losses) {
        if (curve->kind() != LossKind::Classification)
            continue;
        anyClassifier = true;
        const int count = labelCount(*curve);
        if (labelIndex < count)
            continue;
        if (curve->fitsLineModel())
            return fail(errors, LossCommands::tr(
                                    "--label %1 is invalid for %2, a binary classification loss; "
                                    "give 0 or 1.")
                                    .arg(labelText, curve->spec()));
        return fail(errors, LossCommands::tr(
                                "--label %1 is not a class of %2, which has %3 classes; give a "
                                "class index from 0 to %4.")
                                .arg(labelText, curve->spec())
                                .arg(count)
                                .arg(count - 1));
    }
    if (parser.isSet(label) && !anyClassifier)
        return fail(errors, LossCommands::tr(
                                "--label applies to classification losses only, and every --loss "
                                "given is a regression loss; leave --label out."));
    const double labelValue = labelIndex;

    output << "spec,label,x,loss,gradient,second_derivative\n";
    for (const auto &curve : losses) {
        const bool classifier = curve->kind() == LossKind::Classification;
        const QString specField = csvField(curve->spec());
        const QString labelField = classifier ? QString::number(labelIndex) : QString();
        // A full disk or a closed pipe ends the output early rather than after every row.
        for (int k = 0; k < count && output.status() == QTextStream::Ok; ++k) {
            // One point is A alone. Otherwise the last point is B itself rather than A plus a
            // rounded multiple of the spacing.
            // (1 - t) A + t B cannot overflow where B - A would, as for -1e308 to 1e308.
            double x = *first;
            if (count > 1) {
                const double t = double(k) / double(count - 1);
                x = k == count - 1 ? *last : (1.0 - t) * *first + t * *last;
            }
            const LossDerivatives d = curve->evaluate(x, labelValue);
            // Where the loss is infinite or undefined (a typed formula writes both as inf), its
            // derivatives mean nothing, so their fields stay empty, as the view leaves a gap.
            // A typed formula may also lack a derivative where its value exists, as e^e at -1.
            const bool defined = std::isfinite(d.value);
            const bool firstDefined = defined && d.firstDefined;
            const bool secondDefined = defined && d.secondDefined;
            // Adding 0.0 turns -0 into 0, which a reader of the file takes for the same value.
            output << specField << ',' << labelField << ',' << formatNumber(x + 0.0) << ','
                   << formatNumber(d.value + 0.0) << ','
                   << (firstDefined ? formatNumber(d.first + 0.0) : QString()) << ','
                   << (secondDefined ? formatNumber(d.second + 0.0) : QString()) << '\n';
        }
    }
    return 0;
}

} // namespace

bool isLossCommand(const QStringList &arguments)
{
    return arguments.size() > 1 &&
           (arguments[1] == QLatin1String("losses") || arguments[1] == QLatin1String("curves"));
}

int runLossCommand(const QStringList &arguments, QTextStream &output, QTextStream &errors)
{
    QStringList rest = arguments;
    rest.removeAt(1);
    const bool list = arguments[1] == QLatin1String("losses");
    const int status =
        list ? runListCommand(rest, output, errors) : writeCurves(rest, output, errors);
    // The text reaches a full disk or a closed pipe only as it is flushed, so success waits for
    // the last flush.
    if (const QString outputError = standardOutputError(output); !outputError.isEmpty()) {
        if (status == 0)
            errors << (list ? "losslens losses: " : "losslens curves: ") << outputError << Qt::endl;
        return 2;
    }
    return status;
}

} // namespace losslens
